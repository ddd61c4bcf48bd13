import type { MemberDataSection } from '../member/export';

/** "我的数据": the member's check-ins and 我要参加 (location is stored with a check-in and shown here). */
export const eventsDataSection: MemberDataSection = async (ctx) => {
  const rows = await ctx.store.events.myCheckins(ctx.member.id);
  if (!rows.length) return null;
  return {
    title: '活动签到',
    rows: rows.map((r) => ({
      活动: r.title,
      签到时间: r.checkedInAt,
      扫码时间: r.scannedAt,
      方式: r.offline ? '离线签到' : '现场签到',
      状态: r.voided ? '已作废' : '有效',
    })),
  };
};
