/** Quiz rules shared by client and server (zod-free, so the client may import values from here). */

/** Seconds after the deadline during which a saved answer still counts (network latency). */
export const QUIZ_GRACE_SECONDS = 5;
/** Points for taking part in a campaign (once per campaign) and for passing it (once per campaign). */
export const QUIZ_POINTS_JOIN = 5;
export const QUIZ_POINTS_PASS = 10;
/** How many rows quiz.leaderboard returns at most. */
export const QUIZ_LEADERBOARD_TOP = 50;

export type QuestionType = 'single' | 'multiple' | 'judge';
export const QUESTION_TYPE_LABEL: Record<QuestionType, string> = { single: '单选题', multiple: '多选题', judge: '判断题' };

/** "3分05秒" */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const m = Math.floor(s / 60);
  return m > 0 ? `${m}分${String(s % 60).padStart(2, '0')}秒` : `${s}秒`;
}
