import type { Store } from '../store';
import type { NotifyKind } from '../../contracts/notify';
import { NOTIFY_KINDS } from '../../contracts/notify';
import type { OutboxItem } from './repo';
import type { MessageFields } from './templates';
import { wechatTime } from './template-data';

/** What to send for a queued message, or why it is no longer worth sending. */
export type Composed = { send: true; fields: MessageFields; page: string } | { send: false; reason: string };

const num = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) ? v : null);

/**
 * The message texts of each notice kind, read from the row's payload and the current class or event (a class
 * renamed after queuing is announced under its new name; an event the member no longer attends is not).
 */
export async function composeMessage(store: Store, item: OutboxItem, now: Date): Promise<Composed> {
  const kind = item.kind as NotifyKind;
  if (!NOTIFY_KINDS.includes(kind)) return { send: false, reason: `不认识的通知类型 ${item.kind}` };
  if (kind === 'class_promoted' || kind === 'class_reminder') {
    const classId = num(item.payload.classId);
    const c = classId === null ? undefined : await store.classes.get(classId);
    if (!c) return { send: false, reason: '课程已删除' };
    if (Date.parse(c.startsAt) <= now.getTime()) return { send: false, reason: '课程已开始' };
    const where = c.venue?.name || (c.onlineUrl ? '线上课程' : '详见课程详情');
    return {
      send: true,
      page: 'packages/classes/mine',
      fields: {
        title: c.title,
        time: wechatTime(c.startsAt),
        note: kind === 'class_promoted' ? '候补成功，已为您保留名额' : `地点：${where}`,
      },
    };
  }
  const eventId = num(item.payload.eventId);
  const e = eventId === null ? undefined : await store.events.getById(eventId, { counts: false });
  if (!e || !e.published) return { send: false, reason: '活动已删除或已撤回' };
  if (Date.parse(e.startsAt) <= now.getTime()) return { send: false, reason: '活动已开始' };
  if (!(await store.events.isIntending(e.id, item.memberId))) return { send: false, reason: '会员已取消参加' };
  return {
    send: true,
    page: `packages/events/detail/index?id=${e.id}`,
    fields: { title: e.title, time: wechatTime(e.startsAt), note: e.venueName ? `地点：${e.venueName}` : '请准时参加' },
  };
}

/** 活动提醒 goes out a day before the start, or at once when the member says 我要参加 later than that. */
export const EVENT_REMINDER_LEAD_MS = 24 * 3600_000;

export function eventReminderAt(startsAt: string, now: Date): Date | null {
  const start = Date.parse(startsAt);
  if (start <= now.getTime()) return null;
  return new Date(Math.max(now.getTime(), start - EVENT_REMINDER_LEAD_MS));
}

export const eventReminderKey = (eventId: number, memberId: number) => `event_reminder:${eventId}:${memberId}`;
