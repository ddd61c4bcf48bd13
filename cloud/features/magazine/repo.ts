import type {
  AdminArticle,
  AdminIssue,
  ArticleBody,
  ArticleListItem,
  ArticleRef,
  ContinueReading,
  IssueSummary,
  ProgressResult,
  ReaderSettings,
} from '../../contracts/magazine';

/** An article as imported from an issue folder: what an admin edits, plus its slug (its name in the folder). */
export type ImportArticle = Omit<AdminArticle, 'id' | 'readingMinutes'> & { slug: string };

export type ArticleFields = Omit<ImportArticle, 'slug' | 'seq'>;
export type IssueFields = Omit<ImportIssue, 'articles'>;

export interface ImportIssue {
  orgId: string;
  year: number;
  number: number;
  title: string;
  cover: string;
  intro: string;
  publishAt: Date;
  articles: ImportArticle[];
}

/** Who is reading: issues are published by an org and reach that org's subtree (top-level issues reach everyone). */
export interface Viewer {
  memberId: number;
  orgPath: string | null;
  now: Date;
}

export interface HeartbeatOutcome {
  credited: number;
  activeSeconds: number;
  finished: boolean;
  /** Set when this beat finished the article: how many articles the member finished that day, this one included. */
  finishedOrdinalToday: number | null;
}

export interface SearchRow {
  articleId: number;
  issueId: number;
  issueTitle: string;
  title: string;
  column: string;
  body: string;
}

export interface MagazineRepo {
  /** Creates or replaces an issue (by org, year, number) with its articles, in one transaction. Article ids survive re-imports by slug. */
  importIssue(issue: ImportIssue, at: Date): Promise<{ issueId: number; created: boolean; articles: number }>;
  shelf(viewer: Viewer, limit: number): Promise<IssueSummary[]>;
  issue(viewer: Viewer, issueId: number): Promise<IssueSummary | null>;
  issueArticles(viewer: Viewer, issueId: number): Promise<ArticleListItem[]>;
  issueBodies(issueId: number): Promise<ArticleBody[]>;
  article(viewer: Viewer, articleId: number): Promise<(ArticleBody & { seq: number }) | null>;
  neighbours(issueId: number, seq: number): Promise<{ prevId: number | null; nextId: number | null }>;
  /** Records the opening (history) and returns the member's progress on the article. */
  open(memberId: number, articleId: number, at: Date): Promise<{ position: number; readAt: string | null; finished: boolean }>;
  /** Atomic: keeps the reading with the latest device time; the furthest position reached only grows. */
  saveProgress(memberId: number, articleId: number, position: number, readAt: Date, at: Date): Promise<ProgressResult>;
  /** Atomic: credits active time (capped), and finishes the article once when the rules are met. */
  heartbeat(
    memberId: number,
    articleId: number,
    beat: { activeSeconds: number; countable: boolean; position?: number },
    rules: { maxCredit: number; minSeconds: number; minPosition: number },
    now: Date,
    day: string,
  ): Promise<HeartbeatOutcome>;
  continueReading(viewer: Viewer): Promise<ContinueReading | null>;
  /** Ids matching every term (terms of 2 characters use the bigram index, longer ones the trigram index). */
  search(viewer: Viewer, terms: string[], limit: number): Promise<SearchRow[]>;
  setFavorite(memberId: number, articleId: number, on: boolean, at: Date): Promise<void>;
  isFavorite(memberId: number, articleId: number): Promise<boolean>;
  favorites(memberId: number, limit: number): Promise<ArticleRef[]>;
  history(memberId: number, limit: number): Promise<ArticleRef[]>;
  settings(memberId: number): Promise<ReaderSettings>;
  saveSettings(memberId: number, patch: Partial<ReaderSettings>): Promise<ReaderSettings>;
  dailySeconds(memberId: number, sinceDay: string): Promise<{ day: string; seconds: number }[]>;
  finished(memberId: number, limit: number): Promise<{ articleId: number; title: string; issueTitle: string; finishedAt: string }[]>;
  adminIssues(orgPaths: string[]): Promise<(AdminIssue & { orgPath: string })[]>;
  adminIssue(issueId: number): Promise<(AdminIssue & { orgPath: string }) | null>;
  setPublishAt(issueId: number, publishAt: Date, at: Date): Promise<void>;
  adminArticles(issueId: number): Promise<AdminArticle[]>;
  /** Creates (no id) or updates an issue's own fields; 'conflict' when the org already has that year and number. */
  saveIssue(issue: IssueFields & { id?: number }, at: Date): Promise<{ issueId: number } | 'conflict'>;
  /** Atomic: creates or updates one article (rendered and indexed for search); null when the id is not in that issue. */
  saveArticle(issueId: number, article: ArticleFields & { id?: number; seq?: number }, at: Date): Promise<AdminArticle | null>;
  /** The article's issue id, or null when there is no such article. */
  articleIssue(articleId: number): Promise<number | null>;
  deleteArticle(articleId: number): Promise<boolean>;
  /** For "我的数据". */
  exportRows(memberId: number): Promise<Record<string, string | number | null>[]>;
}
