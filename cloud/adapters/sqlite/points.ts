import { groupCommitOf } from './group-commit';
import type { Db } from './db';
import type { PointsEntry } from '../../contracts/member';
import type { PointsAward, PointsRepo } from '../../features/points/repo';

/**
 * The ledger's one write, for a caller already inside a write transaction: the row and the balance
 * together, once per refKey. Features whose own write earns points (交卷) pay in that same transaction,
 * so a scored attempt and its points commit together.
 */
export function ledgerWriter(db: Db): (a: PointsAward) => boolean {
  const insert = db.prepare(
    `INSERT INTO points_ledger (member_id, org_id, delta, reason, ref_key, created_at)
     SELECT id, org_id, ?, ?, ?, ? FROM members WHERE id = ?
     ON CONFLICT(ref_key) DO NOTHING`,
  );
  const bump = db.prepare('UPDATE members SET points = points + ? WHERE id = ?');
  return (a) => {
    const r = insert.run(a.delta, a.reason, a.refKey, a.at.toISOString(), a.memberId);
    if (r.changes === 0) return false;
    bump.run(a.delta, a.memberId);
    return true;
  };
}

export function sqlitePointsRepo(db: Db): PointsRepo {
  const inGroupCommit = groupCommitOf(db);
  const award = ledgerWriter(db);
  const entries = db.prepare('SELECT delta, reason, created_at AS createdAt FROM points_ledger WHERE member_id = ? ORDER BY id DESC LIMIT ?');
  const sumSince = db
    .prepare(
      `SELECT COALESCE(SUM(delta), 0) FROM points_ledger WHERE member_id = @memberId AND substr(ref_key, 1, length(@prefix)) = @prefix AND created_at >= @since`,
    )
    .pluck();

  return {
    award(a) {
      // Points come in bursts with the actions that earn them (交卷, 签到): they share those commits.
      return inGroupCommit(() => award(a)); // each work runs in its own savepoint: row and balance together
    },
    async entries(memberId, limit = 200) {
      return entries.all(memberId, limit) as PointsEntry[];
    },
    async sumSince(memberId, refKeyPrefix, since) {
      return sumSince.get({ memberId, prefix: refKeyPrefix, since: since.toISOString() }) as number;
    },
  };
}
