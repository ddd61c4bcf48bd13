import type { QuestionType } from '../../contracts/quiz-rules';
import type { Score } from './scoring';
import type { PointsAward } from '../points/repo';

export interface BankRow {
  id: string;
  title: string;
  description: string;
  orgId: string;
  questionCount: number;
}

export interface QuestionRow {
  id: string;
  bankId: string;
  type: QuestionType;
  stem: string;
  options: string[];
  answer: number[];
  explanation: string;
  source: string | null;
}

export interface CampaignDraw {
  bankId: string;
  count: number;
}

export interface CampaignInput {
  title: string;
  description: string;
  cover: string | null;
  orgId: string;
  draws: CampaignDraw[];
  opensAt: string;
  closesAt: string;
  timeLimitSec: number;
  attemptsPerDay: number;
  attemptsTotal: number;
  passMark: number;
  showReview: boolean;
}

export interface CampaignRow extends CampaignInput {
  id: number;
  orgPath: string;
  orgName: string;
}

export interface AttemptQuestionRef {
  id: string;
  /** Bank-order option indices in the order shown to the member. */
  order: number[];
}

export interface AttemptRow {
  id: number;
  campaignId: number;
  memberId: number | null;
  day: string;
  startedAt: string;
  deadlineAt: string;
  questions: AttemptQuestionRef[];
  submittedAt: string | null;
  score: number | null;
  correctCount: number | null;
  total: number;
  durationMs: number | null;
  passed: boolean | null;
  /** Once scored: the answers it was scored on (bank-order indices by question id). */
  answers: Map<string, number[]> | null;
  /** Where the member belonged when they started (their 盟市, 旗县 and own org): where the attempt counts in 单位排行. */
  cityId: string | null;
  countyId: string | null;
  orgId: string | null;
}

export interface MemberCampaignStats {
  campaignId: number;
  attempts: number;
  attemptsToday: number;
  bestScore: number | null;
  unfinishedAttemptId: number | null;
  lastAttemptId: number | null;
}

export interface StartRequest {
  campaign: CampaignRow;
  memberId: number;
  orgId: string;
  cityId: string | null;
  countyId: string | null;
  now: Date;
  /** Drawn by the caller; used only when a new attempt is created. */
  draw: () => AttemptQuestionRef[];
}

export interface RankedEntry {
  memberId: number;
  nickname: string;
  orgName: string | null;
  score: number;
  durationMs: number;
}

export type RankScope = { kind: 'all' } | { kind: 'city' | 'county'; orgId: string };

export interface QuizRepo {
  upsertBank(bank: { id: string; title: string; description: string; orgId: string }, questions: Omit<QuestionRow, 'bankId'>[], at: Date): Promise<void>;
  banks(): Promise<BankRow[]>;
  questionsOfBanks(bankIds: string[]): Promise<QuestionRow[]>;
  questionsByIds(ids: string[]): Promise<QuestionRow[]>;

  createCampaign(input: CampaignInput, at: Date): Promise<number>;
  updateCampaign(id: number, input: CampaignInput, at: Date): Promise<void>;
  /** Admin statistics: best score per member, attempt count, per-question correct counts. */
  campaignStats(campaignId: number): Promise<{ attempts: number; bestScores: number[]; questions: { id: string; stem: string; shown: number; correct: number }[] }>;
  /** Submitted attempts for the export, newest first. */
  results(campaignId: number): Promise<{ attemptId: number; nickname: string | null; orgName: string | null; score: number; correctCount: number; total: number; durationMs: number; passed: boolean; startedAt: string; submittedAt: string }[]>;
  getCampaign(id: number): Promise<CampaignRow | undefined>;
  campaigns(): Promise<CampaignRow[]>;

  memberStats(memberId: number, day: string): Promise<MemberCampaignStats[]>;
  /**
   * Atomic: resumes the member's unfinished attempt whose time remains, or checks the per-day and
   * total limits and creates one. Throws AppError when a limit is reached.
   */
  startAttempt(req: StartRequest): Promise<{ attempt: AttemptRow; resumed: boolean }>;
  getAttempt(id: number): Promise<AttemptRow | undefined>;
  /** The answers saved while answering (for resuming); a scored attempt's own are on its row (`answers`). */
  savedAnswers(attemptId: number): Promise<Map<string, number[]>>;
  /** Saves one answer (bank-order indices) if the attempt is open and now ≤ deadline + grace. */
  saveAnswer(attemptId: number, questionId: string, choice: number[], now: Date, graceMs: number): Promise<void>;
  /**
   * Atomic, once: saves the final answers that arrive in time, scores them together with what was
   * saved by deadline + grace with `scorer`, records the best entry and pays the points `awards` names
   * for a first scoring, all in one transaction. A second call returns the first result. Duration =
   * min(now, deadline) − start; submittedAt = now. `standing` is the member's rank in the whole campaign
   * afterwards (null for an attempt whose member has deleted their account).
   */
  submit(
    /** As read by the caller; the repo claims it atomically (a stale copy of a submitted attempt returns the first result). */
    attempt: AttemptRow,
    finalAnswers: { questionId: string; choice: number[] }[],
    now: Date,
    graceMs: number,
    scorer: (saved: Map<string, number[]>) => Score & { correctIds: string[] },
    /** The points a first scoring earns; `hadBest`: the member already had a scored attempt in this campaign. */
    awards: (scored: { attempt: AttemptRow; hadBest: boolean }) => PointsAward[],
  ): Promise<{
    attempt: AttemptRow;
    firstTime: boolean;
    /** Whether the member already had a scored attempt in this campaign before this one. */
    hadBest: boolean;
    standing: { rank: number; participants: number } | null;
  }>;
  /** Unsubmitted attempts whose deadline is before `cutoff` (deadline + grace has passed), oldest first, at most 500. */
  overdueAttempts(where: { campaignId: number } | { memberId: number }, cutoff: Date): Promise<AttemptRow[]>;

  /** For 我的数据: every attempt of a member with its campaign title. */
  attemptsOf(memberId: number): Promise<{ title: string; startedAt: string; submittedAt: string | null; score: number | null }[]>;
  rankOf(campaignId: number, memberId: number, scope: RankScope): Promise<{ rank: number; entry: RankedEntry } | null>;
  top(campaignId: number, scope: RankScope, limit: number): Promise<RankedEntry[]>;
  participants(campaignId: number, scope: RankScope): Promise<number>;
  orgRanking(campaignId: number, level: 2 | 3): Promise<{ orgId: string; participants: number; averageScore: number }[]>;
}
