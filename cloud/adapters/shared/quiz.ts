import type { AttemptRow, BestEntry, CampaignInput, Settlement } from '../../features/quiz/repo';

// The `quiz_campaigns` table has the same columns on every engine: how a campaign is written is said once, here.

const CAMPAIGN_COLUMNS = [
  'title',
  'description',
  'cover',
  'org_id',
  'org_path',
  'draws',
  'opens_at',
  'closes_at',
  'time_limit_sec',
  'attempts_per_day',
  'attempts_total',
  'pass_mark',
  'show_review',
];

/** The campaign's stored values, in CAMPAIGN_COLUMNS order. */
const campaignValues = (c: CampaignInput, orgPath: string): unknown[] => [
  c.title,
  c.description,
  c.cover,
  c.orgId,
  orgPath,
  JSON.stringify(c.draws),
  c.opensAt,
  c.closesAt,
  c.timeLimitSec,
  c.attemptsPerDay,
  c.attemptsTotal,
  c.passMark,
  c.showReview ? 1 : 0,
];

export const INSERT_CAMPAIGN_SQL = `INSERT INTO quiz_campaigns (${CAMPAIGN_COLUMNS.join(', ')}, created_at, updated_at)
  VALUES (${CAMPAIGN_COLUMNS.map(() => '?').join(', ')}, ?, ?)`;
export const insertCampaignValues = (c: CampaignInput, orgPath: string, at: Date): unknown[] => [
  ...campaignValues(c, orgPath),
  at.toISOString(),
  at.toISOString(),
];

export const UPDATE_CAMPAIGN_SQL = `UPDATE quiz_campaigns SET ${CAMPAIGN_COLUMNS.map((col) => `${col} = ?`).join(', ')}, updated_at = ? WHERE id = ?`;
export const updateCampaignValues = (id: number, c: CampaignInput, orgPath: string, at: Date): unknown[] => [
  ...campaignValues(c, orgPath),
  at.toISOString(),
  id,
];

/** A best entry with where it counts: the scopes its leaderboard counts are kept in. */
export type PlacedEntry = BestEntry & { cityId: string | null; countyId: string | null };
/** The entry a scoring would put on the leaderboard. */
export const placedEntryOf = (attempt: AttemptRow, s: Settlement): PlacedEntry => ({
  score: s.score,
  durationMs: s.durationMs,
  submittedAt: s.submittedAt,
  cityId: attempt.cityId,
  countyId: attempt.countyId,
});
