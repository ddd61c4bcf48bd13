import { isDuplicateKey, placeholders, valueRows, valuesOf, type MysqlDb, type Sql, type Statement } from './db';
import type { PointsEntry } from '../../contracts/member';
import type { PointsAward, PointsRepo } from '../../features/points/repo';

/**
 * Awards' ledger rows and the balances they move, in that order, as two statements (none for no award): sent in one
 * batch, a refKey already paid (errno 1062) stops it at the ledger rows, before any balance. For a caller that holds
 * the members' row locks; `orgId` is each award's member's unit, as read under that lock.
 */
export function pointsStatements(awards: readonly { award: PointsAward; orgId: string | null }[]): Statement[] {
  if (!awards.length) return [];
  const balances = new Map<number, number>();
  for (const { award } of awards) balances.set(award.memberId, (balances.get(award.memberId) ?? 0) + award.delta);
  return [
    {
      sql: `INSERT INTO points_ledger (member_id, org_id, delta, reason, ref_key, created_at) VALUES ${valueRows(awards.length, 6)}`,
      params: valuesOf(awards, ({ award: a, orgId }) => [a.memberId, orgId, a.delta, a.reason, a.refKey, a.at.toISOString()]),
    },
    {
      sql: `UPDATE members SET points = points + CASE id ${[...balances].map(() => 'WHEN ? THEN ?').join(' ')} END WHERE id IN (${placeholders(balances.size)})`,
      params: [...valuesOf(balances, (b) => b), ...balances.keys()],
    },
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
    await sql.batch(pointsStatements([{ award: a, orgId: member.orgId }]));
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
