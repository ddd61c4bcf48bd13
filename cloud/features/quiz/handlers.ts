import { defineAction, type BaseContext, type MemberContext, type MemberIdContext } from '../context';
import { AppError, notFound } from '../../core/errors';
import { memberOrg } from '../../core/member-org';
import {
  quizLeaderboardInput,
  quizListInput,
  quizOrgRankingInput,
  quizResultInput,
  quizSaveAnswerInput,
  quizStartInput,
  quizSubmitInput,
  type AttemptResult,
  type AttemptView,
  type SubmitResult,
  type CampaignCard,
  type CampaignStatus,
  type LeaderboardRow,
} from '../../contracts/quiz';
import { QUIZ_LEADERBOARD_TOP } from '../../contracts/quiz-rules';
import type { AttemptQuestionRef, AttemptRow, CampaignRow, QuestionRow, RankScope, ScoringRules } from './repo';
import { shuffle } from './scoring';
import { chinaDay } from '../../contracts/china-time';
import {
  attemptDeadline,
  attemptLimitRefusal,
  campaignStatus,
  endOf,
  isBetterEntry,
  isResumable,
  needsSavedAnswers,
  overdueCutoff,
  pointsFor,
  saveRefusal,
  settle,
} from './rules';

/** The member's org path and its 盟市 / 旗县 ids, or null when they have not chosen an org. */
async function placeOf(ctx: MemberContext) {
  const org = await memberOrg(ctx);
  if (!org) return null;
  const ids = org.path.split('/').filter(Boolean);
  return { orgId: org.id, path: org.path, cityId: ids[1] ?? null, countyId: ids[2] ?? null };
}

const questionCount = (c: CampaignRow) => c.draws.reduce((n, d) => n + d.count, 0);

/** The member's own attempt, or 404 (another member's attempt is not theirs to know of). */
function own(ctx: MemberIdContext, a: AttemptRow | undefined): AttemptRow {
  if (!a || a.memberId !== ctx.memberId) throw notFound('这次答题记录');
  return a;
}

const ownAttempt = async (ctx: MemberContext, attemptId: number) => own(ctx, await ctx.store.quiz.getAttempt(attemptId));

function existing(c: CampaignRow | undefined): CampaignRow {
  if (!c) throw notFound('该竞赛');
  return c;
}

const requireCampaign = async (ctx: MemberContext, id: number) => existing(await ctx.store.quiz.getCampaign(id));

function shownPositions(ref: AttemptQuestionRef, bankIndices: readonly number[]): number[] {
  return bankIndices
    .map((i) => ref.order.indexOf(i))
    .filter((p) => p >= 0)
    .sort((a, b) => a - b);
}

/** Turns positions the member saw into bank-order indices, refusing anything not in the attempt. */
function toBankChoice(attempt: AttemptRow, questions: Map<string, QuestionRow>, questionId: string, choice: number[]): number[] {
  const ref = attempt.questions.find((q) => q.id === questionId);
  if (!ref) throw new AppError('QUIZ_NOT_IN_ATTEMPT', '这道题不在本次答卷中，请刷新后重试');
  const q = questions.get(questionId);
  if (!q) throw notFound('这道题');
  if (new Set(choice).size !== choice.length || choice.some((p) => p >= ref.order.length)) throw new AppError('INVALID_PAYLOAD', '所选答案无效');
  if (q.type !== 'multiple' && choice.length > 1) throw new AppError('INVALID_PAYLOAD', '单选题和判断题只能选一个答案');
  return choice.map((p) => ref.order[p]).sort((a, b) => a - b);
}

async function questionMap(ctx: BaseContext, attempt: AttemptRow) {
  return new Map((await ctx.store.quiz.questionsByIds(attempt.questions.map((q) => q.id))).map((q) => [q.id, q]));
}

/**
 * How an attempt is scored, on submit or when its time ran out without one: on the answers that count (a submit
 * after deadline + grace is scored exactly as the time-out would be), with the first scoring's points, which the
 * store pays in the same transaction.
 */
function scoringRules(
  campaign: CampaignRow,
  attempt: AttemptRow,
  questions: Map<string, QuestionRow>,
  final: { questionId: string; choice: number[] }[],
  now: Date,
): ScoringRules {
  const keyed = attempt.questions.map((ref) => questions.get(ref.id)!);
  const end = endOf(attempt, now);
  const counted = end.late ? [] : final;
  return {
    withSaved: needsSavedAnswers(attempt, counted),
    settle: (saved) => settle(attempt, keyed, campaign.passMark, counted, saved, end.at),
    better: isBetterEntry,
    awards: (scored, hadBest) => pointsFor(campaign, scored, hadBest, now),
  };
}

/**
 * Time-outs are scored lazily: every read that shows attempts (my list and result, the leaderboard,
 * 单位排行, the admin's stats and export) first scores the attempts of its member or campaign whose
 * deadline + grace has passed without a submit, on the answers saved by deadline + grace, as ending
 * at the deadline (duration = the full time, submittedAt = the deadline). Hosts racing to score the same
 * attempt (or a late submit) are fine: the store claims it once.
 */
export async function settleOverdue(ctx: BaseContext, where: { campaignId: number } | { memberId: number }) {
  const overdue = await ctx.store.quiz.overdueAttempts(where, overdueCutoff(ctx.now()));
  for (const a of overdue)
    await ctx.store.quiz.submit({
      attemptId: a.id,
      score: ({ attempt, campaign, questions }) => (campaign ? scoringRules(campaign, attempt, questions, [], ctx.now()) : null),
    });
}

async function attemptView(ctx: MemberContext, campaign: CampaignRow, attempt: AttemptRow, resumed: boolean): Promise<AttemptView> {
  const qs = await questionMap(ctx, attempt);
  const saved = new Map((await ctx.store.quiz.savedAnswers(attempt.id)).map((a) => [a.questionId, a.choice]));
  const answers: Record<string, number[]> = {};
  for (const ref of attempt.questions) {
    const s = saved.get(ref.id);
    if (s) answers[ref.id] = shownPositions(ref, s);
  }
  return {
    attemptId: attempt.id,
    campaignId: campaign.id,
    title: campaign.title,
    // Only what the member needs to answer: never the answer, the explanation or the bank order.
    questions: attempt.questions.map((ref) => {
      const q = qs.get(ref.id)!;
      return { id: q.id, type: q.type, stem: q.stem, options: ref.order.map((i) => q.options[i]) };
    }),
    answers,
    startedAt: attempt.startedAt,
    deadline: attempt.deadlineAt,
    serverNow: ctx.now().toISOString(),
    resumed,
  };
}

/** Score, correct count, time, pass/fail and my rank (two index-only counts), without the review. */
async function figuresOf(
  ctx: MemberIdContext,
  campaign: CampaignRow,
  attempt: AttemptRow,
  standing?: { rank: number; participants: number } | null,
): Promise<SubmitResult> {
  if (!attempt.submittedAt) throw new AppError('QUIZ_NOT_SUBMITTED', '本次答题还没有交卷');
  // A submit brings its standing from its own transaction; other readers count it here.
  const mine = standing === undefined ? await ctx.store.quiz.rankOf(campaign.id, ctx.memberId, { kind: 'all' }) : standing;
  return {
    attemptId: attempt.id,
    campaignId: campaign.id,
    title: campaign.title,
    score: attempt.score ?? 0,
    correctCount: attempt.correctCount ?? 0,
    total: attempt.total,
    durationMs: attempt.durationMs ?? 0,
    passed: attempt.passed === true,
    passMark: campaign.passMark,
    submittedAt: attempt.submittedAt,
    rank: mine?.rank ?? null,
    participants: mine ? mine.participants : await ctx.store.quiz.participants(campaign.id, { kind: 'all' }),
  };
}

async function resultOf(ctx: MemberContext, campaign: CampaignRow, attempt: AttemptRow): Promise<AttemptResult> {
  const figures = await figuresOf(ctx, campaign, attempt);
  let review: AttemptResult['review'] = null;
  if (campaign.showReview) {
    const qs = await questionMap(ctx, attempt);
    const saved = attempt.answers ?? new Map((await ctx.store.quiz.savedAnswers(attempt.id)).map((a) => [a.questionId, a.choice]));
    review = attempt.questions.map((ref) => {
      const q = qs.get(ref.id)!;
      const mine = shownPositions(ref, saved.get(ref.id) ?? []);
      const correct = shownPositions(ref, q.answer);
      return {
        id: q.id,
        type: q.type,
        stem: q.stem,
        options: ref.order.map((i) => q.options[i]),
        mine,
        correct,
        isCorrect: mine.length === correct.length && mine.every((m, i) => m === correct[i]),
        explanation: q.explanation,
      };
    });
  }
  return { ...figures, review };
}

export const quizList = defineAction({
  name: 'quiz.list',
  input: quizListInput,
  auth: 'member',
  async handler(ctx) {
    const now = ctx.now();
    await settleOverdue(ctx, { memberId: ctx.member.id });
    const place = await placeOf(ctx);
    const stats = new Map((await ctx.store.quiz.memberStats(ctx.member.id, chinaDay(now))).map((s) => [s.campaignId, s]));
    const campaigns: CampaignCard[] = [];
    for (const c of await ctx.store.quiz.campaigns()) {
      const eligible = !!place && place.path.startsWith(c.orgPath);
      // Members see their own subtree's campaigns; without an org they see the top-level ones (and are asked to choose).
      if (!eligible && (place || c.orgPath.split('/').filter(Boolean).length > 1)) continue;
      const s = stats.get(c.id);
      const used = s?.attempts ?? 0;
      const today = s?.attemptsToday ?? 0;
      let unfinished = s?.unfinishedAttemptId ?? null;
      if (unfinished) {
        const a = await ctx.store.quiz.getAttempt(unfinished);
        if (!a || !isResumable(a, now)) unfinished = null;
      }
      campaigns.push({
        id: c.id,
        title: c.title,
        description: c.description,
        cover: c.cover,
        orgId: c.orgId,
        orgName: c.orgName,
        status: campaignStatus(c, now),
        opensAt: c.opensAt,
        closesAt: c.closesAt,
        questionCount: questionCount(c),
        timeLimitSec: c.timeLimitSec,
        passMark: c.passMark,
        attemptsPerDay: c.attemptsPerDay,
        attemptsTotal: c.attemptsTotal,
        eligible,
        myBestScore: s?.bestScore ?? null,
        myAttempts: used,
        attemptsLeft: Math.max(0, c.attemptsTotal - used),
        attemptsLeftToday: Math.max(0, Math.min(c.attemptsTotal - used, c.attemptsPerDay - today)),
        unfinishedAttemptId: unfinished,
        lastAttemptId: s?.lastAttemptId ?? null,
      });
    }
    const order: Record<CampaignStatus, number> = { open: 0, upcoming: 1, ended: 2 };
    campaigns.sort((a, b) => order[a.status] - order[b.status]);
    return { campaigns, serverNow: now.toISOString() };
  },
});

export const quizStart = defineAction({
  name: 'quiz.start',
  input: quizStartInput,
  auth: 'member',
  async handler(ctx, { campaignId }) {
    const now = ctx.now();
    const campaign = await requireCampaign(ctx, campaignId);
    const status = campaignStatus(campaign, now);
    if (status === 'upcoming') throw new AppError('QUIZ_NOT_OPEN', '竞赛还没有开始，请到开始时间再来');
    if (status === 'ended') throw new AppError('QUIZ_NOT_OPEN', '竞赛已经结束，可以查看排行榜');
    const place = await placeOf(ctx);
    if (!place) throw new AppError('QUIZ_NOT_ELIGIBLE', '请先在“我的”里选择所在单位，再参加竞赛');
    await settleOverdue(ctx, { memberId: ctx.member.id });
    if (!place.path.startsWith(campaign.orgPath)) throw new AppError('QUIZ_NOT_ELIGIBLE', `本次竞赛只面向${campaign.orgName}及下级单位的会员`);
    const pool = await ctx.store.quiz.questionsOfBanks(campaign.draws.map((d) => d.bankId));
    const draw = (): AttemptQuestionRef[] => {
      const picked: QuestionRow[] = [];
      for (const d of campaign.draws) picked.push(...shuffle(pool.filter((q) => q.bankId === d.bankId)).slice(0, d.count));
      return shuffle(picked).map((q) => {
        const natural = q.options.map((_, i) => i);
        // 判断题 keeps 正确 / 错误 in their usual order.
        return { id: q.id, order: q.type === 'judge' ? natural : shuffle(natural) };
      });
    };
    const started = await ctx.store.quiz.startAttempt({
      campaignId: campaign.id,
      memberId: ctx.member.id,
      orgId: place.orgId,
      cityId: place.cityId,
      countyId: place.countyId,
      day: chinaDay(now),
      startedAt: now,
      deadlineAt: attemptDeadline(campaign, now),
      resumable: (open) => isResumable(open, now),
      refusal: (used) => attemptLimitRefusal(campaign, used),
      draw,
    });
    if (started.kind === 'refused') throw started.refusal;
    return attemptView(ctx, campaign, started.attempt, started.kind === 'resumed');
  },
});

export const quizSaveAnswer = defineAction({
  name: 'quiz.saveAnswer',
  input: quizSaveAnswerInput,
  auth: 'member',
  async handler(ctx, { attemptId, questionId, choice }) {
    const attempt = await ownAttempt(ctx, attemptId);
    const bankChoice = toBankChoice(attempt, await questionMap(ctx, attempt), questionId, choice);
    const now = ctx.now();
    const refusal = saveRefusal(attempt, now);
    if (refusal) throw refusal;
    if (!(await ctx.store.quiz.saveAnswer(attemptId, questionId, bankChoice, now))) throw saveRefusal({ ...attempt, submittedAt: now.toISOString() }, now)!;
    return { savedAt: now.toISOString() };
  },
});

export const quizSubmit = defineAction({
  name: 'quiz.submit',
  input: quizSubmitInput,
  auth: 'member',
  // The submit locks the member's row itself, and scores only the member's own attempt.
  memberIdOnly: true,
  async handler(ctx, { attemptId, answers = [] }) {
    // The attempt is read, checked and scored in one step of the store (one transaction under its lock).
    const done = await ctx.store.quiz.submit({
      attemptId,
      score: ({ attempt, campaign, questions }) => {
        own(ctx, attempt);
        const c = existing(campaign);
        // A scored attempt never changes: a repeated submit (a double tap, a retry) is answered from it.
        if (attempt.submittedAt) return null;
        const final = answers.map((a) => ({ questionId: a.questionId, choice: toBankChoice(attempt, questions, a.questionId, a.choice) }));
        return scoringRules(c, attempt, questions, final, ctx.now());
      },
    });
    if (!done) throw notFound('这次答题记录');
    return figuresOf(ctx, existing(done.campaign), done.attempt, done.standing);
  },
});

export const quizResult = defineAction({
  name: 'quiz.result',
  input: quizResultInput,
  auth: 'member',
  async handler(ctx, { attemptId }) {
    let attempt = await ownAttempt(ctx, attemptId);
    if (!attempt.submittedAt) {
      await settleOverdue(ctx, { memberId: ctx.member.id });
      attempt = await ownAttempt(ctx, attemptId);
    }
    return resultOf(ctx, await requireCampaign(ctx, attempt.campaignId), attempt);
  },
});

async function requireViewer(ctx: MemberContext, campaign: CampaignRow) {
  const place = await placeOf(ctx);
  if (ctx.admin.covers(campaign.orgPath)) return place;
  if (!place || !place.path.startsWith(campaign.orgPath)) throw new AppError('QUIZ_NOT_ELIGIBLE', `本次竞赛只面向${campaign.orgName}及下级单位的会员`);
  return place;
}

export const quizLeaderboard = defineAction({
  name: 'quiz.leaderboard',
  input: quizLeaderboardInput,
  auth: 'member',
  async handler(ctx, { campaignId, scope }) {
    const campaign = await requireCampaign(ctx, campaignId);
    const place = await requireViewer(ctx, campaign);
    await settleOverdue(ctx, { campaignId });
    let rankScope: RankScope = { kind: 'all' };
    let scopeName = campaign.title;
    if (scope !== 'all') {
      const orgId = scope === 'city' ? place?.cityId : place?.countyId;
      if (!orgId) return { scope, scopeName: scope === 'city' ? '本盟市' : '本旗县', participants: 0, top: [], me: null };
      rankScope = { kind: scope, orgId };
      scopeName = (await ctx.store.orgs.getById(orgId))?.name ?? orgId;
    }
    const top = await ctx.store.quiz.top(campaignId, rankScope, QUIZ_LEADERBOARD_TOP);
    const mine = await ctx.store.quiz.rankOf(campaignId, ctx.member.id, rankScope);
    const row = (rank: number, e: (typeof top)[number]): LeaderboardRow => ({
      rank,
      nickname: e.nickname,
      orgName: e.orgName,
      score: e.score,
      durationMs: e.durationMs,
      isMe: e.memberId === ctx.member.id,
    });
    return {
      scope,
      scopeName,
      participants: mine ? mine.participants : await ctx.store.quiz.participants(campaignId, rankScope),
      top: top.map((e, i) => row(i + 1, e)),
      me: mine ? row(mine.rank, mine.entry) : null,
    };
  },
});

export const quizOrgRanking = defineAction({
  name: 'quiz.orgRanking',
  input: quizOrgRankingInput,
  auth: 'member',
  async handler(ctx, { campaignId, level }) {
    const campaign = await requireCampaign(ctx, campaignId);
    await requireViewer(ctx, campaign);
    await settleOverdue(ctx, { campaignId });
    const orgs = new Map((await ctx.store.orgs.all()).map((o) => [o.id, o]));
    const rows = (await ctx.store.quiz.orgRanking(campaignId, level)).map((r) => {
      const org = orgs.get(r.orgId);
      const memberCount = org?.memberCount ?? null;
      return {
        orgId: r.orgId,
        orgName: org?.name ?? r.orgId,
        participants: r.participants,
        memberCount,
        participationRate: memberCount ? Math.min(1, r.participants / memberCount) : null,
        averageScore: r.averageScore,
      };
    });
    return { level, rows };
  },
});

export const quizMemberActions = [quizList, quizStart, quizSaveAnswer, quizSubmit, quizResult, quizLeaderboard, quizOrgRanking];

/** Before a member's account is deleted: their leaderboard entries go (their attempts stay, anonymous, in the counts). */
export async function forgetQuizEntriesOfDeletedMember(ctx: MemberContext): Promise<void> {
  await ctx.store.quiz.forgetMember(ctx.member.id);
}
