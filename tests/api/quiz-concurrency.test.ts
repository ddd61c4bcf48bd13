import { createApp, type App } from '../../cloud/app';
import type { HostServices } from '../../cloud/core/context';
import type { Settlement } from '../../cloud/features/quiz/repo';
import { isBetterEntry } from '../../cloud/features/quiz/rules';
import { startHttpHost, type TestHost } from '../support/http';
import { sqlOf } from '../support/app';
import { answersWithRight, correctChoices } from '../support/quiz';

/**
 * Races on one database: an HTTP host, and a second host (its own app and store connections) on the same
 * database, as two processes behind a load balancer would be. With STORE=mysql both share one MariaDB.
 */
let host: TestHost;
let second: App;
let sql: ReturnType<typeof sqlOf>;
beforeAll(async () => {
  host = await startHttpHost();
  second = await createApp({ dataDir: host.dataDir, mode: 'dev', store: host.app.options.store, seed: false });
  sql = sqlOf(host.app);
});
afterAll(async () => {
  await second.store.close();
  await host.close();
});

const campaignInput = (attempts: number) => ({
  title: '并发',
  description: '',
  cover: null,
  orgId: '150000',
  draws: [{ bankId: 'family-health', count: 5 }],
  opensAt: '2026-01-01T00:00:00Z',
  closesAt: '2030-01-01T00:00:00Z',
  timeLimitSec: 600,
  attemptsPerDay: attempts,
  attemptsTotal: attempts,
  passMark: 60,
  showReview: true,
});

const memberIdOf = async (openid: string) => Number(await sql.value('SELECT id FROM members WHERE openid = ?', openid));
const attemptsOf = async (openid: string, campaignId: number) =>
  Number(
    await sql.value('SELECT COUNT(*) FROM quiz_attempts WHERE campaign_id = ? AND member_id = (SELECT id FROM members WHERE openid = ?)', campaignId, openid),
  );
/** The member's quiz ledger rows for a campaign, and their balance. */
const paid = async (memberId: number, campaignId: number) => ({
  rows: (
    await sql.rows<{ refKey: string }>(
      'SELECT ref_key AS refKey FROM points_ledger WHERE member_id = ? AND ref_key LIKE ? ORDER BY ref_key',
      memberId,
      `quiz:${campaignId}:%`,
    )
  ).map((r) => r.refKey),
  balance: Number(await sql.value('SELECT points FROM members WHERE id = ?', memberId)),
});

/** Dispatches on a host's app as the member, at `now` (the HTTP host's own clock cannot be moved). */
const on = (app: App, memberId: number, action: string, payload: unknown, now?: Date) => {
  const services: HostServices = { store: app.store, mode: 'dev', now: now && (() => now) };
  return app.router.dispatch(action, payload, { kind: 'session', memberId }, services);
};
const onSecond = (memberId: number, action: string, payload: unknown, now?: Date) => on(second, memberId, action, payload, now);

async function joined(openid: string) {
  const token = await host.login(openid);
  await host.post('member.update', { orgId: '150102' }, token);
  return token;
}

/** n members of one 旗县, signed in over HTTP: their tokens and ids. */
const joinedMembers = (prefix: string, n: number) =>
  Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const openid = `${prefix}-${i}`;
      const token = await joined(openid);
      return { token, id: await memberIdOf(openid) };
    }),
  );

test('N parallel quiz.start over HTTP never create more attempts than allowed', async () => {
  const campaignId = (await host.app.store.quiz.createCampaign(campaignInput(2), new Date()))!;
  const token = await joined('conc-1');

  // One attempt used and submitted: one more is allowed.
  const first = await host.post('quiz.start', { campaignId }, token);
  expect(first.status).toBe(200);
  expect((await host.post('quiz.submit', { attemptId: first.body.data.attemptId }, token)).status).toBe(200);

  const N = 25;
  const results = await Promise.all(Array.from({ length: N }, () => host.post('quiz.start', { campaignId }, token)));
  expect(results.every((r) => r.status === 200)).toBe(true);
  // All parallel starts got the same (one) new attempt.
  expect(new Set(results.map((r) => r.body.data.attemptId)).size).toBe(1);
  expect(await attemptsOf('conc-1', campaignId)).toBe(2);

  // With that one submitted too, no parallel start gets through.
  expect((await host.post('quiz.submit', { attemptId: results[0].body.data.attemptId }, token)).status).toBe(200);
  const more = await Promise.all(Array.from({ length: N }, () => host.post('quiz.start', { campaignId }, token)));
  expect(more.every((r) => r.status === 409 && r.body.ok === false)).toBe(true);
  expect(await attemptsOf('conc-1', campaignId)).toBe(2);
});

test('one attempt submitted at once on two hosts is scored once, with the same answer everywhere and its points paid once', async () => {
  const campaignId = (await host.app.store.quiz.createCampaign(campaignInput(3), new Date()))!;
  const token = await joined('conc-2');
  const memberId = await memberIdOf('conc-2');
  const view = (await host.post('quiz.start', { campaignId }, token)).body.data;
  const answers = await correctChoices(host.app.store, view);
  const payload = { attemptId: view.attemptId, answers };
  const submits = await Promise.all([
    ...Array.from({ length: 10 }, () => host.post('quiz.submit', payload, token)),
    ...Array.from({ length: 10 }, () => onSecond(memberId, 'quiz.submit', payload)),
  ]);
  expect(submits.every((r) => r.status === 200)).toBe(true);
  expect(new Set(submits.map((r) => JSON.stringify(r.body))).size).toBe(1);
  expect(submits[0].body.data).toMatchObject({ score: 100, rank: 1, participants: 1 });
  // Taking part and passing, once each: 5 + 10.
  expect(await paid(memberId, campaignId)).toEqual({ rows: [`quiz:${campaignId}:join:${memberId}`, `quiz:${campaignId}:pass:${memberId}`], balance: 15 });
  expect(await sql.value('SELECT COUNT(*) FROM quiz_best WHERE campaign_id = ?', campaignId)).toBe(1);
  expect((await host.post('quiz.leaderboard', { campaignId }, token)).body.data).toMatchObject({ participants: 1, me: { rank: 1, score: 100 } });
});

test('many members submitting at once on both hosts are each scored once, ranked without gaps or repeats, counted once and paid once', async () => {
  const campaignId = (await host.app.store.quiz.createCampaign(campaignInput(2), new Date()))!;
  const N = 24;
  const members = await joinedMembers('conc-many', N);
  /** Every member submits one attempt at once, half over HTTP to the first host and half on the second; a few twice, once on each. */
  async function round(nRightOf: (i: number) => number) {
    const started = await Promise.all(
      members.map(async (m, i) => {
        const view = (await host.post('quiz.start', { campaignId }, m.token)).body.data;
        return { attemptId: view.attemptId as number, answers: await answersWithRight(host.app.store, view, nRightOf(i)) };
      }),
    );
    const sent = members.flatMap((m, i) => {
      const onHttp = async () => (await host.post('quiz.submit', started[i], m.token)).body;
      const onOther = async () => (await onSecond(m.id, 'quiz.submit', started[i])).body as any;
      return i % 6 === 0 ? [onHttp(), onOther()] : [i % 2 ? onHttp() : onOther()];
    });
    const answered = await Promise.all(sent);
    expect(answered.every((b) => b.ok)).toBe(true);
    // A member's two sends of one attempt got one scoring (the standing is read when each is answered).
    const scoring = (b: (typeof answered)[number]) => ({ ...b.data, rank: undefined, participants: undefined });
    for (let i = 0; i < N; i += 6) expect(scoring(answered[i + i / 6 + 1])).toEqual(scoring(answered[i + i / 6]));
    for (const b of answered) expect(b.data.rank).toBeLessThanOrEqual(b.data.participants);
    expect(new Set(answered.map((b) => b.data.attemptId)).size).toBe(N);
  }
  /** Every member's rank from the leaderboard, against the order of the best entries themselves. */
  async function expectRanksFromTheEntries() {
    const order = (
      await sql.rows<{ memberId: number }>(
        'SELECT member_id AS memberId FROM quiz_best WHERE campaign_id = ? ORDER BY score DESC, duration_ms, submitted_at, member_id',
        campaignId,
      )
    ).map((r) => Number(r.memberId));
    expect(order).toHaveLength(N);
    const boards = await Promise.all(members.map((m) => host.post('quiz.leaderboard', { campaignId }, m.token)));
    for (const [i, board] of boards.entries()) {
      expect(board.body.data.participants).toBe(N);
      expect(board.body.data.me.rank).toBe(order.indexOf(members[i].id) + 1);
    }
  }

  // First attempts: scores 0–100; members with 3 or more right of 5 pass.
  await round((i) => i % 6);
  await expectRanksFromTheEntries();
  // Second attempts, all right: every entry improves (or stays at 100), and passing pays only those who had not passed.
  await round(() => 5);
  await expectRanksFromTheEntries();
  for (const m of members) {
    const rows = [`quiz:${campaignId}:join:${m.id}`, `quiz:${campaignId}:pass:${m.id}`];
    expect(await paid(m.id, campaignId)).toEqual({ rows, balance: 15 });
    expect(Number(await sql.value('SELECT COUNT(*) FROM quiz_attempts WHERE member_id = ? AND submitted_at IS NOT NULL', m.id))).toBe(2);
  }
});

// Times that tie in pairs; and times on both sides of the edges of MySQL's count cells (200 s, 5 s, 125 ms).
const burstTimes = {
  'in pairs': Array.from({ length: 16 }, (_, i) => 60_000 + 10 * Math.floor(i / 2)),
  'across cell edges': [37_124, 37_125, 37_249, 37_250, 39_999, 40_000, 199_999, 200_000, 200_124, 200_125, 34_999, 35_000, 37_200, 37_200, 5_000, 4_999],
};
test.each(Object.entries(burstTimes))(
  'submits reaching the store in one go are each ranked among the entries scored by then (times %s)',
  async (label, times) => {
    const campaignId = (await host.app.store.quiz.createCampaign(campaignInput(1), new Date()))!;
    const N = times.length;
    const attempts = await Promise.all(
      (await joinedMembers(`conc-group-${label === 'in pairs' ? 'a' : 'b'}`, N)).map(async ({ token }) => {
        const view = (await host.post('quiz.start', { campaignId }, token)).body.data;
        return (await host.app.store.quiz.getAttempt(view.attemptId))!;
      }),
    );
    const at = new Date();
    // Scores in four steps (two in the second case, so more share a score), finished at one moment: the member id
    // settles exact ties.
    const steps = label === 'in pairs' ? 4 : 2;
    const settlement = (i: number): Settlement => ({
      submittedAt: at.toISOString(),
      score: 25 * (i % steps),
      correctCount: i % steps,
      passed: false,
      durationMs: times[i],
      answers: new Map(),
      correctIds: [],
    });
    // All in one tick, as a burst reaches a host: the MySQL adapter scores them as one group.
    const outcomes = await Promise.all(
      attempts.map((attempt, i) =>
        host.app.store.quiz.submit({
          attemptId: attempt.id,
          score: () => ({ withSaved: false, settle: () => settlement(i), better: isBetterEntry, awards: () => [] }),
        }),
      ),
    );
    // Each standing is the rank among the entries scored by then: those whose own standing counted as many
    // participants or fewer (SQLite scores one at a time; MySQL scores the burst as one group, each ranked among all).
    const final = await Promise.all(attempts.map(async (a) => (await host.app.store.quiz.rankOf(campaignId, a.memberId!, { kind: 'all' }))!.rank));
    const standings = outcomes.map((o) => {
      expect(o?.firstTime).toBe(true);
      return o!.standing!;
    });
    for (const [i, mine] of standings.entries()) {
      const seen = standings.flatMap((s, j) => (s.participants <= mine.participants ? [j] : []));
      expect(mine).toEqual({ rank: 1 + seen.filter((j) => final[j] < final[i]).length, participants: seen.length });
    }
    expect(new Set(final).size).toBe(N);
  },
);

test('submits arriving together still pay each refKey once when it was paid already', async () => {
  const campaignId = (await host.app.store.quiz.createCampaign(campaignInput(1), new Date()))!;
  const members = await Promise.all(
    (await joinedMembers('conc-prepaid', 6)).map(async ({ token, id }) => {
      const view = (await host.post('quiz.start', { campaignId }, token)).body.data;
      return { id, payload: { attemptId: view.attemptId, answers: await correctChoices(host.app.store, view) } };
    }),
  );

  // Their taking-part points are in the ledger already (as an earlier run would have left them), though they have no
  // scored attempt: whatever a group expects, each is paid once.
  for (const m of members)
    await host.app.store.points.award({ memberId: m.id, delta: 5, reason: '参加知识竞赛：并发', refKey: `quiz:${campaignId}:join:${m.id}`, at: new Date() });
  const answered = await Promise.all(members.map((m) => onSecond(m.id, 'quiz.submit', m.payload)));
  expect(answered.map((r) => r.status)).toEqual(members.map(() => 200));
  for (const m of members) {
    const rows = [`quiz:${campaignId}:join:${m.id}`, `quiz:${campaignId}:pass:${m.id}`];
    expect(await paid(m.id, campaignId)).toEqual({ rows, balance: 15 });
  }
});

test('a time-out seen by readers on one host, racing the late member’s own submit on the other, is scored once', async () => {
  const campaignId = (await host.app.store.quiz.createCampaign(campaignInput(3), new Date()))!;
  const reader = await joined('conc-reader');
  const readerId = await memberIdOf('conc-reader');
  for (let round = 0; round < 6; round++) {
    const openid = `conc-late-${round}`;
    const token = await joined(openid);
    const memberId = await memberIdOf(openid);
    const view = (await host.post('quiz.start', { campaignId }, token)).body.data;
    const right = await correctChoices(host.app.store, view);
    // Two right answers saved in time; the submit carries all five, but it comes past deadline + grace, so
    // it is scored as the time-out is: on the saved answers, ending at the deadline.
    for (const a of right.slice(0, 2)) expect((await host.post('quiz.saveAnswer', { attemptId: view.attemptId, ...a }, token)).status).toBe(200);
    const late = new Date(new Date(view.deadline).getTime() + 6_000);
    const [submit, ...boards] = await Promise.all([
      onSecond(memberId, 'quiz.submit', { attemptId: view.attemptId, answers: right }, late),
      ...Array.from({ length: 4 }, () => on(host.app, readerId, 'quiz.leaderboard', { campaignId }, late)),
      ...Array.from({ length: 4 }, () => on(host.app, readerId, 'quiz.orgRanking', { campaignId }, late)),
    ]);
    expect(submit.status).toBe(200);
    expect(boards.every((b) => b.status === 200)).toBe(true);
    expect((submit.body as any).data).toMatchObject({ score: 40, durationMs: 600_000, submittedAt: view.deadline });
    const scored = await sql.rows<{ score: number; submittedAt: string }>(
      'SELECT score, submitted_at AS submittedAt FROM quiz_attempts WHERE id = ?',
      view.attemptId,
    );
    expect(scored.map((r) => ({ score: Number(r.score), submittedAt: r.submittedAt }))).toEqual([{ score: 40, submittedAt: view.deadline }]);
    // Taking part only (40 is not a pass), once.
    expect(await paid(memberId, campaignId)).toEqual({ rows: [`quiz:${campaignId}:join:${memberId}`], balance: 5 });
  }
  // Every one of them is on the board once.
  const board = (await host.post('quiz.leaderboard', { campaignId }, reader)).body.data;
  expect(board.participants).toBe(6);
  expect(board.top).toHaveLength(6);
});

test('a question edited on the other host is scored by its new key on a host that already showed it', async () => {
  const campaignId = (await host.app.store.quiz.createCampaign(campaignInput(2), new Date()))!;
  const token = await joined('conc-edit');
  const view = (await host.post('quiz.start', { campaignId }, token)).body.data;
  const right = await correctChoices(host.app.store, view);
  expect((await host.post('quiz.saveAnswer', { attemptId: view.attemptId, ...right[0] }, token)).status).toBe(200);

  // The other host moves the right answer of the first question to another option.
  const bank = (await second.store.quiz.banks()).find((b) => b.id === 'family-health')!;
  const questions = await second.store.quiz.questionsOfBanks([bank.id]);
  const edited = questions.find((q) => q.id === view.questions[0].id)!;
  const newAnswer = (edited.answer[0] + 1) % edited.options.length;
  await second.store.quiz.upsertBank(
    bank,
    questions.map(({ bankId: _bankId, ...q }) => (q.id === edited.id ? { ...q, answer: [newAnswer] } : q)),
    new Date(),
  );

  const answers = [{ questionId: edited.id, choice: [view.questions[0].options.indexOf(edited.options[newAnswer])] }, ...right.slice(1)];
  const result = await host.post('quiz.submit', { attemptId: view.attemptId, answers }, token);
  expect(result.status).toBe(200);
  expect(result.body.data).toMatchObject({ score: 100, correctCount: 5 });
});

test('one member’s two attempts arriving together are both scored, one after the other: the better one is their entry, and each is paid', async () => {
  const campaignId = (await host.app.store.quiz.createCampaign(campaignInput(3), new Date()))!;
  await joined('conc-twice');
  const memberId = await memberIdOf('conc-twice');
  const start = async () => {
    const started = await host.app.store.quiz.startAttempt({
      campaignId,
      memberId,
      orgId: '150102',
      cityId: '150100',
      countyId: '150102',
      day: '2026-12-07',
      startedAt: new Date(),
      deadlineAt: new Date(Date.now() + 600_000),
      // A second unfinished attempt, as a time-out scored while the member starts again would leave.
      resumable: () => false,
      refusal: () => null,
      draw: () => [],
    });
    if (started.kind === 'refused') throw new Error('refused');
    return started.attempt;
  };
  const attempts = [await start(), await start()];
  const at = new Date();
  const outcomes = await Promise.all(
    attempts.map((attempt, i) =>
      host.app.store.quiz.submit({
        attemptId: attempt.id,
        score: () => ({
          withSaved: false,
          settle: () => ({
            submittedAt: at.toISOString(),
            score: [40, 80][i],
            correctCount: 0,
            passed: i === 1,
            durationMs: 1000,
            answers: new Map(),
            correctIds: [],
          }),
          better: isBetterEntry,
          awards: (scored) => [{ memberId, delta: 1, reason: '测试', refKey: `quiz:${campaignId}:test:${scored.id}`, at }],
        }),
      }),
    ),
  );
  expect(outcomes.map((o) => [o?.firstTime, o?.attempt.score])).toEqual([
    [true, 40],
    [true, 80],
  ]);
  expect((await host.app.store.quiz.rankOf(campaignId, memberId, { kind: 'all' }))?.entry.score).toBe(80);
  expect(await host.app.store.quiz.participants(campaignId, { kind: 'all' })).toBe(1);
  expect((await paid(memberId, campaignId)).rows).toEqual(attempts.map((a) => `quiz:${campaignId}:test:${a.id}`).sort());
});
