import { statementCache, type Db } from './db';
import { groupCommitOf } from './group-commit';
import { rowCache } from './row-cache';
import type { MemberPatch, MemberRepo, MemberRow } from '../../features/member/repo';

const COLUMNS = `id, openid, nickname, real_name AS realName, phone, org_id AS orgId, points,
  consent_version AS consentVersion, consent_at AS consentAt, elder_mode AS elderMode, created_at AS createdAt, updated_at AS updatedAt`;

type StoredMember = Omit<MemberRow, 'elderMode'> & { elderMode: 0 | 1 };
/** SQLite keeps a boolean as 0/1. */
const memberOf = (row: StoredMember | undefined): MemberRow | undefined => row && { ...row, elderMode: row.elderMode === 1 };

export function sqliteMemberRepo(db: Db): MemberRepo {
  const byId = db.prepare(`SELECT ${COLUMNS} FROM members WHERE id = ?`);
  const byOpenid = db.prepare(`SELECT ${COLUMNS} FROM members WHERE openid = ?`);
  const insert = db.prepare(`INSERT INTO members (openid, nickname, created_at, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT(openid) DO NOTHING`);
  const consentInsert = db.prepare('INSERT INTO privacy_consents (member_id, version, agreed_at) VALUES (?, ?, ?)');
  const consentSet = db.prepare('UPDATE members SET consent_version = ?, consent_at = ?, updated_at = ? WHERE id = ?');

  // A statement per patch shape (at most 32), so a save sets only the columns it changes: a nickname edit
  // then neither rewrites the members_org index entry nor re-checks the org's foreign key.
  const PATCH_COLUMNS = { nickname: 'nickname', realName: 'real_name', phone: 'phone', orgId: 'org_id', elderMode: 'elder_mode' } as const;
  const prepared = statementCache(db);
  const updateStmtFor = (fields: (keyof typeof PATCH_COLUMNS)[]) =>
    prepared(`UPDATE members SET ${[...fields.map((f) => `${PATCH_COLUMNS[f]} = @${f}`), 'updated_at = @at'].join(', ')} WHERE id = @id`);

  const read = (id: number) => memberOf(byId.get(id) as StoredMember | undefined);
  const readByOpenid = (openid: string) => memberOf(byOpenid.get(openid) as StoredMember | undefined);
  // Every signed-in request starts by reading its member: kept in memory (frozen, so no caller edits the copy).
  const members = rowCache<number, MemberRow>(db, { tables: ['members'], keyColumn: 'id', max: 20_000 });
  const get = (id: number) =>
    members.get(id, () => {
      const row = read(id);
      return row && Object.freeze(row);
    });
  const inGroupCommit = groupCommitOf(db);

  return {
    async getById(id) {
      return get(id);
    },
    async getByOpenid(openid) {
      return readByOpenid(openid);
    },
    async findOrCreateByOpenid(openid, nickname) {
      const found = readByOpenid(openid);
      if (found) return found;
      const now = new Date().toISOString();
      insert.run(openid, nickname, now, now);
      return readByOpenid(openid)!;
    },
    async update(id, patch: MemberPatch, at) {
      const fields = (Object.keys(PATCH_COLUMNS) as (keyof typeof PATCH_COLUMNS)[]).filter((f) => patch[f] !== undefined);
      const params: Record<string, unknown> = { id, at: at.toISOString() };
      for (const f of fields) params[f] = typeof patch[f] === 'boolean' ? Number(patch[f]) : (patch[f] ?? null);
      const stmt = updateStmtFor(fields);
      // In the shared group commit: a burst of profile saves (a class filling in its 家长 details) pays one commit.
      // (Reading the row back costs less than UPDATE … RETURNING, which SQLite buffers through a temporary table.)
      const { saved, mark } = await inGroupCommit(
        () => {
          stmt.run(params);
          return { saved: get(id)!, mark: members.mark() };
        },
        { oneStatement: true },
      );
      members.put(id, saved, mark); // committed: the member's next request need not read it back
      return saved;
    },
    async recordConsent(id, version, at) {
      db.transaction(() => {
        consentInsert.run(id, version, at.toISOString());
        consentSet.run(version, at.toISOString(), at.toISOString(), id);
      })();
      return get(id)!;
    },
    async consents(id) {
      return db.prepare('SELECT version, agreed_at AS agreedAt, NULL AS withdrawnAt FROM privacy_consents WHERE member_id = ? ORDER BY id').all(id) as {
        version: string;
        agreedAt: string;
        withdrawnAt: string | null;
      }[];
    },
    async delete(id, at) {
      db.transaction(() => {
        const m = get(id);
        if (!m) return;
        db.prepare('INSERT INTO deleted_members (org_id, deleted_at) VALUES (?, ?)').run(m.orgId, at.toISOString());
        // Feature tables declare ON DELETE CASCADE for personal rows and ON DELETE SET NULL for rows
        // that feed aggregate counts, so this one statement is the whole deletion.
        db.prepare('DELETE FROM members WHERE id = ?').run(id);
      })();
    },
  };
}
