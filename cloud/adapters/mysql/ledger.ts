import type { Sql } from './db';
import type { PointsAward } from '../../features/points/repo';

/**
 * The points ledger's one write, on the caller's connection (inside its transaction): the ledger row and the
 * member's balance together, once per refKey (a UNIQUE key). Features whose own write earns points pay in
 * that same transaction. Returns false when the refKey was already paid or the member is gone.
 */
export async function payPoints(sql: Sql, a: PointsAward): Promise<boolean> {
  const { inserted, insertId } = await sql.insertUnique(
    `INSERT INTO points_ledger (member_id, org_id, delta, reason, ref_key, created_at)
     SELECT id, org_id, ?, ?, ?, ? FROM members WHERE id = ?`,
    [a.delta, a.reason, a.refKey, a.at.toISOString(), a.memberId],
  );
  if (!inserted || insertId === 0) return false;
  await sql.run('UPDATE members SET points = points + ? WHERE id = ?', [a.delta, a.memberId]);
  return true;
}
