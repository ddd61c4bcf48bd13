import type { PointsEntry } from '../../contracts/member';

export interface PointsAward {
  memberId: number;
  delta: number;
  /** Shown to the member: "参加知识竞赛", "活动签到" … */
  reason: string;
  /**
   * Unique per real-world cause ("quiz:attempt:42:pass"): awarding the same key twice is a no-op,
   * which is what keeps retries and double taps from paying twice.
   */
  refKey: string;
  at: Date;
}

/** The one points ledger every feature pays through. */
export interface PointsRepo {
  /** Atomic: writes the ledger row and the member's balance together. Returns false if refKey was already paid. */
  award(award: PointsAward): Promise<boolean>;
  entries(memberId: number, limit?: number): Promise<PointsEntry[]>;
  /** Sum of points paid to a member for reasons starting with `reasonPrefix` since `since` (for daily caps). */
  sumSince(memberId: number, refKeyPrefix: string, since: Date): Promise<number>;
}
