import type { MemberDataSection } from '../context';

/** "我的数据": reading progress, time, finishes and favourites of the member. */
export const magazineDataSection: MemberDataSection = async (ctx) => {
  const rows = await ctx.store.magazine.exportRows(ctx.member.id);
  const s = await ctx.store.magazine.settings(ctx.member.id);
  return {
    title: '《人生》阅读记录',
    rows: [{ 文章: '（阅读设置）', 字号: s.fontSize, 夜间模式: s.night ? '开' : '关' }, ...rows],
  };
};
