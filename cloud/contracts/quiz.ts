import { z } from 'zod';
import type { QuestionType } from './quiz-rules';

export type CampaignStatus = 'open' | 'upcoming' | 'ended';

/** A campaign as a member's list shows it: the admin's view of it, less the draws and the review switch, plus my figures. */
export interface CampaignCard extends Omit<AdminCampaign, 'draws' | 'showReview'> {
  questionCount: number;
  /** Can this member join (their org lies in the campaign's subtree)? */
  eligible: boolean;
  myBestScore: number | null;
  myAttempts: number;
  attemptsLeft: number;
  attemptsLeftToday: number;
  /** An unfinished attempt whose time remains (resume it with quiz.start). */
  unfinishedAttemptId: number | null;
  lastAttemptId: number | null;
}

/** A question as the member sees it before submitting: no answer, options in this attempt's order. */
export interface AttemptQuestion {
  id: string;
  type: QuestionType;
  stem: string;
  options: string[];
}

export interface AttemptView {
  attemptId: number;
  campaignId: number;
  title: string;
  questions: AttemptQuestion[];
  /** Saved answers, by question id: positions in the options as shown. */
  answers: Record<string, number[]>;
  startedAt: string;
  deadline: string;
  serverNow: string;
  resumed: boolean;
}

export interface ReviewItem extends AttemptQuestion {
  mine: number[];
  correct: number[];
  isCorrect: boolean;
  explanation: string;
}

export interface AttemptResult {
  attemptId: number;
  campaignId: number;
  title: string;
  score: number;
  correctCount: number;
  total: number;
  durationMs: number;
  passed: boolean;
  passMark: number;
  submittedAt: string;
  /** Rank of my best attempt in the whole campaign. */
  rank: number | null;
  participants: number;
  /** Null when the campaign does not show answers after submission. */
  review: ReviewItem[] | null;
}

/** What quiz.submit answers: the figures of the result; the review is fetched with quiz.result. */
export type SubmitResult = Omit<AttemptResult, 'review'>;

export type LeaderboardScope = 'all' | 'city' | 'county';

export interface LeaderboardRow {
  rank: number;
  nickname: string;
  orgName: string | null;
  score: number;
  durationMs: number;
  isMe: boolean;
}

export interface LeaderboardResult {
  scope: LeaderboardScope;
  scopeName: string;
  participants: number;
  top: LeaderboardRow[];
  me: LeaderboardRow | null;
}

export interface OrgRankingRow {
  orgId: string;
  orgName: string;
  participants: number;
  memberCount: number | null;
  /** 0..1, only where the member count is known. */
  participationRate: number | null;
  averageScore: number;
}

const id = z
  .number()
  .int()
  .positive()
  .max(2 ** 31);
const questionId = z.string().min(1).max(40);
const choice = z.array(z.number().int().min(0).max(9)).max(10);

export const quizListInput = z.object({}).strict();
export const quizStartInput = z.object({ campaignId: id }).strict();
export const quizSaveAnswerInput = z.object({ attemptId: id, questionId, choice }).strict();
export const quizSubmitInput = z.object({ attemptId: id, answers: z.array(z.object({ questionId, choice }).strict()).max(200).optional() }).strict();
export const quizResultInput = z.object({ attemptId: id }).strict();
export const quizLeaderboardInput = z.object({ campaignId: id, scope: z.enum(['all', 'city', 'county']).default('all') }).strict();
export const quizOrgRankingInput = z.object({ campaignId: id, level: z.union([z.literal(2), z.literal(3)]).default(2) }).strict();

export type QuizActions = {
  'quiz.list': { payload: z.input<typeof quizListInput>; result: { campaigns: CampaignCard[]; serverNow: string } };
  'quiz.start': { payload: z.input<typeof quizStartInput>; result: AttemptView };
  'quiz.saveAnswer': { payload: z.input<typeof quizSaveAnswerInput>; result: { savedAt: string } };
  'quiz.submit': { payload: z.input<typeof quizSubmitInput>; result: SubmitResult };
  'quiz.result': { payload: z.input<typeof quizResultInput>; result: AttemptResult };
  'quiz.leaderboard': { payload: z.input<typeof quizLeaderboardInput>; result: LeaderboardResult };
  'quiz.orgRanking': { payload: z.input<typeof quizOrgRankingInput>; result: { level: 2 | 3; rows: OrgRankingRow[] } };
};

// ---- admin (org-scoped) ----

const isoDate = z
  .string()
  .max(40)
  .refine((s) => !Number.isNaN(Date.parse(s)), '请填写有效的时间');
const orgIdField = z
  .string()
  .trim()
  .min(1)
  .max(32)
  .regex(/^[0-9A-Za-z_-]+$/);
const bankId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[0-9A-Za-z_-]+$/);

export const quizAdminCampaignsInput = z.object({}).strict();
export const quizAdminSaveCampaignInput = z
  .object({
    id: id.optional(),
    title: z.string().trim().min(2, '标题至少 2 个字').max(40, '标题最多 40 个字'),
    description: z.string().trim().max(500).default(''),
    cover: z.string().trim().max(300).nullable().default(null),
    orgId: orgIdField,
    draws: z
      .array(z.object({ bankId, count: z.number().int().min(1).max(100) }).strict())
      .min(1, '至少选择一个题库')
      .max(20),
    opensAt: isoDate,
    closesAt: isoDate,
    timeLimitSec: z.number().int().min(60).max(7200),
    attemptsPerDay: z.number().int().min(1).max(100),
    attemptsTotal: z.number().int().min(1).max(1000),
    passMark: z.number().int().min(0).max(100),
    showReview: z.boolean().default(true),
  })
  .strict();
export const quizAdminImportBankInput = z
  .object({
    orgId: orgIdField,
    title: z.string().trim().min(2, '题库名称至少 2 个字').max(40),
    fileName: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .regex(/\.(xlsx|csv)$/i, '只支持 .xlsx 或 .csv 文件'),
    /** The file's bytes, base64 (≤ 60 KB encoded). */
    content: z.string().min(1).max(60_000),
  })
  .strict();
export const quizAdminTemplateInput = z.object({ format: z.enum(['xlsx', 'csv']).default('xlsx') }).strict();
export const quizAdminStatsInput = z.object({ campaignId: id }).strict();
export const quizAdminExportInput = z.object({ campaignId: id }).strict();

/** A campaign's own fields, as an admin saves them (times as ISO strings). */
export type CampaignFields = Omit<z.output<typeof quizAdminSaveCampaignInput>, 'id'>;

export interface AdminCampaign extends CampaignFields {
  id: number;
  orgName: string;
  status: CampaignStatus;
}

export interface AdminBank {
  id: string;
  title: string;
  orgId: string;
  questionCount: number;
  /** Whether this admin may edit it (in their subtree) — banks above are usable but read-only. */
  editable: boolean;
}

export interface ImportReport {
  bankId: string | null;
  imported: number;
  failed: { row: number; reason: string }[];
}

export interface CampaignStats {
  campaignId: number;
  title: string;
  participants: number;
  attempts: number;
  averageScore: number | null;
  medianScore: number | null;
  passRate: number | null;
  /** Ten bands: 0–9, 10–19, … 90–100 (best attempt per member). */
  distribution: { label: string; count: number }[];
  questions: { id: string; stem: string; shown: number; correctRate: number }[];
}

export interface FilePayload {
  fileName: string;
  mimeType: string;
  /** base64 */
  content: string;
}

export type QuizAdminActions = {
  'quiz.admin.campaigns': { payload: z.input<typeof quizAdminCampaignsInput>; result: { campaigns: AdminCampaign[]; banks: AdminBank[] } };
  'quiz.admin.saveCampaign': { payload: z.input<typeof quizAdminSaveCampaignInput>; result: AdminCampaign };
  'quiz.admin.importBank': { payload: z.input<typeof quizAdminImportBankInput>; result: ImportReport };
  'quiz.admin.template': { payload: z.input<typeof quizAdminTemplateInput>; result: FilePayload };
  'quiz.admin.stats': { payload: z.input<typeof quizAdminStatsInput>; result: CampaignStats };
  'quiz.admin.export': { payload: z.input<typeof quizAdminExportInput>; result: FilePayload };
};
