import type { QuestionType } from '../../contracts/quiz-rules';
import type { CampaignFields } from '../../contracts/quiz';
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

/** What the store keeps of a campaign an admin saves (times normalised to ISO UTC by the feature). */
export type CampaignInput = CampaignFields;

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

/** What quiz.start asks of the store: `refusal` and `resumable` are the feature's rules, applied under the store's lock. */
export interface StartRequest<R> {
  campaignId: number;
  memberId: number;
  orgId: string;
  cityId: string | null;
  countyId: string | null;
  /** Beijing-time day of the start (for the per-day limit). */
  day: string;
  startedAt: Date;
  deadlineAt: Date;
  /** Whether the member's unfinished attempt is resumed instead. */
  resumable: (open: AttemptRow) => boolean;
  /** Given the attempts the member has started in the campaign (in all, today), a refusal or null. */
  refusal: (used: { total: number; today: number }) => R | null;
  /** Drawn by the caller; used only when a new attempt is created. */
  draw: () => AttemptQuestionRef[];
}

export type StartOutcome<R> = { kind: 'resumed' | 'started'; attempt: AttemptRow } | { kind: 'refused'; refusal: R };

/** An answer saved while answering (bank-order indices), with when. */
export interface SavedAnswer {
  questionId: string;
  choice: number[];
  savedAt: string;
}

/** What scoring an attempt decided (features/quiz/rules.ts settle). */
export interface Settlement {
  submittedAt: string;
  score: number;
  correctCount: number;
  passed: boolean;
  durationMs: number;
  answers: Map<string, number[]>;
  correctIds: string[];
}

/** A member's best entry in a campaign: what the leaderboard orders by. */
export interface BestEntry {
  score: number;
  durationMs: number;
  submittedAt: string;
}

/** The attempt as a scoring leaves it: what `settle` decided, on the row the store claimed. */
export const settledAttempt = (attempt: AttemptRow, s: Settlement): AttemptRow => ({
  ...attempt,
  submittedAt: s.submittedAt,
  score: s.score,
  correctCount: s.correctCount,
  durationMs: s.durationMs,
  passed: s.passed,
  answers: s.answers,
});

/** How the feature scores one attempt: the rules `settle` applies, and what a first scoring changes beside the attempt. */
export interface ScoringRules {
  /** Whether `settle` needs the saved answers (else it is given none). */
  withSaved: boolean;
  settle: (saved: SavedAnswer[]) => Settlement;
  /** Whether a scored attempt replaces the member's best entry. */
  better: (candidate: BestEntry, current: BestEntry | undefined) => boolean;
  /** The points a first scoring earns; `hadBest`: the member already had a scored attempt in this campaign. */
  awards: (scored: AttemptRow, hadBest: boolean) => PointsAward[];
}

/** An attempt as the store read it under its lock, with its campaign (undefined if it has gone) and its questions. */
export interface AttemptRead {
  attempt: AttemptRow;
  campaign: CampaignRow | undefined;
  questions: Map<string, QuestionRow>;
}

export interface SubmitRequest {
  attemptId: number;
  /**
   * The feature's decision on the attempt as read under the store's lock, for every attempt found (scored or not):
   * it throws the refusal the caller gets (another member's attempt, an answer not in it), or gives the rules to
   * score it with, or null to leave it as it is. An attempt scored already is never scored again, whatever it gives.
   */
  score: (read: AttemptRead) => ScoringRules | null;
}

export interface SubmitOutcome {
  attempt: AttemptRow;
  campaign: CampaignRow | undefined;
  /** Whether this call scored it (false: it had been scored already, this is the first result). */
  firstTime: boolean;
  /** The member's rank in the whole campaign afterwards (null for an attempt whose member deleted their account). */
  standing: { rank: number; participants: number } | null;
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

  /** The new campaign's id; undefined when its org does not exist. */
  createCampaign(input: CampaignInput, at: Date): Promise<number | undefined>;
  /** False when its org does not exist. */
  updateCampaign(id: number, input: CampaignInput, at: Date): Promise<boolean>;
  /**
   * Admin statistics: how many participants have each best score (a deleted member's attempts count each on their
   * own), ascending by score; the attempt count; per-question shown and correct counts.
   */
  campaignStats(
    campaignId: number,
  ): Promise<{ attempts: number; bestScores: ScoreCount[]; questions: { id: string; stem: string; shown: number; correct: number }[] }>;
  /** Submitted attempts for the export, newest first. */
  results(campaignId: number): Promise<
    {
      attemptId: number;
      nickname: string | null;
      orgName: string | null;
      score: number;
      correctCount: number;
      total: number;
      durationMs: number;
      passed: boolean;
      startedAt: string;
      submittedAt: string;
    }[]
  >;
  getCampaign(id: number): Promise<CampaignRow | undefined>;
  campaigns(): Promise<CampaignRow[]>;

  memberStats(memberId: number, day: string): Promise<MemberCampaignStats[]>;
  /**
   * Atomic per member and campaign: resumes the member's unfinished attempt if `resumable`, else creates one
   * unless `refusal` gives a reason not to.
   */
  startAttempt<R>(req: StartRequest<R>): Promise<StartOutcome<R>>;
  getAttempt(id: number): Promise<AttemptRow | undefined>;
  /** The answers saved while answering (for resuming); a scored attempt's own are on its row (`answers`). */
  savedAnswers(attemptId: number): Promise<SavedAnswer[]>;
  /** Saves one answer (bank-order indices) unless the attempt has been scored meanwhile: false then. */
  saveAnswer(attemptId: number, questionId: string, choice: number[], at: Date): Promise<boolean>;
  /**
   * Atomic, once per attempt, across hosts: reads the attempt under a lock and, if it is unscored and `score` gives
   * rules, claims it, stores what `settle` decided, replaces the best entry if `better`, and pays the `awards`, all in
   * one transaction. A second call returns the first result; undefined when the attempt does not exist.
   */
  submit(req: SubmitRequest): Promise<SubmitOutcome | undefined>;
  /** Unsubmitted attempts whose deadline is before `cutoff`, oldest first, at most 500. */
  overdueAttempts(where: { campaignId: number } | { memberId: number }, cutoff: Date): Promise<AttemptRow[]>;
  /** Before a member's account is deleted: removes their best entries; their attempts stay, anonymous (no member id). */
  forgetMember(memberId: number): Promise<void>;
  /** Counts a campaign's leaderboard again from its best entries (after a bulk load or a repair). */
  recount(campaignId: number): Promise<void>;

  /** For 我的数据: every attempt of a member with its campaign title. */
  attemptsOf(memberId: number): Promise<{ title: string; startedAt: string; submittedAt: string | null; score: number | null }[]>;
  /** My entry, its rank and how many entries the scope has (counted together); null when I have no entry there. */
  rankOf(campaignId: number, memberId: number, scope: RankScope): Promise<{ rank: number; participants: number; entry: RankedEntry } | null>;
  top(campaignId: number, scope: RankScope, limit: number): Promise<RankedEntry[]>;
  participants(campaignId: number, scope: RankScope): Promise<number>;
  orgRanking(campaignId: number, level: 2 | 3): Promise<{ orgId: string; participants: number; averageScore: number }[]>;
}

/** How many participants have this best score. */
export interface ScoreCount {
  score: number;
  count: number;
}
