import type { MemberContext } from '../context';

/** 我的数据: the member's quiz attempts (answers are kept with the attempt and removed with it on deletion of the campaign). */
export async function quizDataSection(ctx: MemberContext) {
  const rows = await ctx.store.quiz.attemptsOf(ctx.member.id);
  if (!rows.length) return null;
  return {
    title: '知识竞赛答题记录',
    rows: rows.map((r) => ({ 竞赛: r.title, 开始时间: r.startedAt, 交卷时间: r.submittedAt, 得分: r.score })),
  };
}
