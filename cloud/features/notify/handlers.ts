import { defineAction, type Action, type MemberContext } from '../context';
import { AppError, notFound } from '../../core/errors';
import { eventRemindInput, NOTIFY_KIND_LABEL, notifyStatusInput, type DeliveryCounts, type NotifyKind } from '../../contracts/notify';
import { eventReminderAt, eventReminderKey } from './messages';
import { wechatCampaignCode } from './wxcode';

const CLASS_KINDS: NotifyKind[] = ['class_promoted', 'class_reminder'];
const EVENT_KINDS: NotifyKind[] = ['event_reminder'];

/** Delivery of the subscribe messages of one class or event, per kind: for the class roster and the event page. */
export const notifyStatus = defineAction({
  name: 'notify.admin.status',
  input: notifyStatusInput,
  auth: 'admin',
  async handler(ctx, p) {
    let kinds: NotifyKind[];
    let subject: { field: 'classId' | 'eventId'; id: number };
    if (p.classId !== undefined) {
      const c = await ctx.store.classes.get(p.classId);
      if (!c) throw notFound('课程');
      ctx.admin.require(c.orgPath);
      kinds = CLASS_KINDS;
      subject = { field: 'classId', id: c.id };
    } else {
      const e = await ctx.store.events.getById(p.eventId!, { counts: false });
      if (!e) throw notFound('活动');
      ctx.admin.require(e.orgPath);
      kinds = EVENT_KINDS;
      subject = { field: 'eventId', id: e.id };
    }
    const rows = await ctx.store.notify.deliveryCounts(kinds, subject);
    return {
      kinds: kinds.map((kind): DeliveryCounts => {
        const mine = rows.filter((r) => r.kind === kind);
        const sum = (pred: (s: string) => boolean) => mine.filter((r) => pred(r.status)).reduce((n, r) => n + r.count, 0);
        const failures = new Map<string, { code: string; message: string; count: number }>();
        for (const r of mine.filter((x) => x.status === 'failed')) {
          const code = r.code ?? 'UNKNOWN';
          const f = failures.get(code) ?? { code, message: r.message ?? '', count: 0 };
          f.count += r.count;
          failures.set(code, f);
        }
        return {
          kind,
          label: NOTIFY_KIND_LABEL[kind],
          sent: sum((s) => s === 'sent'),
          pending: sum((s) => s === 'pending' || s === 'sending'),
          failed: sum((s) => s === 'failed'),
          failures: [...failures.values()].sort((a, b) => b.count - a.count),
        };
      }),
    };
  },
});

/**
 * The member's answer to the 活动提醒 subscribe dialog, asked when they tap 我要参加: an acceptance queues one
 * reminder for the day before (WeChat allows one message per acceptance); a refusal withdraws a waiting one.
 */
export const notifyEventRemind = defineAction({
  name: 'notify.eventRemind',
  input: eventRemindInput,
  auth: 'member',
  async handler(ctx, { eventId, accepted }) {
    const e = await ctx.store.events.getById(eventId, { counts: false });
    if (!e || !e.published) throw notFound('活动');
    const key = eventReminderKey(e.id, ctx.member.id);
    if (!accepted) {
      await ctx.store.notify.cancelKeyed(key, ctx.now());
      return { queued: false, remindAt: null };
    }
    if (!(await ctx.store.events.isIntending(e.id, ctx.member.id))) throw new AppError('CONFLICT', '请先点“我要参加”，再开启活动提醒');
    const at = eventReminderAt(e.startsAt, ctx.now());
    if (!at) throw new AppError('EVENT_ENDED', '活动已经开始，不再发送提醒');
    const queued = await ctx.store.notify.queueKeyed(
      { key, memberId: ctx.member.id, kind: 'event_reminder', payload: { eventId: e.id }, notBefore: at },
      ctx.now(),
    );
    return { queued, remindAt: queued ? at.toISOString() : null };
  },
});

/** The hook of event.intend: withdrawing 我要参加 withdraws a reminder still waiting. */
export async function eventIntentChanged(ctx: MemberContext, eventId: number, intending: boolean): Promise<void> {
  if (!intending) await ctx.store.notify.cancelKeyed(eventReminderKey(eventId, ctx.member.id), ctx.now());
}

export const notifyActions: Action[] = [notifyStatus, notifyEventRemind, wechatCampaignCode];
