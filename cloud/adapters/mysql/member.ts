import { placeholders, type MysqlDb, type Sql } from './db';
import { grouped } from './group';
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

/**
 * The member and their admin grants, which every signed-in request asks for: the requests arriving together are
 * answered by one round trip of two statements.
 */
export function signedInMembers(db: MysqlDb): (id: number) => Promise<SignedIn | undefined> {
  return grouped<number, SignedIn | undefined>(
    async (ids) => {
      const unique = [...new Set(ids)];
      const [members, grants] = await db.batch([
        { sql: `SELECT ${COLUMNS} FROM members WHERE id IN (${placeholders(unique.length)})`, params: unique },
        {
          sql: `SELECT m.id AS memberId, o.id, o.name, o.level, o.path FROM members m JOIN admin_grants g ON g.openid = m.openid JOIN orgs o ON o.id = g.org_id
                WHERE m.id IN (${placeholders(unique.length)}) ORDER BY o.level, o.id`,
          params: unique,
        },
      ]);
      const byId = new Map<number, SignedIn>();
      for (const r of members.rows as unknown as StoredMember[]) byId.set(Number(r.id), { member: memberOf(r)!, adminOrgs: [] });
      for (const { memberId, ...org } of grants.rows) byId.get(Number(memberId))?.adminOrgs.push(org as unknown as AdminOrg);
      return ids.map((id) => byId.get(id));
    },
    { inFlight: 2, maxGroup: 200 },
  );
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
