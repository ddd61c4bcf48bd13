import type { MemberContext, MemberDataSection } from '../context';

/** "我的数据": the member's check-ins, with the location the phone sent when the event required it. */
export const eventsDataSection: MemberDataSection = async (ctx) => {
  const { checkins } = await ctx.store.events.memberData(ctx.member.id);
  if (!checkins.length) return null;
  return {
    title: '活动签到',
    rows: checkins.map((r) => ({
      活动: r.title,
      签到时间: r.checkedInAt,
      扫码时间: r.scannedAt,
      方式: r.offline ? '离线签到' : '现场签到',
      状态: r.voided ? '已作废' : '有效',
      签到位置: r.lat !== null && r.lng !== null ? `纬度 ${r.lat.toFixed(5)}，经度 ${r.lng.toFixed(5)}` : null,
      距活动地点: r.distance !== null ? `${Math.round(r.distance)} 米` : null,
    })),
  };
};

/** "我的数据": the events the member said 我要参加 to. */
export const eventIntentsDataSection: MemberDataSection = async (ctx) => {
  const { intents } = await ctx.store.events.memberData(ctx.member.id);
  if (!intents.length) return null;
  return {
    title: '活动报名（我要参加）',
    rows: intents.map((r) => ({ 活动: r.title, 活动时间: r.startsAt, 报名时间: r.createdAt })),
  };
};

/** Before an account is deleted: the places the member's phone sent with their check-ins go with them. */
export async function forgetCheckinLocations(ctx: MemberContext): Promise<void> {
  await ctx.store.events.forgetMember(ctx.member.id);
}
