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

/** Saves progress now, or queues it when the network is down. */
export async function saveProgress(articleId: number, position: number): Promise<void> {
  const entry = { articleId, position: Math.round(position * 1000) / 1000, readAt: new Date().toISOString() };
  try {
    await call('magazine.progress', entry, { quiet: true });
    void syncQueued();
  } catch (e) {
    if (isNetworkError(e)) progressQueue.add(entry);
  }
}

let syncing = false;
export async function syncQueued(): Promise<void> {
  if (syncing || progressQueue.pending().length === 0) return;
  syncing = true;
  try {
    await progressQueue.flush(async (p) => {
      await call('magazine.progress', p, { quiet: true });
    });
  } finally {
    syncing = false;
  }
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
