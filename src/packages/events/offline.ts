import Taro from '@tarojs/taro';
import { call, ApiCallError } from '../../services/api';

/**
 * Scans made without a network: the code and the time of the scan stay on the device and are
 * submitted when the network returns (the server checks the code against the scan time).
 */
export interface QueuedCheckin {
  eventId: number;
  code: string;
  scannedAt: string;
  location: { lat: number; lng: number } | null;
}
const KEY = 'events.offlineCheckins';

export function queued(): QueuedCheckin[] {
  try {
    const v = Taro.getStorageSync(KEY);
    return Array.isArray(v) ? v : [];
  } catch {
    return [];
  }
}
export function enqueue(item: QueuedCheckin): void {
  Taro.setStorageSync(KEY, [...queued().filter((q) => q.eventId !== item.eventId), item]);
}
function remove(eventId: number): void {
  Taro.setStorageSync(KEY, queued().filter((q) => q.eventId !== eventId));
}

/** Tries every queued check-in; keeps the ones that still meet no network, drops the ones the server answered. */
export async function flushQueue(): Promise<{ done: number; refused: string[] }> {
  let done = 0;
  const refused: string[] = [];
  for (const q of queued()) {
    try {
      await call('event.checkin', { eventId: q.eventId, code: q.code, scannedAt: q.scannedAt, ...(q.location ? { location: q.location } : {}) }, { quiet: true });
      done++;
      remove(q.eventId);
    } catch (e) {
      const err = e as ApiCallError;
      if (err.code === 'NETWORK') continue;
      refused.push(err.message);
      remove(q.eventId);
    }
  }
  return { done, refused };
}

let watching = false;
/** Submits the queue whenever the network comes back. */
export function watchNetwork(onFlushed?: (r: { done: number; refused: string[] }) => void): void {
  if (watching) return;
  watching = true;
  const flush = () => {
    if (!queued().length) return;
    void flushQueue().then((r) => {
      if (r.done) Taro.showToast({ title: `离线签到已提交 ${r.done} 条`, icon: 'none' });
      else if (r.refused.length) Taro.showToast({ title: r.refused[0], icon: 'none', duration: 3000 });
      onFlushed?.(r);
    });
  };
  try {
    Taro.onNetworkStatusChange((s) => s.isConnected && flush());
  } catch {
    /* not available on this platform */
  }
  if (typeof window !== 'undefined' && typeof window.addEventListener === 'function') window.addEventListener('online', flush);
  flush();
}
