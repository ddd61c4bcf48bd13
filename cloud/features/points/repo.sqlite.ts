import { groupCommitOf } from '../../store/group-commit';
import type { Db } from '../../store/db';
import type { PointsEntry } from '../../contracts/member';
import type { PointsRepo } from './repo';

export function sqlitePointsRepo(db: Db): PointsRepo {
  const insert = db.prepare(
    `INSERT INTO points_ledger (member_id, org_id, delta, reason, ref_key, created_at)
     SELECT id, org_id, ?, ?, ?, ? FROM members WHERE id = ?
     ON CONFLICT(ref_key) DO NOTHING`,
  );
  const bump = db.prepare('UPDATE members SET points = points + ? WHERE id = ?');
  const inGroupCommit = groupCommitOf(db);
  const award = db.transaction((memberId: number, delta: number, reason: string, refKey: string, at: string) => {
    const r = insert.run(delta, reason, refKey, at, memberId);
    if (r.changes === 0) return false;
    bump.run(delta, memberId);
    return true;
  });
  const entries = db.prepare(
    'SELECT delta, reason, created_at AS createdAt FROM points_ledger WHERE member_id = ? ORDER BY id DESC LIMIT ?',
  );
  const sumSince = db.prepare(
    `SELECT COALESCE(SUM(delta), 0) FROM points_ledger WHERE member_id = @memberId AND substr(ref_key, 1, length(@prefix)) = @prefix AND created_at >= @since`,
  ).pluck();

  return {
    award(a) {
      // Points come in bursts with the actions that earn them (交卷, 签到): they share those commits.
      return inGroupCommit(() => award(a.memberId, a.delta, a.reason, a.refKey, a.at.toISOString()));
    },
    async entries(memberId, limit = 200) {
      return entries.all(memberId, limit) as PointsEntry[];
    },
    async sumSince(memberId, refKeyPrefix, since) {
      return sumSince.get({ memberId, prefix: refKeyPrefix, since: since.toISOString() }) as number;
    },
  };
}
