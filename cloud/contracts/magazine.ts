import { z } from 'zod';
import type { RichNode, FontSize, ArticleStatus } from './magazine-format';

export type { RichNode, FontSize, ArticleStatus } from './magazine-format';

/** 《人生》 magazine: issues, articles, progress, reading credit, search, favourites. */

const id = z.number().int().positive().max(2_147_483_647);
const isoTime = z.string().max(40).refine((s) => !Number.isNaN(Date.parse(s)), '时间格式不正确');

export const magazineShelfInput = z.object({ limit: z.number().int().min(1).max(100).optional() }).strict();
export const magazineIssueInput = z.object({ issueId: id, withBodies: z.boolean().optional() }).strict();
export const magazineArticleInput = z.object({ articleId: id }).strict();
export const magazineProgressInput = z
  .object({
    articleId: id,
    /** Fraction of the article scrolled, 0..1 (independent of screen and font size). */
    position: z.number().min(0).max(1),
    /** The device's time of this reading (ISO). The latest reading wins, not the latest arrival. */
    readAt: isoTime,
  })
  .strict();
export const magazineHeartbeatInput = z
  .object({
    articleId: id,
    /** Seconds the page was visible and the reader active since the previous beat, as the device measured. */
    activeSeconds: z.number().min(0).max(600),
    visible: z.boolean(),
    active: z.boolean(),
    position: z.number().min(0).max(1).optional(),
  })
  .strict();
export const magazineSearchInput = z
  .object({ q: z.string().trim().min(2, '请至少输入两个字').max(30, '搜索词最多 30 个字'), limit: z.number().int().min(1).max(50).optional() })
  .strict();
export const magazineFavoriteInput = z.object({ articleId: id, on: z.boolean() }).strict();
export const magazineListInput = z.object({ limit: z.number().int().min(1).max(100).optional() }).strict();
export const magazineMyReadingInput = z.object({ weeks: z.number().int().min(1).max(26).optional() }).strict();
export const magazineSettingsInput = z
  .object({ fontSize: z.enum(['standard', 'large', 'xlarge']).optional(), night: z.boolean().optional() })
  .strict();
export const magazineAdminIssuesInput = z.object({}).strict();
export const magazinePublishInput = z.object({ issueId: id, publishAt: isoTime }).strict();

export interface IssueSummary {
  id: number;
  year: number;
  number: number;
  title: string;
  cover: string;
  intro: string;
  publishAt: string;
  articleCount: number;
}

export interface ArticleListItem {
  id: number;
  issueId: number;
  title: string;
  author: string;
  column: string;
  summary: string;
  readingMinutes: number;
  status: ArticleStatus;
  /** Fraction scrolled, 0..1, when in progress. */
  position: number;
}

export interface ContinueReading {
  articleId: number;
  title: string;
  issueId: number;
  issueTitle: string;
  position: number;
}

export interface ShelfResult {
  issues: IssueSummary[];
  continueReading: ContinueReading | null;
}

export interface ArticleBody {
  id: number;
  issueId: number;
  issueTitle: string;
  title: string;
  author: string;
  column: string;
  summary: string;
  readingMinutes: number;
  nodes: RichNode[];
}

export interface IssueResult {
  issue: IssueSummary;
  columns: { column: string; articles: ArticleListItem[] }[];
  /** Present with withBodies: every article's body, for offline reading. */
  bodies?: ArticleBody[];
}

export interface ReaderSettings {
  fontSize: FontSize;
  night: boolean;
}

export interface ArticleResult {
  article: ArticleBody;
  progress: { position: number; readAt: string } | null;
  status: ArticleStatus;
  favorite: boolean;
  settings: ReaderSettings;
  prevId: number | null;
  nextId: number | null;
}

export interface ProgressResult {
  /** The position the server keeps (the latest reading by device time). */
  position: number;
  readAt: string;
  /** False when a later reading was already saved (this one arrived late). */
  applied: boolean;
}

export interface HeartbeatResult {
  credited: number;
  activeSeconds: number;
  finished: boolean;
  /** Points paid by this beat (0 if none, or the daily cap was reached). */
  pointsAwarded: number;
}

export interface SearchHit {
  articleId: number;
  issueId: number;
  issueTitle: string;
  title: string;
  column: string;
  /** Title and a snippet of the body, split into plain and highlighted runs (no HTML). */
  titleRuns: { text: string; hit: boolean }[];
  snippet: { text: string; hit: boolean }[];
}

export interface ArticleRef {
  articleId: number;
  issueId: number;
  title: string;
  issueTitle: string;
  column: string;
  at: string;
  position: number;
  status: ArticleStatus;
}

export interface MyReadingResult {
  weeks: { weekStart: string; seconds: number }[];
  totalSeconds: number;
  finished: { articleId: number; title: string; issueTitle: string; finishedAt: string }[];
  pointsToday: number;
  dailyCap: number;
}

export interface AdminIssue extends IssueSummary {
  orgId: string;
  orgName: string;
  published: boolean;
}

export type MagazineActions = {
  'magazine.shelf': { payload: z.input<typeof magazineShelfInput>; result: ShelfResult };
  'magazine.issue': { payload: z.input<typeof magazineIssueInput>; result: IssueResult };
  'magazine.article': { payload: z.input<typeof magazineArticleInput>; result: ArticleResult };
  'magazine.progress': { payload: z.input<typeof magazineProgressInput>; result: ProgressResult };
  'magazine.heartbeat': { payload: z.input<typeof magazineHeartbeatInput>; result: HeartbeatResult };
  'magazine.search': { payload: z.input<typeof magazineSearchInput>; result: { hits: SearchHit[] } };
  'magazine.favorite': { payload: z.input<typeof magazineFavoriteInput>; result: { favorite: boolean } };
  'magazine.favorites': { payload: z.input<typeof magazineListInput>; result: { items: ArticleRef[] } };
  'magazine.history': { payload: z.input<typeof magazineListInput>; result: { items: ArticleRef[] } };
  'magazine.myReading': { payload: z.input<typeof magazineMyReadingInput>; result: MyReadingResult };
  'magazine.settings': { payload: z.input<typeof magazineSettingsInput>; result: ReaderSettings };
  'magazine.adminIssues': { payload: z.input<typeof magazineAdminIssuesInput>; result: { issues: AdminIssue[] } };
  'magazine.publish': { payload: z.input<typeof magazinePublishInput>; result: AdminIssue };
};
