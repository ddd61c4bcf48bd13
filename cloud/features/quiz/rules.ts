import type { CampaignStats, CampaignStatus } from '../../contracts/quiz';
import { QUIZ_GRACE_SECONDS, QUIZ_POINTS_JOIN, QUIZ_POINTS_PASS } from '../../contracts/quiz-rules';
import { AppError } from '../../core/errors';
import type { PointsAward } from '../points/repo';
import type { AttemptRow, BestEntry, CampaignRow, SavedAnswer, ScoreCount, Settlement } from './repo';
import { scoreAnswers, type KeyedQuestion } from './scoring';

/**
 * The quiz's rules in plain TypeScript: the adapters store and lock, these decide. Every function here is
 * pure (time comes in as an argument), so tests/unit/quiz-rules.test.ts checks them without a database.
 */

/** After the deadline, answers saved within this long still count (network latency). */
export const GRACE_MS = QUIZ_GRACE_SECONDS * 1000;

const ms = (iso: string) => new Date(iso).getTime();

export function campaignStatus(c: Pick<CampaignRow, 'opensAt' | 'closesAt'>, now: Date): CampaignStatus {
  if (now.getTime() < ms(c.opensAt)) return 'upcoming';
  if (now.getTime() >= ms(c.closesAt)) return 'ended';
  return 'open';
}

// ---- attempts ----

/** An unfinished attempt is resumed (not a new one started) while its time remains. */
export const isResumable = (attempt: Pick<AttemptRow, 'deadlineAt'>, now: Date): boolean => ms(attempt.deadlineAt) > now.getTime();

/** The refusal of a new attempt, given how many the member has started in the campaign (in all and today), or null. */
export function attemptLimitRefusal(c: Pick<CampaignRow, 'attemptsTotal' | 'attemptsPerDay'>, used: { total: number; today: number }): AppError | null {
  if (used.total >= c.attemptsTotal) return new AppError('QUIZ_ATTEMPTS_USED', `本次竞赛每人最多答题 ${c.attemptsTotal} 次，您的次数已用完`);
  if (used.today >= c.attemptsPerDay) return new AppError('QUIZ_DAILY_LIMIT', `本次竞赛每人每天最多答题 ${c.attemptsPerDay} 次，请明天再来`);
  return null;
}

/** The time limit from now, but never past the campaign's close (an attempt started after it closed ends at once). */
export function attemptDeadline(c: Pick<CampaignRow, 'timeLimitSec' | 'closesAt'>, now: Date): Date {
  return new Date(Math.min(now.getTime() + c.timeLimitSec * 1000, Math.max(ms(c.closesAt), now.getTime())));
}

/** The last moment an answer may be saved or count: deadline + grace. */
export const lastAnswerAt = (attempt: Pick<AttemptRow, 'deadlineAt'>): number => ms(attempt.deadlineAt) + GRACE_MS;

export function saveRefusal(attempt: Pick<AttemptRow, 'submittedAt' | 'deadlineAt'>, now: Date): AppError | null {
  if (attempt.submittedAt) return new AppError('QUIZ_SUBMITTED', '本次答题已经交卷，不能再修改答案');
  if (now.getTime() > lastAnswerAt(attempt)) return new AppError('QUIZ_TIME_UP', '答题时间已到，请交卷查看成绩');
  return null;
}

// ---- scoring an attempt: a submit, or a time-out scored lazily ----

/** Unsubmitted attempts whose deadline is before this have run out (deadline + grace has passed). */
export const overdueCutoff = (now: Date): Date => new Date(now.getTime() - GRACE_MS);

/**
 * When an attempt ends: a submit in time ends at its own moment; a submit after deadline + grace, or a
 * time-out, ends at the deadline and is scored on the saved answers only (the two are scored alike).
 */
export function endOf(attempt: Pick<AttemptRow, 'deadlineAt'>, now: Date): { at: Date; late: boolean } {
  const late = now.getTime() > lastAnswerAt(attempt);
  return { at: late ? new Date(attempt.deadlineAt) : now, late };
}

/** Whether the saved answers matter: only for questions the final list leaves out. */
export const needsSavedAnswers = (attempt: Pick<AttemptRow, 'questions'>, final: readonly { questionId: string }[]): boolean =>
  new Set(final.map((a) => a.questionId)).size < attempt.questions.length;

/**
 * The answers an attempt is scored on: the final ones sent with a submit in time, and for the questions those
 * leave out, the answers saved by deadline + grace.
 */
export function answersThatCount(
  attempt: Pick<AttemptRow, 'deadlineAt'>,
  final: readonly { questionId: string; choice: number[] }[],
  saved: readonly SavedAnswer[],
  endedAt: Date,
): Map<string, number[]> {
  const answers = new Map<string, number[]>();
  const until = lastAnswerAt(attempt);
  if (endedAt.getTime() <= until) for (const a of final) answers.set(a.questionId, a.choice);
  for (const s of saved) if (!answers.has(s.questionId) && ms(s.savedAt) <= until) answers.set(s.questionId, s.choice);
  return answers;
}

/** Time taken: from the start to the end, at most to the deadline. */
export const durationOf = (attempt: Pick<AttemptRow, 'startedAt' | 'deadlineAt'>, endedAt: Date): number =>
  Math.max(0, Math.min(endedAt.getTime(), ms(attempt.deadlineAt)) - ms(attempt.startedAt));

/** The whole outcome of scoring an attempt that ended at `endedAt`. */
export function settle(
  attempt: Pick<AttemptRow, 'startedAt' | 'deadlineAt'>,
  questions: KeyedQuestion[],
  passMark: number,
  final: readonly { questionId: string; choice: number[] }[],
  saved: readonly SavedAnswer[],
  endedAt: Date,
): Settlement {
  const answers = answersThatCount(attempt, final, saved, endedAt);
  const s = scoreAnswers(questions, answers, passMark);
  return {
    submittedAt: endedAt.toISOString(),
    score: s.score,
    correctCount: s.correctCount,
    passed: s.passed,
    correctIds: s.correctIds,
    durationMs: durationOf(attempt, endedAt),
    answers,
  };
}

// ---- the leaderboard ----

/**
 * The leaderboard's order: higher score first, then less time, then finished earlier (then, all equal, the
 * lower member id, which the adapters apply). Negative when `a` is ahead of `b`.
 */
export function compareEntries(a: BestEntry, b: BestEntry): number {
  if (a.score !== b.score) return b.score - a.score;
  if (a.durationMs !== b.durationMs) return a.durationMs - b.durationMs;
  return a.submittedAt < b.submittedAt ? -1 : a.submittedAt > b.submittedAt ? 1 : 0;
}

/** A newly scored attempt replaces the member's best entry only when it is strictly ahead of it. */
export const isBetterEntry = (candidate: BestEntry, current: BestEntry | undefined): boolean => !current || compareEntries(candidate, current) < 0;

// ---- points ----

/**
 * Points for a first scoring: taking part pays once per campaign (not when the member already had a scored
 * attempt), passing pays once per campaign; each carries a refKey, so the ledger never pays it twice.
 */
export function pointsFor(
  campaign: Pick<CampaignRow, 'id' | 'title'>,
  scored: Pick<AttemptRow, 'memberId' | 'passed'>,
  hadBest: boolean,
  at: Date,
): PointsAward[] {
  const memberId = scored.memberId;
  if (memberId === null) return [];
  const due: PointsAward[] = [];
  if (!hadBest) due.push({ memberId, delta: QUIZ_POINTS_JOIN, reason: `参加知识竞赛：${campaign.title}`, refKey: `quiz:${campaign.id}:join:${memberId}`, at });
  if (scored.passed)
    due.push({ memberId, delta: QUIZ_POINTS_PASS, reason: `知识竞赛及格：${campaign.title}`, refKey: `quiz:${campaign.id}:pass:${memberId}`, at });
  return due;
}

/**
 * The figures of 竞赛统计 from the best scores, given as how many participants have each (ascending): so a campaign
 * of a million members is summed from at most 101 rows.
 */
export function scoreSummary(
  counts: readonly ScoreCount[],
  passMark: number,
): Pick<CampaignStats, 'participants' | 'averageScore' | 'medianScore' | 'passRate' | 'distribution'> {
  const n = counts.reduce((sum, c) => sum + c.count, 0);
  /** The score at 0-based position i of the ascending list of best scores. */
  const at = (i: number) => {
    let seen = 0;
    for (const c of counts) if ((seen += c.count) > i) return c.score;
    return counts[counts.length - 1].score;
  };
  const distribution = Array.from({ length: 10 }, (_, i) => ({ label: i === 9 ? '90–100' : `${i * 10}–${i * 10 + 9}`, count: 0 }));
  for (const c of counts) distribution[Math.min(9, Math.floor(c.score / 10))].count += c.count;
  const total = counts.reduce((sum, c) => sum + c.score * c.count, 0);
  const passing = counts.reduce((sum, c) => sum + (c.score >= passMark ? c.count : 0), 0);
  return {
    participants: n,
    averageScore: n ? Math.round((total / n) * 10) / 10 : null,
    medianScore: n === 0 ? null : n % 2 ? at((n - 1) / 2) : (at(n / 2 - 1) + at(n / 2)) / 2,
    passRate: n ? passing / n : null,
    distribution,
  };
}
