import crypto from 'node:crypto';
import type { Store } from '../store';
import { WechatUnavailable, type WechatGateway } from '../../core/wechat';
import type { NotifyKind } from '../../contracts/notify';
import type { OutboxItem, OutboxOutcome } from './repo';
import { composeMessage } from './messages';
import { shapeTemplateData, TemplateDataError } from './template-data';
import type { TemplateConfigs } from './templates';
import { FINAL_CODE_MEANING, MAX_ATTEMPTS, nextStep, type Failure } from './retry';

/** A claim outlives any one send (WeChat calls time out well within it), so a live sender never loses its claim. */
export const CLAIM_MS = 5 * 60_000;
const BATCH = 50;
/** Sends in flight at once: they share one access_token. */
const PARALLEL = 4;

export interface SenderOptions {
  store: Store;
  gateway: WechatGateway;
  templates: TemplateConfigs;
  now?: () => Date;
  log?: (line: string) => void;
}

export interface DrainReport {
  sent: number;
  failed: number;
  retrying: number;
  cancelled: number;
}

/**
 * Sends every message of the outbox that is due: each is claimed by one conditional UPDATE under a token of this
 * run (so two hosts, or a run overlapping the previous one, never send a message twice), sent through the gateway,
 * and its outcome recorded: sent, failed for good (WeChat's errcode and errmsg), or waiting for a retry.
 */
export async function drainOutbox(opts: SenderOptions): Promise<DrainReport> {
  const now = opts.now ?? (() => new Date());
  const log = opts.log ?? ((l: string) => console.info(l));
  const token = crypto.randomBytes(9).toString('base64url');
  const report: DrainReport = { sent: 0, failed: 0, retrying: 0, cancelled: 0 };
  const seen = new Set<number>();
  for (;;) {
    const due = (await opts.store.notify.due(now(), BATCH)).filter((d) => !seen.has(d.id));
    if (due.length === 0) break;
    for (const d of due) seen.add(d.id);
    let next = 0;
    const worker = async () => {
      while (next < due.length) {
        const d = due[next++];
        const t = now();
        const item = await opts.store.notify.claim(d.id, token, t, new Date(t.getTime() + CLAIM_MS));
        if (!item) continue;
        const outcome = await deliver(opts, item, now);
        await opts.store.notify.settle(item.id, token, outcome, now());
        if (outcome.status === 'sent') report.sent++;
        else if (outcome.status === 'pending') report.retrying++;
        else report[outcome.status]++;
        if (outcome.status !== 'sent')
          log(`[notify] ${item.kind} #${item.id} → ${outcome.status}${'code' in outcome ? ` ${outcome.code} ${outcome.message}` : ''}`);
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL, due.length) }, worker));
  }
  return report;
}

async function deliver(opts: SenderOptions, item: OutboxItem, now: () => Date): Promise<OutboxOutcome> {
  if (item.attempts > MAX_ATTEMPTS) return { status: 'failed', code: 'TOO_MANY_ATTEMPTS', message: `已尝试 ${MAX_ATTEMPTS} 次仍未送达` };
  if (!item.openid) return { status: 'failed', code: 'NO_OPENID', message: '会员没有微信身份（openid）' };
  const template = opts.templates[item.kind as NotifyKind];
  if (!template) return { status: 'failed', code: 'NO_TEMPLATE', message: `未配置“${item.kind}”的订阅消息模板` };
  const composed = await composeMessage(opts.store, item, now());
  if (!composed.send) return { status: 'cancelled', code: 'NOT_NEEDED', message: composed.reason };
  let data;
  try {
    const { keys } = template;
    data = shapeTemplateData({ [keys.title]: composed.fields.title, [keys.time]: composed.fields.time, [keys.note]: composed.fields.note });
  } catch (e) {
    if (e instanceof TemplateDataError) return { status: 'failed', code: 'DATA_INVALID', message: `模板参数不合微信规则：${e.message}` };
    throw e;
  }
  let failure: Failure;
  try {
    const answer = await opts.gateway.sendSubscribeMessage({ touser: item.openid, templateId: template.templateId, page: composed.page, data });
    if (answer.ok) return { status: 'sent' };
    failure = { kind: 'wechat', errcode: answer.errcode, errmsg: answer.errmsg };
  } catch (e) {
    if (!(e instanceof WechatUnavailable)) throw e;
    failure = { kind: 'unavailable', code: e.code, message: e.message };
  }
  const code = failure.kind === 'wechat' ? String(failure.errcode) : failure.code;
  const message =
    failure.kind === 'wechat'
      ? FINAL_CODE_MEANING[failure.errcode]
        ? `${FINAL_CODE_MEANING[failure.errcode]}（${failure.errmsg}）`
        : failure.errmsg
      : failure.message;
  const step = nextStep(failure, item.attempts, now());
  return step.final ? { status: 'failed', code, message } : { status: 'pending', retryAt: step.retryAt, code, message };
}

/**
 * Runs drainOutbox every intervalMs on an unref'd timer (it never keeps the process alive); a run still going
 * when the next is due is not doubled. Returns stop().
 */
export function startOutboxSender(opts: SenderOptions & { intervalMs?: number }): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    drainOutbox(opts)
      .catch((e) => console.error('[notify] sending failed:', e))
      .finally(() => {
        running = false;
      });
  }, opts.intervalMs ?? 60_000);
  timer.unref();
  return () => clearInterval(timer);
}
