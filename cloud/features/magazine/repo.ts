import type {
  AdminArticle,
  AdminIssue,
  ArticleBody,
  ArticleListItem,
  ArticleRef,
  ContinueReading,
  IssueSummary,
  ReaderSettings,
} from '../../contracts/magazine';
import type { PointsAward } from '../points/repo';
import type { Audience, Reading } from './rules';

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

/** Where an issue was published and when: what decides who sees it (rules.ts visibleTo). */
export interface Publication {
  publishAt: string;
  orgPath: string;
  orgLevel: number;
}

export interface HeartbeatOutcome {
  credited: number;
  activeSeconds: number;
  finished: boolean;
  pointsAwarded: number;
}

/** The feature's rules a heartbeat applies inside the adapter's transaction. */
export interface HeartbeatRules {
  /** Seconds this beat earns, given the member's previous beat time (null before the first). */
  credit(lastBeatAt: string | null): number;
  /** Whether the article now counts as read. */
  finishes(progress: { activeSeconds: number; maxPosition: number }): boolean;
  /** The points for finishing, given how many articles the member finished that day (this one included). */
  award(finishedOrdinalToday: number): PointsAward | null;
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
  shelf(audience: Audience, limit: number): Promise<IssueSummary[]>;
  issue(issueId: number): Promise<(IssueSummary & Publication) | null>;
  issueArticles(memberId: number, issueId: number): Promise<ArticleListItem[]>;
  issueBodies(issueId: number): Promise<ArticleBody[]>;
  article(articleId: number): Promise<(ArticleBody & { seq: number } & Publication) | null>;
  neighbours(issueId: number, seq: number): Promise<{ prevId: number | null; nextId: number | null }>;
  /** Records the opening (history) and returns the member's progress on the article. */
  open(memberId: number, articleId: number, at: Date): Promise<{ position: number; readAt: string | null; finished: boolean }>;
  /** Atomic: reads the member's reading of the article under a lock and stores what `merge` keeps. */
  saveReading(
    memberId: number,
    articleId: number,
    at: Date,
    merge: (current: Reading | null) => { next: Reading; applied: boolean },
  ): Promise<{ next: Reading; applied: boolean }>;
  /**
   * Atomic: credits the beat's time and position to the article and the day, finishes the article once when
   * `rules.finishes` says so, and pays `rules.award` in the same transaction.
   */
  heartbeat(beat: { memberId: number; articleId: number; position: number; now: Date; day: string }, rules: HeartbeatRules): Promise<HeartbeatOutcome>;
  /** The member's latest unfinished article among those the audience sees. */
  continueReading(memberId: number, audience: Audience): Promise<ContinueReading | null>;
  /** Visible articles matching every term, newest first (terms of 2 characters use the bigram index, longer ones the trigram index). */
  search(audience: Audience, terms: string[], limit: number): Promise<SearchRow[]>;
  setFavorite(memberId: number, articleId: number, on: boolean, at: Date): Promise<void>;
  isFavorite(memberId: number, articleId: number): Promise<boolean>;
  /** The member's favourites among the articles the audience sees (a withdrawn issue's are hidden, not dropped). */
  favorites(memberId: number, audience: Audience, limit: number): Promise<ArticleRef[]>;
  /** The articles the member opened, latest first, among those the audience sees. */
  history(memberId: number, audience: Audience, limit: number): Promise<ArticleRef[]>;
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
