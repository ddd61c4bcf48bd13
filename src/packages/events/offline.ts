import Taro from '@tarojs/taro';
import { call } from '../../services/api';
import { createCheckinQueue } from './offline-queue';

export type { QueuedCheckin, FlushResult } from './offline-queue';

/** The device's offline check-in queue: Taro storage, the API, toasts and network events. */
export const checkinQueue = createCheckinQueue({
  storage: { get: (k) => Taro.getStorageSync(k), set: (k, v) => Taro.setStorageSync(k, v) },
  submit: (p) => call('event.checkin', p, { quiet: true, loading: p.scannedAt ? false : '正在签到' }),
  notify: (title) => Taro.showToast({ title, icon: 'none', duration: 3000 }),
  onNetworkBack(listener) {
    try {
      Taro.onNetworkStatusChange((s) => s.isConnected && listener());
    } catch {
      /* not available on this platform */
    }
    if (typeof window !== 'undefined' && typeof window.addEventListener === 'function') window.addEventListener('online', listener);
  },
});
