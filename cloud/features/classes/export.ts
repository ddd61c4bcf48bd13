import type { MemberDataSection } from '../context';
import { REGISTRATION_STATUS_LABEL } from '../../contracts/classes-format';

/** "我的数据": every class registration (with its form answers) and in-app message we keep for the member. */
export const classesDataSection: MemberDataSection = async (ctx) => {
  const regs = await ctx.store.classes.ofMember(ctx.member.id);
  const messages = await ctx.store.classes.messages(ctx.member.id, 10_000);
  const subscriptions = await ctx.store.classes.subscriptions(ctx.member.id);
  const outbox = await ctx.store.classes.outbox(ctx.member.id);
  if (regs.length === 0 && messages.length === 0 && subscriptions.length === 0 && outbox.length === 0) return null;
  const rows: Record<string, string | number | null>[] = [];
  for (const r of regs) {
    const c = await ctx.store.classes.get(r.classId);
    rows.push({
      课程: c?.title ?? `课程 ${r.classId}`,
      状态: REGISTRATION_STATUS_LABEL[r.status],
      入场码: r.code,
      孩子年龄: r.childAge,
      报名表: Object.entries(r.answers)
        .map(([k, v]) => `${c?.fields.find((f) => f.id === k)?.label ?? k}：${v}`)
        .join('；'),
      报名时间: r.createdAt,
      签到时间: r.attendedAt,
    });
  }
  for (const m of messages)
    rows.push({ 课程: null, 状态: '站内消息', 入场码: null, 孩子年龄: null, 报名表: `${m.title}：${m.body}`, 报名时间: m.createdAt, 签到时间: null });
  for (const sub of subscriptions) {
    const what = sub.kind === 'class_promoted' ? '候补递补通知' : sub.kind === 'class_reminder' ? '上课提醒' : sub.kind;
    rows.push({
      课程: null,
      状态: '微信订阅消息',
      入场码: null,
      孩子年龄: null,
      报名表: `${what}：${sub.accepted ? '允许' : '拒绝'}`,
      报名时间: sub.decidedAt,
      签到时间: null,
    });
  }
  // WeChat subscribe messages queued for delivery to the member (their content, as it will be sent).
  for (const o of outbox) {
    const what = o.template === 'class_promoted' ? '候补递补通知' : o.template === 'class_reminder' ? '上课提醒' : o.template;
    const p = (o.payload ?? {}) as { title?: unknown };
    const content = typeof p.title === 'string' ? p.title : JSON.stringify(o.payload);
    rows.push({
      课程: typeof p.title === 'string' ? p.title : null,
      状态: '待发送的微信消息',
      入场码: null,
      孩子年龄: null,
      报名表: `${what}：${content}`,
      报名时间: o.createdAt,
      签到时间: null,
    });
  }
  return { title: '家长课堂报名与消息', rows };
};
