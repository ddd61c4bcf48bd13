import Taro from '@tarojs/taro';
import type { ArticleBody, IssueResult } from '@contracts/magazine';
import { call } from '../../../services/api';
import { ProgressQueue, isNetworkError, type KeyValueStorage } from './progress-queue';

/** Taro storage as the queue's key-value store. */
export const taroStorage: KeyValueStorage = {
  get: (k) => {
    const v = Taro.getStorageSync(k);
    return typeof v === 'string' && v ? v : undefined;
  },
  set: (k, v) => Taro.setStorageSync(k, v),
};

export const progressQueue = new ProgressQueue(taroStorage);

/** The last place read on this device, per article (so an article opened offline opens where it was left). */
const POSITIONS_KEY = 'magazine:positions';
type Positions = Record<string, { position: number; readAt: string }>;
function positions(): Positions {
  try {
    const raw = Taro.getStorageSync(POSITIONS_KEY);
    const p = raw ? JSON.parse(raw) : {};
    return p && typeof p === 'object' ? p : {};
  } catch {
    return {};
  }
}
export function localPosition(articleId: number): { position: number; readAt: string } | null {
  return positions()[articleId] ?? null;
}
function rememberPosition(articleId: number, position: number, readAt: string): void {
  try {
    const all = positions();
    all[articleId] = { position, readAt };
    const keys = Object.keys(all);
    // keep the 200 most recent
    if (keys.length > 200)
      keys
        .sort((a, b) => (all[a].readAt < all[b].readAt ? -1 : 1))
        .slice(0, keys.length - 200)
        .forEach((k) => delete all[k]);
    Taro.setStorageSync(POSITIONS_KEY, JSON.stringify(all));
  } catch {
    // storage full: the server copy still works
  }
}

/** The place to open at: the server's, unless this device read later (e.g. offline, not yet synced). */
export function openingPosition(articleId: number, server: { position: number; readAt: string } | null): number {
  const local = localPosition(articleId);
  if (local && (!server || local.readAt > server.readAt)) return local.position;
  return server?.position ?? 0;
}

/** Saves progress now, or queues it when the network is down. */
export async function saveProgress(articleId: number, position: number): Promise<void> {
  const entry = { articleId, position: Math.round(position * 1000) / 1000, readAt: new Date().toISOString() };
  rememberPosition(articleId, entry.position, entry.readAt);
  try {
    await call('magazine.progress', entry, { quiet: true });
    void syncQueued();
  } catch (e) {
    if (isNetworkError(e)) progressQueue.add(entry);
  }
}

let syncing = false;
let retry: ReturnType<typeof setTimeout> | undefined;
/**
 * Sends what was queued offline. While the network is still not usable (the 'online' signal often
 * comes before it is), it tries again later, waiting longer each time (5 s … 60 s).
 */
export async function syncQueued(delay = 5000): Promise<void> {
  if (syncing || progressQueue.pending().length === 0) return;
  syncing = true;
  let left = 0;
  try {
    left = (
      await progressQueue.flush(async (p) => {
        await call('magazine.progress', p, { quiet: true });
      })
    ).left;
  } finally {
    syncing = false;
  }
  if (left > 0 && !retry) {
    retry = setTimeout(() => {
      retry = undefined;
      void syncQueued(Math.min(delay * 2, 60_000));
    }, delay);
  }
}

/** Sends the queue as soon as the network is back (once per app run). */
let listening = false;
export function syncWhenOnline(): void {
  if (listening) return;
  listening = true;
  try {
    Taro.onNetworkStatusChange((r) => {
      if (r.isConnected) void syncQueued();
    });
  } catch {
    // not supported here: the queue is still sent on the next page load
  }
  if (process.env.TARO_ENV === 'h5' && typeof window !== 'undefined') window.addEventListener('online', () => void syncQueued());
}

/** The last opened issue with all its article bodies, for reading without network. */
const OFFLINE_KEY = 'magazine:offline-issue';

export function cacheIssue(result: IssueResult): void {
  try {
    Taro.setStorageSync(OFFLINE_KEY, JSON.stringify(result));
  } catch {
    // storage full: reading online still works
  }
}

export function cachedIssue(issueId?: number): IssueResult | null {
  try {
    const raw = Taro.getStorageSync(OFFLINE_KEY);
    const r = raw ? (JSON.parse(raw) as IssueResult) : null;
    return r && (issueId === undefined || r.issue.id === issueId) ? r : null;
  } catch {
    return null;
  }
}

export function cachedArticle(articleId: number): { body: ArticleBody; prevId: number | null; nextId: number | null } | null {
  const r = cachedIssue();
  const list = r?.bodies ?? [];
  const i = list.findIndex((b) => b.id === articleId);
  if (i < 0) return null;
  return { body: list[i], prevId: list[i - 1]?.id ?? null, nextId: list[i + 1]?.id ?? null };
}

/** Reader settings remembered locally too, so an offline article opens in the member's font size. */
const SETTINGS_KEY = 'magazine:settings';
export function localSettings(): { fontSize: 'standard' | 'large' | 'xlarge'; night: boolean } {
  try {
    const raw = Taro.getStorageSync(SETTINGS_KEY);
    if (raw) return JSON.parse(raw);
  } catch {
    // ignore
  }
  return { fontSize: 'standard', night: false };
}
export function rememberSettings(s: { fontSize: 'standard' | 'large' | 'xlarge'; night: boolean }): void {
  Taro.setStorageSync(SETTINGS_KEY, JSON.stringify(s));
}
