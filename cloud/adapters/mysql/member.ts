import { placeholders, qualified, type MysqlDb, type Sql } from './db';
import { grouped, READ_GROUPS } from './group';
import type { MemberPatch, MemberRepo, MemberRow } from '../../features/member/repo';
import type { AdminOrg } from '../../core/access';

const COLUMNS = `id, openid, nickname, real_name AS realName, phone, org_id AS orgId, points,
  consent_version AS consentVersion, consent_at AS consentAt, elder_mode AS elderMode, created_at AS createdAt, updated_at AS updatedAt`;

type StoredMember = Omit<MemberRow, 'elderMode'> & { elderMode: number };
/** MySQL keeps a boolean as TINYINT. */
const memberOf = (row: StoredMember | undefined): MemberRow | undefined => row && { ...row, elderMode: row.elderMode === 1 };

const PATCH_COLUMNS = { nickname: 'nickname', realName: 'real_name', phone: 'phone', orgId: 'org_id', elderMode: 'elder_mode' } as const;
type PatchField = keyof typeof PATCH_COLUMNS;

type SignedIn = { member: MemberRow; adminOrgs: AdminOrg[] };
type GrantColumns = { grantOrgId: string | null; grantOrgName: string | null; grantOrgLevel: number | null; grantOrgPath: string | null };

/**
 * The member and their admin grants, which every signed-in request asks for: the requests arriving together are
 * answered by one statement.
 */
export function signedInMembers(db: MysqlDb): (id: number) => Promise<SignedIn | undefined> {
  return grouped<number, SignedIn | undefined>(async (ids) => {
    const unique = [...new Set(ids)];
    // One join, sorted here: the grants' order by a second statement cost the database a temporary table per group.
    const rows = await db.rows<StoredMember & GrantColumns>(
      `SELECT ${qualified(COLUMNS, 'm')}, o.id AS grantOrgId, o.name AS grantOrgName, o.level AS grantOrgLevel, o.path AS grantOrgPath
         FROM members m LEFT JOIN admin_grants g ON g.openid = m.openid LEFT JOIN orgs o ON o.id = g.org_id
         WHERE m.id IN (${placeholders(unique.length)})`,
      unique,
    );
    const byId = new Map<number, SignedIn>();
    for (const { grantOrgId, grantOrgName, grantOrgLevel, grantOrgPath, ...r } of rows) {
      const signedIn = byId.get(Number(r.id)) ?? { member: memberOf(r)!, adminOrgs: [] };
      byId.set(Number(r.id), signedIn);
      if (grantOrgId !== null) signedIn.adminOrgs.push({ id: grantOrgId, name: grantOrgName!, level: Number(grantOrgLevel), path: grantOrgPath! });
    }
    for (const { adminOrgs } of byId.values()) adminOrgs.sort((a, b) => a.level - b.level || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return ids.map((id) => byId.get(id));
  }, READ_GROUPS);
}

/**
 * Members on MySQL. No row is cached in the process: another host may change a member at any moment
 * (a profile saved there, points paid there), and a primary-key read is cheap.
 */
export function mysqlMemberRepo(db: MysqlDb): MemberRepo {
  const byId = async (sql: Sql, id: number) => memberOf(await sql.row<StoredMember>(`SELECT ${COLUMNS} FROM members WHERE id = ?`, [id]));
  const byOpenid = async (openid: string) => memberOf(await db.row<StoredMember>(`SELECT ${COLUMNS} FROM members WHERE openid = ?`, [openid]));

  return {
    getById: (id) => byId(db, id),
    getByOpenid: byOpenid,
    async findOrCreateByOpenid(openid, nickname) {
      const found = await byOpenid(openid);
      if (found) return found;
      const now = new Date().toISOString();
      // Two first calls at once: the unique key on openid lets one insert through; both then read that row.
      await db.insertUnique('INSERT INTO members (openid, nickname, created_at, updated_at) VALUES (?, ?, ?, ?)', [openid, nickname, now, now]);
      return (await byOpenid(openid))!;
    },
    async update(id, patch: MemberPatch, at) {
      const fields = (Object.keys(PATCH_COLUMNS) as PatchField[]).filter((f) => patch[f] !== undefined);
      const sets = [...fields.map((f) => `${PATCH_COLUMNS[f]} = ?`), 'updated_at = ?'].join(', ');
      const values = fields.map((f) => (typeof patch[f] === 'boolean' ? Number(patch[f]) : (patch[f] ?? null)));
      return db.tx(async (sql) => {
        await sql.run(`UPDATE members SET ${sets} WHERE id = ?`, [...values, at.toISOString(), id]);
        return (await byId(sql, id))!;
      });
    },
    async recordConsent(id, version, at) {
      return db.tx(async (sql) => {
        await sql.run('INSERT INTO privacy_consents (member_id, version, agreed_at) VALUES (?, ?, ?)', [id, version, at.toISOString()]);
        await sql.run('UPDATE members SET consent_version = ?, consent_at = ?, updated_at = ? WHERE id = ?', [version, at.toISOString(), at.toISOString(), id]);
        return (await byId(sql, id))!;
      });
    },
    async consents(id) {
      return db.rows<{ version: string; agreedAt: string; withdrawnAt: string | null }>(
        'SELECT version, agreed_at AS agreedAt, NULL AS withdrawnAt FROM privacy_consents WHERE member_id = ? ORDER BY agreed_at, id',
        [id],
      );
    },
    async delete(id, at) {
      await db.tx(async (sql) => {
        const m = await sql.row<{ orgId: string | null }>('SELECT org_id AS orgId FROM members WHERE id = ? FOR UPDATE', [id]);
        if (!m) return;
        await sql.run('INSERT INTO deleted_members (org_id, deleted_at) VALUES (?, ?)', [m.orgId, at.toISOString()]);
        // Feature tables declare ON DELETE CASCADE for personal rows and ON DELETE SET NULL for rows that
        // feed aggregate counts, so this one statement is the whole deletion.
        await sql.run('DELETE FROM members WHERE id = ?', [id]);
      });
    },
  };
}
