import { z } from 'zod';
import type { RichNode, FontSize, ArticleStatus } from './magazine-format';
import { orgId } from './org';
import { MEDIA_PATH_RE } from './media-format';

export type { RichNode, FontSize, ArticleStatus } from './magazine-format';

/** 《人生》 magazine: issues, articles, progress, reading credit, search, favourites. */

const id = z.number().int().positive().max(2_147_483_647);
const isoTime = z
  .string()
  .max(40)
  .refine((s) => !Number.isNaN(Date.parse(s)), '时间格式不正确');

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
export const magazineSettingsInput = z.object({ fontSize: z.enum(['standard', 'large', 'xlarge']).optional(), night: z.boolean().optional() }).strict();
export const magazineAdminIssuesInput = z.object({}).strict();
export const magazinePublishInput = z.object({ issueId: id, publishAt: isoTime }).strict();

/** A generated cover (a colour by name) or an uploaded image (/media/<sha256>.<ext>). */
const cover = z
  .string()
  .trim()
  .max(200)
  .refine((s) => /^[a-z0-9-]{1,32}$/.test(s) || MEDIA_PATH_RE.test(s), '封面请选择一种颜色或上传一张图片');
export const magazineAdminIssueInput = z.object({ issueId: id }).strict();
export const magazineSaveIssueInput = z
  .object({
    /** Absent: a new issue. */
    issueId: id.optional(),
    orgId,
    year: z.number().int().min(1990, '年份不正确').max(2100, '年份不正确'),
    number: z.number().int().min(1, '期号从 1 开始').max(99, '期号最大 99'),
    title: z.string().trim().min(1, '请填写本期标题').max(60, '标题最多 60 个字'),
    cover,
    intro: z.string().trim().max(500, '导读最多 500 字').optional(),
    publishAt: isoTime,
  })
  .strict();
export const magazineSaveArticleInput = z
  .object({
    issueId: id,
    /** Absent: a new article at the end of the issue. */
    articleId: id.optional(),
    /** Place in the table of contents (1 = first). */
    seq: z.number().int().min(1).max(99).optional(),
    title: z.string().trim().min(1, '请填写文章标题').max(60, '标题最多 60 个字'),
    author: z.string().trim().min(1, '请填写作者').max(40, '作者最多 40 个字'),
    column: z.string().trim().min(1, '请选择栏目').max(20, '栏目最多 20 个字'),
    summary: z.string().trim().min(1, '请填写摘要').max(300, '摘要最多 300 字'),
    /** Markdown; images as ![说明](/media/<sha256>.<ext>) from an upload, or ![说明](cover:<name>). */
    bodyMd: z.string().trim().min(1, '请填写正文').max(30000, '正文最多 30000 字'),
    sample: z.boolean().optional(),
  })
  .strict();
export const magazineDeleteArticleInput = z.object({ articleId: id }).strict();

/** The request body's limit (the HTTP host's, 64 KB) bounds an upload: a big issue goes as a .zip. */
export const magazineImportFilesInput = z
  .object({
    /** The org the issue is published by. */
    orgId,
    /** The files of an issue folder (issue.json and NN-英文短名.md), or of several, with their paths. */
    files: z
      .array(z.object({ name: z.string().trim().min(1, '文件名不能为空').max(200, '文件名太长'), text: z.string().max(60_000, '文件太大') }).strict())
      .max(200, '文件太多（上限 200 个）')
      .optional(),
    /** Or a .zip of them, base64. */
    zipBase64: z
      .string()
      .max(90_000, '压缩包太大')
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, '压缩包没有正确上传，请重新选择')
      .optional(),
  })
  .strict()
  .refine((p) => (p.files === undefined) !== (p.zipBase64 === undefined), '请选择期刊文件夹里的文件，或一个 .zip 压缩包');

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
  /** Sample content written for the demo (seeds), shown as such to the reader. */
  sample: boolean;
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

export interface AdminArticle {
  id: number;
  seq: number;
  title: string;
  author: string;
  column: string;
  summary: string;
  bodyMd: string;
  readingMinutes: number;
  sample: boolean;
}

/** What became of one article file of an upload. */
export interface ImportedArticle {
  file: string;
  /** The article's title, when its file could be read. */
  title: string | null;
  /** Why the file was refused, in Chinese; null when it is fine. */
  error: string | null;
}

/** What became of one issue of an upload: imported whole, or not at all (then `error` or an article says why). */
export interface ImportedIssue {
  folder: string;
  imported: boolean;
  /** The issue, when imported. */
  issueId: number | null;
  /** A new issue (false: an issue of that org, year and number was updated in place). */
  created: boolean;
  title: string | null;
  error: string | null;
  articles: ImportedArticle[];
}

export interface AdminIssueDetail {
  issue: AdminIssue & { intro: string };
  articles: AdminArticle[];
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
  'magazine.admin.issues': { payload: z.input<typeof magazineAdminIssuesInput>; result: { issues: AdminIssue[] } };
  'magazine.admin.publish': { payload: z.input<typeof magazinePublishInput>; result: AdminIssue };
  'magazine.admin.issue': { payload: z.input<typeof magazineAdminIssueInput>; result: AdminIssueDetail };
  'magazine.admin.saveIssue': { payload: z.input<typeof magazineSaveIssueInput>; result: AdminIssue };
  'magazine.admin.saveArticle': { payload: z.input<typeof magazineSaveArticleInput>; result: AdminArticle };
  'magazine.admin.deleteArticle': { payload: z.input<typeof magazineDeleteArticleInput>; result: { deleted: boolean } };
  'magazine.admin.importFiles': { payload: z.input<typeof magazineImportFilesInput>; result: { issues: ImportedIssue[] } };
};
