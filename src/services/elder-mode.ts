import Taro from '@tarojs/taro';

const KEY = 'ui.elderMode';
type Listener = (on: boolean) => void;
const listeners = new Set<Listener>();

/**
 * 长辈模式 (larger type, bigger targets). The server keeps it per member (member.me / member.update);
 * this copy on the device lets the first screen open in the right size before member.me answers.
 */
export const elderMode = {
  get: (): boolean => Taro.getStorageSync(KEY) === '1',
  /** Records what the server said (or what the member just chose) and restyles every open screen. */
  set(on: boolean): void {
    if (on === elderMode.get()) return;
    Taro.setStorageSync(KEY, on ? '1' : '');
    listeners.forEach((l) => l(on));
  },
  subscribe(l: Listener): () => void {
    listeners.add(l);
    return () => listeners.delete(l);
  },
};

/**
 * WeChat's own text size (我 › 设置 › 通用 › 字体大小) over its standard 17 px, so our type grows with it.
 * Never below 1: the standard sizes are already the floor we promise. H5 follows the browser's zoom instead.
 */
export function wechatFontScale(): number {
  // A branch on TARO_ENV, not an early return, so that the H5 build drops the call and with it Taro's device
  // detection (getSystemInfoSync) from the first screen's code.
  if (process.env.TARO_ENV === 'weapp') {
    try {
      const setting = Number((Taro.getSystemInfoSync() as { fontSizeSetting?: number }).fontSizeSetting);
      return setting > 17 ? Math.min(1.6, Math.round((setting / 17) * 100) / 100) : 1;
    } catch {
      return 1;
    }
  }
  return 1;
}
