import { startTestApp, type TestApp } from '../support/app';
import { correctChoices, scoredEntry, wrongChoice } from '../support/quiz';

const OPEN = '优生优育进万家知识竞赛';
const T0 = new Date('2026-11-23T02:00:00Z'); // 10:00 Beijing time

let app: TestApp;
let clock: Date;
const setClock = (d: Date) => (clock = d);
const advance = (ms: number) => (clock = new Date(clock.getTime() + ms));

beforeEach(async () => {
  clock = T0;
  app = await startTestApp({ now: () => clock });
});
afterEach(() => app.close());

async function member(openid: string, orgId: string | null = '150102') {
  const m = app.as(openid);
  await m.call('member.update', orgId ? { orgId, nickname: openid } : { nickname: openid });
  return m;
}

async function campaignId(title = OPEN) {
  const c = (await app.store.quiz.campaigns()).find((x) => x.title === title);
  if (!c) throw new Error(`no campaign ${title}`);
  return c.id;
}

describe('quiz.list', () => {
  test('shows open, upcoming and ended campaigns of my subtree with my best score and attempts left', async () => {
    const hhht = await member('m-hhht');
    const { campaigns } = await hhht.call('quiz.list', {});
    expect(campaigns.map((c) => [c.title, c.status])).toEqual([
      [OPEN, 'open'],
      ['5·29 会员活动日知识竞赛', 'upcoming'],
      ['7·11 世界人口日知识竞赛（呼和浩特）', 'ended'],
    ]);
    const open = campaigns[0];
    expect(open).toMatchObject({ eligible: true, myBestScore: null, attemptsLeft: 10, attemptsLeftToday: 3, questionCount: 10, passMark: 60 });

    // A member of 赤峰 does not see the 呼和浩特 campaign.
    const chifeng = await member('m-cf', '150426');
    expect((await chifeng.call('quiz.list', {})).campaigns.map((c) => c.title)).not.toContain('7·11 世界人口日知识竞赛（呼和浩特）');

    // After one attempt: best score and attempts left.
    const view = await hhht.call('quiz.start', { campaignId: open.id });
    await hhht.call('quiz.submit', { attemptId: view.attemptId, answers: await correctChoices(app.store, view) });
    const after = (await hhht.call('quiz.list', {})).campaigns[0];
    expect(after).toMatchObject({ myBestScore: 100, attemptsLeft: 9, attemptsLeftToday: 2, myAttempts: 1, unfinishedAttemptId: null });
  });
});

describe('quiz.start', () => {
  test('draws questions per attempt, shuffles options, and sends nothing that reveals the answer', async () => {
    const m = await member('m1');
    const id = await campaignId();
    const view = await m.call('quiz.start', { campaignId: id });
    expect(view.questions).toHaveLength(10);
    expect(new Set(view.questions.map((q) => q.id)).size).toBe(10);
    // Only these fields leave the server before submission.
    for (const q of view.questions) expect(Object.keys(q).sort()).toEqual(['id', 'options', 'stem', 'type']);
    expect(Object.keys(view).sort()).toEqual(['answers', 'attemptId', 'campaignId', 'deadline', 'questions', 'resumed', 'serverNow', 'startedAt', 'title']);
    const text = JSON.stringify(view);
    const bank = await app.store.quiz.questionsByIds(view.questions.map((q) => q.id));
    for (const b of bank) expect(text).not.toContain(b.explanation);
    expect(text).not.toMatch(/"answer"|"correct"|"explanation"|"order"/);

    // Across attempts (of several members), the draw and the option order change.
    const draws = new Set<string>();
    const orders = new Set<string>();
    for (let i = 0; i < 6; i++) {
      const v = await (await member(`m-draw-${i}`)).call('quiz.start', { campaignId: id });
      draws.add(
        v.questions
          .map((q) => q.id)
          .sort()
          .join(),
      );
      const multi = v.questions.map((q) => `${q.id}:${q.options.join('|')}`);
      multi.forEach((x) => orders.add(x));
    }
    expect(draws.size).toBeGreaterThan(1);
    const byQuestion = new Map<string, Set<string>>();
    for (const o of orders) {
      const [qid, opts] = o.split(':');
      if (!byQuestion.has(qid)) byQuestion.set(qid, new Set());
      byQuestion.get(qid)!.add(opts);
    }
    expect([...byQuestion.values()].some((s) => s.size > 1)).toBe(true);
  });

  test('an interrupted attempt is resumed with its saved answers while time remains', async () => {
    const m = await member('m1');
    const id = await campaignId();
    const first = await m.call('quiz.start', { campaignId: id });
    const right = await correctChoices(app.store, first);
    await m.call('quiz.saveAnswer', { attemptId: first.attemptId, ...right[0] });
    await m.call('quiz.saveAnswer', { attemptId: first.attemptId, ...right[1] });
    advance(5 * 60_000);
    const again = await m.call('quiz.start', { campaignId: id });
    expect(again.resumed).toBe(true);
    expect(again.attemptId).toBe(first.attemptId);
    expect(again.questions).toEqual(first.questions);
    expect(again.answers).toEqual({ [right[0].questionId]: right[0].choice, [right[1].questionId]: right[1].choice });
    expect(again.deadline).toBe(first.deadline);

    // Once its time is over, a new start makes a new attempt.
    advance(6 * 60_000);
    const next = await m.call('quiz.start', { campaignId: id });
    expect(next.resumed).toBe(false);
    expect(next.attemptId).not.toBe(first.attemptId);
  });

  test('only members of the campaign org subtree can start, and only while it is open', async () => {
    const hhhtCampaign = (await app.store.quiz.createCampaign(
      {
        title: '呼和浩特答题',
        description: '',
        cover: null,
        orgId: '150100',
        draws: [{ bankId: 'family-health', count: 3 }],
        opensAt: '2026-01-01T00:00:00Z',
        closesAt: '2027-01-01T00:00:00Z',
        timeLimitSec: 300,
        attemptsPerDay: 1,
        attemptsTotal: 1,
        passMark: 60,
        showReview: true,
      },
      T0,
    ))!;
    const outsider = await member('m-cf', '150426');
    const r = await outsider.raw('quiz.start', { campaignId: hhhtCampaign });
    expect(r.status).toBe(403);
    expect(r.body).toMatchObject({ ok: false, error: { code: 'QUIZ_NOT_ELIGIBLE' } });
    const noOrg = await member('m-none', null);
    expect((await noOrg.raw('quiz.start', { campaignId: hhhtCampaign })).body).toMatchObject({ error: { code: 'QUIZ_NOT_ELIGIBLE' } });
    const insider = await member('m-hhht', '150105');
    expect((await insider.call('quiz.start', { campaignId: hhhtCampaign })).questions).toHaveLength(3);

    expect((await insider.raw('quiz.start', { campaignId: await campaignId('5·29 会员活动日知识竞赛') })).body).toMatchObject({
      error: { code: 'QUIZ_NOT_OPEN' },
    });
    expect((await insider.raw('quiz.start', { campaignId: await campaignId('7·11 世界人口日知识竞赛（呼和浩特）') })).body).toMatchObject({
      error: { code: 'QUIZ_NOT_OPEN' },
    });
    expect((await insider.raw('quiz.start', { campaignId: 99999 })).status).toBe(404);
  });

  test('per-day and total attempt limits', async () => {
    const m = await member('m1');
    const id = await campaignId();
    for (let day = 0; day < 4; day++) {
      for (let i = 0; i < 3 && day * 3 + i < 10; i++) {
        const v = await m.call('quiz.start', { campaignId: id });
        await m.call('quiz.submit', { attemptId: v.attemptId });
      }
      if (day < 3) {
        const r = await m.raw('quiz.start', { campaignId: id });
        expect(r.status).toBe(409);
        expect(r.body).toMatchObject({ error: { code: 'QUIZ_DAILY_LIMIT' } });
      }
      advance(24 * 3600_000);
    }
    const r = await m.raw('quiz.start', { campaignId: id });
    expect(r.body).toMatchObject({ error: { code: 'QUIZ_ATTEMPTS_USED' } });
    expect(await app.sql.value('SELECT COUNT(*) FROM quiz_attempts WHERE member_id = (SELECT id FROM members WHERE openid = ?)', 'm1')).toBe(10);
  });
});

describe('quiz.submit', () => {
  test('is scored on the server once; submitting again returns the first result; points for taking part and passing', async () => {
    const m = await member('m1');
    const view = await m.call('quiz.start', { campaignId: await campaignId() });
    const right = await correctChoices(app.store, view);
    // 7 right, 3 wrong (one of them a multiple choice with only some of the options, if there is one)
    const answers = right.map((a, i) => (i < 7 ? a : { questionId: a.questionId, choice: wrongChoice(view, a) }));
    for (const a of answers.slice(0, 5)) await m.call('quiz.saveAnswer', { attemptId: view.attemptId, ...a });
    advance(95_000);
    const result = await m.call('quiz.submit', { attemptId: view.attemptId, answers: answers.slice(5) });
    expect(result).toMatchObject({ score: 70, correctCount: 7, total: 10, passed: true, passMark: 60, durationMs: 95_000, rank: 1, participants: 1 });
    expect(result).not.toHaveProperty('review');
    const full = await m.call('quiz.result', { attemptId: view.attemptId });
    expect(full).toEqual({ ...result, review: expect.any(Array) });
    expect(full.review).toHaveLength(10);
    full.review!.forEach((r, i) => {
      expect(r.correct).toEqual(right[i].choice);
      expect(r.mine).toEqual(answers[i].choice);
      expect(r.isCorrect).toBe(i < 7);
      expect(r.explanation.length).toBeGreaterThan(5);
    });

    advance(10_000);
    const again = await m.call('quiz.submit', { attemptId: view.attemptId, answers: right });
    expect(again).toEqual(result);
    expect(await m.call('quiz.result', { attemptId: view.attemptId })).toEqual(full);
    expect((await m.raw('quiz.saveAnswer', { attemptId: view.attemptId, ...right[9] })).body).toMatchObject({ error: { code: 'QUIZ_SUBMITTED' } });

    const me = await m.call('member.me', {});
    expect(me.points).toBe(15);
    // A second passing attempt does not pay again.
    const v2 = await m.call('quiz.start', { campaignId: view.campaignId });
    await m.call('quiz.submit', { attemptId: v2.attemptId, answers: await correctChoices(app.store, v2) });
    expect((await m.call('member.me', {})).points).toBe(15);
  });

  test('multiple choice counts only with all correct options and no wrong one', async () => {
    const m = await member('m1');
    const id = (await app.store.quiz.createCampaign(
      {
        title: '多选',
        description: '',
        cover: null,
        orgId: '150000',
        draws: [{ bankId: 'family-health', count: 40 }],
        opensAt: '2026-01-01T00:00:00Z',
        closesAt: '2027-01-01T00:00:00Z',
        timeLimitSec: 600,
        attemptsPerDay: 5,
        attemptsTotal: 5,
        passMark: 60,
        showReview: true,
      },
      T0,
    ))!;
    const view = await m.call('quiz.start', { campaignId: id });
    const right = await correctChoices(app.store, view);
    const multis = view.questions.map((q, i) => ({ q, a: right[i] })).filter((x) => x.q.type === 'multiple');
    expect(multis.length).toBeGreaterThanOrEqual(2);
    const [partial, extra, ...rest] = multis;
    const answers = [
      { questionId: partial.q.id, choice: partial.a.choice.slice(1) },
      { questionId: extra.q.id, choice: [...extra.a.choice, ...wrongChoice(view, extra.a)].sort() },
      ...rest.map((x) => x.a),
    ];
    expect((await m.call('quiz.submit', { attemptId: view.attemptId, answers })).correctCount).toBe(rest.length);
    const result = await m.call('quiz.result', { attemptId: view.attemptId });
    const review = new Map(result.review!.map((r) => [r.id, r]));
    expect(review.get(partial.q.id)!.isCorrect).toBe(false);
    expect(review.get(extra.q.id)!.isCorrect).toBe(false);
  });

  test('answers to questions not in the attempt are refused', async () => {
    const m = await member('m1');
    const view = await m.call('quiz.start', { campaignId: await campaignId() });
    const all = (await app.store.quiz.questionsOfBanks(['cxh-activities', 'yousheng-parents', 'family-health', 'youth-marriage-culture'])).map((q) => q.id);
    const foreign = all.find((q) => !view.questions.some((x) => x.id === q))!;
    const r1 = await m.raw('quiz.saveAnswer', { attemptId: view.attemptId, questionId: foreign, choice: [0] });
    expect(r1.status).toBe(400);
    expect(r1.body).toMatchObject({ ok: false, error: { code: 'QUIZ_NOT_IN_ATTEMPT' } });
    const r2 = await m.raw('quiz.submit', { attemptId: view.attemptId, answers: [{ questionId: foreign, choice: [0] }] });
    expect(r2.body).toMatchObject({ ok: false, error: { code: 'QUIZ_NOT_IN_ATTEMPT' } });
    // The refused submit did not close the attempt.
    expect((await m.call('quiz.start', { campaignId: view.campaignId })).attemptId).toBe(view.attemptId);
    // Someone else's attempt is not found; options out of range are invalid.
    const other = await member('m2');
    expect((await other.raw('quiz.saveAnswer', { attemptId: view.attemptId, questionId: view.questions[0].id, choice: [0] })).status).toBe(404);
    expect((await m.raw('quiz.saveAnswer', { attemptId: view.attemptId, questionId: view.questions[0].id, choice: [7] })).status).toBe(400);
  });

  test('time is kept by the server: answers saved by deadline + 5 s count, a late submit is scored on what was saved', async () => {
    const m = await member('m1');
    const view = await m.call('quiz.start', { campaignId: await campaignId() });
    expect(new Date(view.deadline).getTime() - new Date(view.startedAt).getTime()).toBe(600_000);
    const right = await correctChoices(app.store, view);
    advance(60_000);
    await m.call('quiz.saveAnswer', { attemptId: view.attemptId, ...right[0] });
    setClock(new Date(new Date(view.deadline).getTime() + 4_000));
    await m.call('quiz.saveAnswer', { attemptId: view.attemptId, ...right[1] }); // within the grace
    setClock(new Date(new Date(view.deadline).getTime() + 6_000));
    const late = await m.raw('quiz.saveAnswer', { attemptId: view.attemptId, ...right[2] });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ error: { code: 'QUIZ_TIME_UP' } });
    advance(60_000);
    const result = await m.call('quiz.submit', { attemptId: view.attemptId, answers: right.slice(2) });
    expect(result).toMatchObject({ correctCount: 2, score: 20, passed: false, durationMs: 600_000 });
  });
});

describe('rankings', () => {
  test('leaderboard: score desc, time asc, then who finished first; scopes; my rank outside the top 50', async () => {
    const id = await campaignId();
    // Three real attempts through the API.
    const runs: [string, string, number, number][] = [
      ['a', '150102', 10, 100_000], // 10 right in 100 s
      ['b', '150102', 10, 80_000], // 10 right in 80 s: ahead of a
      ['c', '150426', 7, 50_000],
      ['d', '150426', 10, 80_000], // same score and time as b, but started and finished 1 s later
    ];
    for (const [openid, org, nRight, ms] of runs) {
      const m = await member(openid, org);
      setClock(openid === 'd' ? new Date(T0.getTime() + 1000) : T0);
      const v = await m.call('quiz.start', { campaignId: id });
      const right = await correctChoices(app.store, v);
      advance(ms);
      const answers = right.map((a, i) => (i < nRight ? a : { questionId: a.questionId, choice: wrongChoice(v, a) }));
      await m.call('quiz.submit', { attemptId: v.attemptId, answers });
    }
    const b = app.as('b');
    const all = await b.call('quiz.leaderboard', { campaignId: id, scope: 'all' });
    expect(all.top.map((r) => r.rank)).toEqual([1, 2, 3, 4]);
    expect(all.top.map((r) => r.score)).toEqual([100, 100, 100, 70]);
    expect(all.top.map((r) => r.durationMs)).toEqual([80_000, 80_000, 100_000, 50_000]);
    expect(all.top.map((r) => r.nickname)).toEqual(['b', 'd', 'a', 'c']);
    expect(all.top[0].isMe).toBe(true);
    expect(all.me).toMatchObject({ rank: 1, score: 100, isMe: true });
    expect(all.participants).toBe(4);

    const city = await app.as('c').call('quiz.leaderboard', { campaignId: id, scope: 'city' });
    expect(city.scopeName).toBe('赤峰市计生协');
    expect(city.top.map((r) => r.score)).toEqual([100, 70]);
    expect(city.me).toMatchObject({ rank: 2, score: 70 });
    const county = await app.as('a').call('quiz.leaderboard', { campaignId: id, scope: 'county' });
    expect(county.scopeName).toBe('新城区计生协');
    expect(county.me).toMatchObject({ rank: 2, nickname: 'a' });
    expect((await app.as('d').call('quiz.leaderboard', { campaignId: id })).me).toMatchObject({ rank: 2, nickname: 'd' });

    // 60 more, all ahead of c: c is outside the top 50 and still sees their rank.
    for (let i = 0; i < 60; i++)
      await scoredEntry(app, setClock, await member(`bulk-${i}`, '150404'), id, {
        nRight: 8 + (i % 3),
        durationMs: 30_000 + i,
        finishedAt: '2026-11-23T03:00:00.000Z',
      });
    const cView = await app.as('c').call('quiz.leaderboard', { campaignId: id, scope: 'all' });
    expect(cView.top).toHaveLength(50);
    expect(cView.top.some((r) => r.isMe)).toBe(false);
    expect(cView.me).toMatchObject({ rank: 64, score: 70 });
    expect(cView.participants).toBe(64);
    // The ranks of the top rows agree with a plain sort.
    const sorted = (
      await app.sql.rows<{ id: number }>(
        'SELECT member_id AS id FROM quiz_best WHERE campaign_id = ? ORDER BY score DESC, duration_ms, submitted_at, member_id',
        id,
      )
    ).map((r) => Number(r.id));
    expect(sorted).toHaveLength(64);
    expect((await app.as('d').call('quiz.leaderboard', { campaignId: id })).me!.rank).toBe(sorted.indexOf((await app.as('d').call('member.me', {})).id) + 1);

    // 单位排行 at 盟市 level: participants, participation rate where memberCount is known, average score.
    const orgs = await b.call('quiz.orgRanking', { campaignId: id, level: 2 });
    const byId = new Map(orgs.rows.map((r) => [r.orgId, r]));
    expect(byId.get('150100')).toMatchObject({ orgName: '呼和浩特市计生协', participants: 2, averageScore: 100, memberCount: 52000 });
    expect(byId.get('150100')!.participationRate).toBeCloseTo(2 / 52000);
    expect(byId.get('150400')).toMatchObject({ participants: 62 });
    const counties = await b.call('quiz.orgRanking', { campaignId: id, level: 3 });
    expect(counties.rows.map((r) => r.orgId).sort()).toEqual(['150102', '150404', '150426']);
  });

  test('every rank agrees with a plain sort, in each scope, when scores, times (across band edges) and finishing times tie', async () => {
    const id = await campaignId();
    // 10-second bands: 39,999 and 40,000 ms sit in neighbouring cells; equal times and equal finishing times abound.
    const durations = [30_000, 30_000, 39_999, 40_000, 40_000, 55_000];
    const finished = ['2026-11-23T03:00:00.000Z', '2026-11-23T03:00:01.000Z'];
    const counties = ['150102', '150404', '150426'];
    for (let i = 0; i < 72; i++) {
      const m = await member(`tie-${i}`, counties[i % 3]);
      await scoredEntry(app, setClock, m, id, { nRight: i % 4 === 0 ? 9 : 10, durationMs: durations[i % 6], finishedAt: finished[Math.floor(i / 6) % 2] });
    }
    const scopes = [{ kind: 'all' as const }, { kind: 'city' as const, orgId: '150400' }, { kind: 'county' as const, orgId: '150426' }];
    for (const scope of scopes) {
      const where = scope.kind === 'all' ? '' : ` AND ${scope.kind}_id = '${scope.orgId}'`;
      const sorted = (
        await app.sql.rows<{ id: number }>(
          `SELECT member_id AS id FROM quiz_best WHERE campaign_id = ?${where} ORDER BY score DESC, duration_ms, submitted_at, member_id`,
          id,
        )
      ).map((r) => Number(r.id));
      expect(sorted.length).toBeGreaterThan(20);
      for (const [i, memberId] of sorted.entries()) expect((await app.store.quiz.rankOf(id, memberId, scope))?.rank).toBe(i + 1);
      expect(await app.store.quiz.participants(id, scope)).toBe(sorted.length);
    }
  });

  test('ranks stay exact across the edges of the count cells as entries arrive, improve and leave', async () => {
    const id = await campaignId();
    // Times on both sides of the edges of MySQL's count cells (spans of 200 s, 5 s and 125 ms within a score): in one
    // finest cell, in neighbouring ones, across the wider edges, and equal times finished at the same moment.
    const durations = [37_125, 37_200, 37_249, 37_124, 37_250, 34_999, 35_000, 39_999, 40_000, 199_999, 200_000, 200_124, 200_125, 37_200];
    const finished = ['2026-11-23T03:00:00.000Z', '2026-11-23T03:00:00.500Z'];
    const counties = ['150102', '150404', '150426'];
    const scopes = [{ kind: 'all' as const }, { kind: 'city' as const, orgId: '150400' }, { kind: 'county' as const, orgId: '150102' }];
    const sorted = async (scope: (typeof scopes)[number]) => {
      const where = scope.kind === 'all' ? '' : ` AND ${scope.kind}_id = '${scope.orgId}'`;
      const rows = await app.sql.rows<{ id: number }>(
        `SELECT member_id AS id FROM quiz_best WHERE campaign_id = ?${where} ORDER BY score DESC, duration_ms, submitted_at, member_id`,
        id,
      );
      return rows.map((r) => Number(r.id));
    };
    const expectExact = async () => {
      for (const scope of scopes) {
        const order = await sorted(scope);
        for (const [i, memberId] of order.entries()) expect((await app.store.quiz.rankOf(id, memberId, scope))?.rank).toBe(i + 1);
        expect(await app.store.quiz.participants(id, scope)).toBe(order.length);
      }
    };
    const ids: number[] = [];
    for (let i = 0; i < 42; i++) {
      const m = await member(`edge-${i}`, counties[i % 3]);
      const r = await scoredEntry(app, setClock, m, id, {
        nRight: i % 5 === 0 ? 9 : 10,
        durationMs: durations[i % durations.length],
        finishedAt: finished[Math.floor(i / 14) % 2],
      });
      ids.push(Number(await app.sql.value('SELECT id FROM members WHERE openid = ?', `edge-${i}`)));
      // The rank a submit answers with is read before its counts move.
      expect(r.rank).toBe((await sorted(scopes[0])).indexOf(ids[i]) + 1);
    }
    await expectExact();
    // Better entries: faster in the same finest cell, into the neighbouring cell, across a 5 s and a 200 s edge, a better score.
    const better: [number, number, number][] = [
      [1, 10, 37_126],
      [2, 10, 37_124],
      [6, 10, 34_999],
      [11, 10, 199_999],
      [10, 10, 37_200],
      [5, 10, 200_124],
    ];
    for (const [i, nRight, durationMs] of better) {
      const r = await scoredEntry(app, setClock, app.as(`edge-${i}`), id, { nRight, durationMs, finishedAt: '2026-11-23T04:00:00.000Z' });
      expect(r.rank).toBe((await sorted(scopes[0])).indexOf(ids[i]) + 1);
    }
    await expectExact();
    for (const i of [3, 7]) await app.store.quiz.forgetMember(ids[i]);
    await expectExact();
    await app.store.quiz.recount(id);
    await expectExact();
  });

  test('a better attempt moves my entry (and every count it is in); forgetting a member takes theirs out of every scope', async () => {
    const id = await campaignId();
    const entries: [string, string, number, number][] = [
      ['p1', '150102', 6, 200_000],
      ['p2', '150404', 8, 100_000],
      ['p3', '150426', 9, 300_000],
    ];
    for (const [openid, org, nRight, durationMs] of entries)
      await scoredEntry(app, setClock, await member(openid, org), id, { nRight, durationMs, finishedAt: '2026-11-23T04:00:00.000Z' });
    const p1 = app.as('p1');
    expect((await p1.call('quiz.leaderboard', { campaignId: id })).me).toMatchObject({ rank: 3, score: 60 });
    // A better second attempt of p1, in another time band: now first, and still counted once.
    await scoredEntry(app, setClock, p1, id, { nRight: 10, durationMs: 50_000, finishedAt: '2026-11-23T05:00:00.000Z' });
    const board = await p1.call('quiz.leaderboard', { campaignId: id });
    expect(board).toMatchObject({ participants: 3, me: { rank: 1, score: 100, durationMs: 50_000 } });
    // A worse third attempt leaves the entry as it was.
    await scoredEntry(app, setClock, p1, id, { nRight: 1, durationMs: 20_000, finishedAt: '2026-11-23T06:00:00.000Z' });
    expect((await p1.call('quiz.leaderboard', { campaignId: id })).me).toMatchObject({ rank: 1, score: 100, durationMs: 50_000 });

    const p2 = Number(await app.sql.value('SELECT id FROM members WHERE openid = ?', 'p2'));
    await app.store.quiz.forgetMember(p2);
    expect(await app.store.quiz.participants(id, { kind: 'all' })).toBe(2);
    expect(await app.store.quiz.participants(id, { kind: 'city', orgId: '150400' })).toBe(1);
    expect(await app.store.quiz.participants(id, { kind: 'county', orgId: '150404' })).toBe(0);
    expect(await app.store.quiz.rankOf(id, p2, { kind: 'all' })).toBeNull();
    expect((await app.as('p3').call('quiz.leaderboard', { campaignId: id })).me).toMatchObject({ rank: 2, score: 90 });
    // Their attempts stay, without their id.
    expect(await app.sql.value('SELECT COUNT(*) FROM quiz_attempts WHERE campaign_id = ? AND member_id = ?', id, p2)).toBe(0);
    expect(await app.sql.value('SELECT COUNT(*) FROM quiz_attempts WHERE campaign_id = ? AND member_id IS NULL', id)).toBe(1);
  });
});

describe('member data', () => {
  test('我的数据 lists my attempts; deleting my account removes me from the leaderboard but keeps the anonymous counts', async () => {
    const id = await campaignId();
    const a = await member('keep', '150102');
    const gone = await member('gone', '150102');
    for (const m of [a, gone]) {
      const v = await m.call('quiz.start', { campaignId: id });
      await m.call('quiz.submit', { attemptId: v.attemptId, answers: await correctChoices(app.store, v) });
    }
    const data = await gone.call('member.exportData', {});
    expect(data.sections.find((s) => s.title === '知识竞赛答题记录')!.rows).toEqual([expect.objectContaining({ 竞赛: OPEN, 得分: 100 })]);
    expect((await a.call('quiz.leaderboard', { campaignId: id })).participants).toBe(2);
    await gone.call('member.delete', { confirm: '注销' });
    const lb = await a.call('quiz.leaderboard', { campaignId: id });
    expect(lb.participants).toBe(1);
    expect(lb.top.map((r) => r.nickname)).toEqual(['keep']);
    expect(lb.me).toMatchObject({ rank: 1 });
    expect(await app.sql.value('SELECT COUNT(*) FROM quiz_attempts WHERE campaign_id = ? AND member_id IS NULL', id)).toBe(1);
    const stats = await app.as('dev-admin-nm').call('quiz.admin.stats', { campaignId: id });
    expect(stats).toMatchObject({ participants: 2, attempts: 2 });
  });
});
