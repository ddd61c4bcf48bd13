import {
  HEARTBEAT_MAX_CREDIT,
  READ_MIN_POSITION,
  READ_MIN_SECONDS,
  READ_POINTS,
  READ_POINTS_DAILY_CAP,
  type ArticleStatus,
} from '../../contracts/magazine-format';
import type { PointsAward } from '../points/repo';

/**
 * The rules of 《人生》 in one place, as plain functions: reading credit, which reading of an article is kept,
 * and who sees an issue when. Adapters store and lock; they take these as values or callbacks.
 */

// ---------------------------------------------------------------- reading credit

export interface Beat {
  /** Seconds the device measured as visible and active since its previous beat. */
  activeSeconds: number;
  /** The page was visible and the reader active: only then does time count. */
  countable: boolean;
}

/**
 * Seconds one heartbeat earns: only while the page is visible and the reader active, at most
 * HEARTBEAT_MAX_CREDIT per beat, and never more than the wall time since the member's previous beat on any
 * article (so two open tabs cannot read twice as fast; the first beat only starts the clock).
 */
export function beatCredit(beat: Beat, lastBeatAt: string | null, now: Date): number {
  if (!beat.countable || lastBeatAt === null) return 0;
  const wall = Math.max(0, (now.getTime() - Date.parse(lastBeatAt)) / 1000);
  return Math.floor(Math.max(0, Math.min(beat.activeSeconds, HEARTBEAT_MAX_CREDIT, wall)));
}

/** An article counts as read after READ_MIN_SECONDS of active time with READ_MIN_POSITION of it scrolled. */
export function readThrough(p: { activeSeconds: number; maxPosition: number }): boolean {
  return p.activeSeconds >= READ_MIN_SECONDS && p.maxPosition >= READ_MIN_POSITION - 1e-9;
}

/** The refKey prefix of a member's reading points (for the daily sum). */
export const readingPointsPrefix = (memberId: number) => `magazine:read:${memberId}:`;

/**
 * The points for finishing an article, given how many articles the member finished that China-time day
 * (this one included): READ_POINTS each while the day's total stays within READ_POINTS_DAILY_CAP.
 */
export function readingAward(finishedOrdinalToday: number, read: { memberId: number; articleId: number; title: string; at: Date }): PointsAward | null {
  if (finishedOrdinalToday * READ_POINTS > READ_POINTS_DAILY_CAP) return null;
  return {
    memberId: read.memberId,
    delta: READ_POINTS,
    reason: `阅读《人生》：${read.title}`,
    refKey: `${readingPointsPrefix(read.memberId)}${read.articleId}`,
    at: read.at,
  };
}

/** What a member's list shows for an article: read once finished, reading once opened. */
export function articleStatus(p: { finishedAt: string | null; openedAt: string | null }): ArticleStatus {
  return p.finishedAt ? 'read' : p.openedAt ? 'reading' : 'unread';
}

// ---------------------------------------------------------------- progress across devices

export interface Reading {
  /** Fraction scrolled at the kept reading. */
  position: number;
  /** Device time of the kept reading (ISO), null before any. */
  readAt: string | null;
  /** The furthest fraction ever reached (for read-through); it only grows. */
  maxPosition: number;
}

/**
 * Two devices of one member save readings out of order (a phone queued offline): the reading with the later
 * device time wins, not the later arrival. The furthest position reached only grows.
 */
export function mergeReading(current: Reading | null, incoming: { position: number; readAt: string }): { next: Reading; applied: boolean } {
  const cur = current ?? { position: 0, readAt: null, maxPosition: 0 };
  const applied = cur.readAt === null || Date.parse(incoming.readAt) > Date.parse(cur.readAt);
  return {
    next: {
      position: applied ? incoming.position : cur.position,
      readAt: applied ? incoming.readAt : cur.readAt,
      maxPosition: Math.max(cur.maxPosition, incoming.position),
    },
    applied,
  };
}

// ---------------------------------------------------------------- publication

/** Issues of an org at this level reach every member; an issue of a lower org reaches that org's subtree. */
export const PUBLIC_ORG_LEVEL = 1;

/** Org paths have at most this many ids (自治区 → 村(社区)). */
const MAX_PATH_DEPTH = 5;

/**
 * Which issues a member sees now, as values an adapter filters by: published at or before `at` (a scheduled
 * issue appears at its time; an issue an admin withdrew by moving its time into the future disappears), and
 * published by an org of PUBLIC_ORG_LEVEL or by the member's own org or one of its ancestors.
 */
export interface Audience {
  at: string;
  publicLevel: number;
  /** The member's org path and its ancestors' ("/150000/", "/150000/150100/", …); exactly MAX_PATH_DEPTH entries, repeated at the end. */
  publisherPaths: string[];
}

export function audienceOf(viewer: { orgPath: string | null; now: Date }): Audience {
  const ids = (viewer.orgPath ?? '').split('/').filter(Boolean).slice(0, MAX_PATH_DEPTH);
  const paths = ids.map((_, i) => `/${ids.slice(0, i + 1).join('/')}/`);
  // a fixed count keeps one statement per query; '' is the path of no org
  while (paths.length < MAX_PATH_DEPTH) paths.push(paths[paths.length - 1] ?? '');
  return { at: viewer.now.toISOString(), publicLevel: PUBLIC_ORG_LEVEL, publisherPaths: paths };
}

/** The same rule for one issue (what the adapter's filter computes for lists). */
export function visibleTo(issue: { publishAt: string; orgPath: string; orgLevel: number }, audience: Audience): boolean {
  if (Date.parse(issue.publishAt) > Date.parse(audience.at)) return false;
  return issue.orgLevel === audience.publicLevel || audience.publisherPaths.includes(issue.orgPath);
}
