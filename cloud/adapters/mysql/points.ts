import { isDuplicateKey, type MysqlDb, type Sql, type Statement } from './db';
import type { PointsEntry } from '../../contracts/member';
import type { PointsAward, PointsRepo } from '../../features/points/repo';

/**
 * An award's ledger row and balance, in that order: sent in one batch, a refKey already paid (errno 1062) stops
 * it at the ledger row, before the balance. For a caller that holds the member row's lock.
 */
export function pointsStatements(a: PointsAward, orgId: string | null): Statement[] {
  return [
    {
      sql: 'INSERT INTO points_ledger (member_id, org_id, delta, reason, ref_key, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      params: [a.memberId, orgId, a.delta, a.reason, a.refKey, a.at.toISOString()],
    },
    { sql: 'UPDATE members SET points = points + ? WHERE id = ?', params: [a.delta, a.memberId] },
  ];
}

/**
 * The ledger's one write, for a caller inside a transaction (`db.tx`): the row and the balance together,
 * once per refKey. Features whose own write earns points (交卷, 签到, attendance) call it in that write's
 * transaction, so the two commit together. False when the refKey was already paid (or the member is gone).
 * A caller that already holds the member row's lock passes what it read of it (`lockedMember`).
 */
export async function payPoints(sql: Sql, a: PointsAward, lockedMember?: { orgId: string | null }): Promise<boolean> {
  // The member row is locked first (by primary key): two awards to one member queue here, instead of each
  // taking a shared lock through the ledger's foreign key and then deadlocking on the balance update.
  const member = lockedMember ?? (await sql.row<{ orgId: string | null }>('SELECT org_id AS orgId FROM members WHERE id = ? FOR UPDATE', [a.memberId]));
  if (!member) return false;
  // One round trip: a refKey already paid stops the batch at the ledger row, before the balance.
  try {
    await sql.batch(pointsStatements(a, member.orgId));
    return true;
  } catch (e) {
    if (isDuplicateKey(e)) return false;
    throw e;
  }
}

export function mysqlPointsRepo(db: MysqlDb): PointsRepo {
  return {
    award: (a) => db.tx((sql) => payPoints(sql, a)),
    entries: (memberId, limit = 200) =>
      db.rows<PointsEntry>('SELECT delta, reason, created_at AS createdAt FROM points_ledger WHERE member_id = ? ORDER BY created_at DESC, id DESC LIMIT ?', [
        memberId,
        limit,
      ]),
    async sumSince(memberId, refKeyPrefix, since) {
      const sum = await db.value<number | string>(
        'SELECT COALESCE(SUM(delta), 0) FROM points_ledger WHERE member_id = ? AND LEFT(ref_key, CHAR_LENGTH(?)) = ? AND created_at >= ?',
        [memberId, refKeyPrefix, refKeyPrefix, since.toISOString()],
      );
      return Number(sum);
    },
  };
}
