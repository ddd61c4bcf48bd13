import path from 'node:path';
// Resolved by WeChat's cloud runtime (listed in the built function's package.json); mocked in tests.
const cloud = require('wx-server-sdk');
import { createApp, storeChoiceFromEnv, type App } from '../../app';
import { wechatGatewayFromEnv } from '../../adapters/wechat';
import { parseTemplateConfigs } from '../../features/notify/templates';
import { drainOutbox, type DrainReport } from '../../features/notify/sender';
import { deliverDueReminders } from '../../features/classes/reminders';

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });

let appPromise: Promise<App> | undefined;
function app(): Promise<App> {
  const dataDir = process.env.DATA_DIR || '/tmp/huiyuan';
  const mode = process.env.APP_MODE === 'dev' ? 'dev' : 'production';
  const store = storeChoiceFromEnv(process.env, dataDir);
  // A function instance's disk is wiped when WeChat recycles it: members' data must live in MySQL.
  if (mode === 'production' && store.engine === 'sqlite') {
    const line =
      '云函数 api 拒绝启动：正式模式需要 MySQL（设置 DATABASE_URL，或 MYSQL_ADDRESS / MYSQL_USERNAME / MYSQL_PASSWORD / MYSQL_DATABASE）；本地 SQLite 会随实例回收而丢失。试用请设置 APP_MODE=dev。';
    console.error(line);
    return Promise.reject(new Error(line));
  }
  // One app per warm container: the store and its connections are reused across invocations.
  appPromise ??= createApp({ dataDir, mode, store, seedsDir: process.env.SEEDS_DIR || path.join(__dirname, 'seeds') });
  return appPromise;
}

/** cloud.openapi (云调用): the function's own credentials, no access_token; WX_TRANSPORT may choose another way. */
const wechat = wechatGatewayFromEnv(process.env, cloud);
const templates = parseTemplateConfigs(process.env.WX_SUBSCRIBE_TEMPLATES);

/** The timer trigger (config.json, every minute): class reminders due now, then the outbox. */
async function onTimer(a: App): Promise<{ reminders: number; outbox: DrainReport | null }> {
  const reminders = await deliverDueReminders(a.store, new Date());
  const outbox = wechat ? await drainOutbox({ store: a.store, gateway: wechat, templates }) : null;
  return { reminders, outbox };
}

/**
 * The WeChat cloud function `api`. Called as
 *   wx.cloud.callFunction({ name: 'api', data: { action: 'member.me', payload: {} } })
 * The caller's identity is WeChat's OPENID from the context, never anything in `data`.
 * The timer trigger calls it with { Type: 'Timer' } and no OPENID.
 */
export async function main(event: { action?: unknown; payload?: unknown; Type?: unknown }) {
  const { OPENID } = cloud.getWXContext() as { OPENID?: string };
  const a = await app();
  // Only WeChat's trigger comes without a caller: a member's call saying Type 'Timer' is an ordinary (unknown) action.
  if (!OPENID && event?.Type === 'Timer') return { ok: true, status: 200, data: await onTimer(a) };
  const identity = OPENID ? ({ kind: 'openid', openid: OPENID } as const) : ({ kind: 'anonymous' } as const);
  const action = typeof event?.action === 'string' ? event.action : '';
  const result = await a.router.dispatch(action, event?.payload ?? {}, identity, { store: a.store, mode: a.options.mode, wechat });
  // Cloud functions have no HTTP status; the client reads ok/error and the status is kept for logs.
  return { ...result.body, status: result.status };
}

/**
 * Closes the warm instance's store (its MySQL connections), for whoever ends the instance's life knowingly: a test
 * process, a runtime hook. A later call opens it again.
 */
export async function close(): Promise<void> {
  const opened = appPromise;
  appPromise = undefined;
  const a = await opened?.catch(() => undefined);
  await a?.store.close();
}
