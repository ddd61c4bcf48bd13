import path from 'node:path';
import { REPO_ROOT } from '../../cloud/app';

const simulate = require('miniprogram-simulate');

/** Output of `taro build native-components --type weapp` (scripts/test.mjs builds it first). */
export const COMPONENTS_ROOT = path.join(REPO_ROOT, 'dist', 'weapp-components');
/** Output of the whole app: `taro build --type weapp`. */
export const WEAPP_ROOT = path.join(REPO_ROOT, 'dist', 'weapp');

/**
 * The few wx.* calls Taro's runtime makes at load; everything else is the real compiled component
 * running in miniprogram-simulate's own template engine.
 */
export function installWxRuntimeShims(): void {
  const g = global as any;
  g.getCurrentPages = () => [{ route: 'pages/mine/index' }];
  const info = { platform: 'devtools', windowWidth: 375, windowHeight: 667, screenWidth: 375, pixelRatio: 2, SDKVersion: '3.5.0', language: 'zh_CN' };
  g.wx = Object.assign(g.wx ?? {}, {
    getSystemInfoSync: () => info,
    getWindowInfo: () => info,
    getDeviceInfo: () => info,
    getAppBaseInfo: () => info,
    canIUse: () => true,
    nextTick: (fn: () => void) => setTimeout(fn, 0),
    getStorageSync: () => '',
    setStorageSync: () => undefined,
    removeStorageSync: () => undefined,
  });
}

export interface LoadedComponent {
  comp: any;
  root: any;
  query(selector: string): any;
  text(selector: string): string;
}

const loaded: Record<string, string> = {};

/** Loads a compiled component (e.g. 'components/profile-card/index') and renders it with React props. */
export async function renderNative(componentPath: string, props: Record<string, unknown>): Promise<LoadedComponent> {
  installWxRuntimeShims();
  const id = (loaded[componentPath] ??= simulate.load(path.join(COMPONENTS_ROOT, componentPath), { rootPath: COMPONENTS_ROOT }));
  // Taro's native components take all React props through the one property `props`.
  const comp = simulate.render(id, { props });
  comp.attach(document.createElement('parent-wrapper'));
  await simulate.sleep(50);
  const query = (selector: string) => comp.querySelector(selector);
  return {
    comp,
    root: comp,
    query,
    text: (selector: string) => {
      const node = query(selector);
      if (!node) throw new Error(`no node matches ${selector}`);
      return (node.dom.textContent as string).trim();
    },
  };
}

export const sleep = (ms: number) => simulate.sleep(ms);
