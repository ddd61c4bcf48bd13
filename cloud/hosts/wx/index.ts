import path from 'node:path';
// Resolved by WeChat's cloud runtime (listed in the built function's package.json); mocked in tests.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const cloud = require('wx-server-sdk');
import { createApp, storeChoiceFromEnv, type App } from '../../app';

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });

let appPromise: Promise<App> | undefined;
function app(): Promise<App> {
  const dataDir = process.env.DATA_DIR || '/tmp/huiyuan';
  const mode = process.env.APP_MODE === 'dev' ? 'dev' : 'production';
  const store = storeChoiceFromEnv(process.env, dataDir);
  // A function instance's disk is wiped when WeChat recycles it: members' data must live in MySQL.
  if (mode === 'production' && store.engine === 'sqlite') {
    const line = '云函数 api 拒绝启动：正式模式需要 MySQL（设置 DATABASE_URL，或 MYSQL_ADDRESS / MYSQL_USERNAME / MYSQL_PASSWORD / MYSQL_DATABASE）；本地 SQLite 会随实例回收而丢失。试用请设置 APP_MODE=dev。';
    console.error(line);
    return Promise.reject(new Error(line));
  }
  // One app per warm container: the store and its connections are reused across invocations.
  appPromise ??= createApp({ dataDir, mode, store, seedsDir: process.env.SEEDS_DIR || path.join(__dirname, 'seeds') });
  return appPromise;
}

/**
 * The WeChat cloud function `api`. Called as
 *   wx.cloud.callFunction({ name: 'api', data: { action: 'member.me', payload: {} } })
 * The caller's identity is WeChat's OPENID from the context, never anything in `data`.
 */
export async function main(event: { action?: unknown; payload?: unknown }) {
  const { OPENID } = cloud.getWXContext() as { OPENID?: string };
  const a = await app();
  const identity = OPENID ? ({ kind: 'openid', openid: OPENID } as const) : ({ kind: 'anonymous' } as const);
  const action = typeof event?.action === 'string' ? event.action : '';
  const result = await a.router.dispatch(action, event?.payload ?? {}, identity, { store: a.store, mode: a.options.mode });
  // Cloud functions have no HTTP status; the client reads ok/error and the status is kept for logs.
  return { ...result.body, status: result.status };
}
