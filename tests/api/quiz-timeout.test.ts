import ExcelJS from 'exceljs';
import { startTestApp, type TestApp } from '../support/app';
import { correctChoices } from '../support/quiz';

/**
 * An attempt that was started and never submitted is scored once deadline + 5 s has passed, on the
 * answers saved by then, as ending at its deadline — by whichever read sees it first.
 */
const OPEN = '优生优育进万家知识竞赛';
const T0 = new Date('2026-11-23T02:00:00Z');

let app: TestApp;
let clock: Date;
beforeEach(async () => {
  clock = T0;
  app = await startTestApp({ now: () => clock });
});
afterEach(() => app.close());

async function member(openid: string, orgId = '150102') {
  const m = app.as(openid);
  await m.call('member.update', { orgId, nickname: openid });
  return m;
}
const campaignId = async () => (await app.store.quiz.campaigns()).find((c) => c.title === OPEN)!.id;

const row = async (attemptId: number) =>
  (
    await app.sql.rows<{ submittedAt: string | null; score: number | null; durationMs: number | null }>(
      'SELECT submitted_at AS submittedAt, score, duration_ms AS durationMs FROM quiz_attempts WHERE id = ?',
      attemptId,
    )
  )[0];

/** Starts an attempt, saves 3 right answers (2 in time, 1 in the grace) and leaves it unsubmitted. */
async function abandoned(openid: string) {
  const m = await member(openid);
  const view = await m.call('quiz.start', { campaignId: await campaignId() });
  const right = await correctChoices(app.store, view);
  clock = new Date(T0.getTime() + 60_000);
  await m.call('quiz.saveAnswer', { attemptId: view.attemptId, ...right[0] });
  await m.call('quiz.saveAnswer', { attemptId: view.attemptId, ...right[1] });
  clock = new Date(new Date(view.deadline).getTime() + 3_000);
  await m.call('quiz.saveAnswer', { attemptId: view.attemptId, ...right[2] }); // within the 5 s grace: counts
  return { m, view, right };
}

test('a timed-out attempt is scored on what was saved once deadline + grace passed, by the leaderboard read, and counts everywhere', async () => {
  const { m, view, right } = await abandoned('m1');
  const other = await member('m2');
  const id = view.campaignId;

  // Still inside the grace: nothing is scored, the member may still save.
  clock = new Date(new Date(view.deadline).getTime() + 5_000);
  expect((await other.call('quiz.leaderboard', { campaignId: id, scope: 'all' })).participants).toBe(0);
  expect((await row(view.attemptId)).submittedAt).toBeNull();

  // Past it: the next read (someone else's leaderboard) scores it.
  clock = new Date(new Date(view.deadline).getTime() + 5_001);
  const board = await other.call('quiz.leaderboard', { campaignId: id, scope: 'all' });
  expect(board.participants).toBe(1);
  expect(board.top).toEqual([expect.objectContaining({ rank: 1, nickname: 'm1', score: 30, durationMs: 600_000 })]);
  expect(await row(view.attemptId)).toEqual({ submittedAt: view.deadline, score: 30, durationMs: 600_000 });

  // The member sees it as a finished attempt with its score, and the result with the review of what was saved.
  const card = (await m.call('quiz.list', {})).campaigns.find((c) => c.id === id)!;
  expect(card).toMatchObject({ myBestScore: 30, myAttempts: 1, unfinishedAttemptId: null, lastAttemptId: view.attemptId, attemptsLeft: 9 });
  const result = await m.call('quiz.result', { attemptId: view.attemptId });
  expect(result).toMatchObject({
    score: 30,
    correctCount: 3,
    total: 10,
    passed: false,
    durationMs: 600_000,
    submittedAt: view.deadline,
    rank: 1,
    participants: 1,
  });
  expect(result.review!.filter((r) => r.mine.length > 0).map((r) => r.id)).toEqual(right.slice(0, 3).map((r) => r.questionId));

  // A submit arriving now gets that same first result; its answers do not count.
  const late = await m.call('quiz.submit', { attemptId: view.attemptId, answers: right });
  const { review: _r, ...figures } = result;
  expect(late).toEqual(figures);
  // Points for taking part (not for passing), once.
  expect((await m.call('member.me', {})).points).toBe(5);

  // The association's figures and export include it.
  const admin = app.as('dev-admin-nm');
  expect(await admin.call('quiz.admin.stats', { campaignId: id })).toMatchObject({ participants: 1, attempts: 1, averageScore: 30, passRate: 0 });
  const file = await admin.call('quiz.admin.export', { campaignId: id });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(file.content, 'base64') as never);
  expect(wb.worksheets[0].rowCount).toBe(2);
  expect(wb.worksheets[0].getRow(2).getCell(4).value).toBe(30);
});

test('each read that shows attempts scores the overdue ones: my list, my result, 单位排行, the admin stats', async () => {
  const past = async (openid: string) => {
    const a = await abandoned(openid);
    return a;
  };
  // My own list.
  const a = await past('m-list');
  clock = new Date(new Date(a.view.deadline).getTime() + 6_000);
  expect((await a.m.call('quiz.list', {})).campaigns.find((c) => c.id === a.view.campaignId)!.myBestScore).toBe(30);

  // My result, asked for directly (instead of QUIZ_NOT_SUBMITTED).
  const b = await past('m-result');
  clock = new Date(new Date(b.view.deadline).getTime() + 6_000);
  expect(await b.m.call('quiz.result', { attemptId: b.view.attemptId })).toMatchObject({ score: 30, durationMs: 600_000, submittedAt: b.view.deadline });

  // 单位排行.
  const c = await past('m-org');
  clock = new Date(new Date(c.view.deadline).getTime() + 6_000);
  expect((await row(c.view.attemptId)).submittedAt).toBeNull();
  const ranking = await c.m.call('quiz.orgRanking', { campaignId: c.view.campaignId, level: 2 });
  expect(ranking.rows.find((r) => r.orgId === '150100')).toMatchObject({ participants: 3, averageScore: 30 });
  expect((await row(c.view.attemptId)).submittedAt).toBe(c.view.deadline);

  // The admin's stats.
  const d = await past('m-stats');
  clock = new Date(new Date(d.view.deadline).getTime() + 6_000);
  expect(await app.as('dev-admin-nm').call('quiz.admin.stats', { campaignId: d.view.campaignId })).toMatchObject({ participants: 4, attempts: 4 });
  expect((await row(d.view.attemptId)).score).toBe(30);
});

test('a late submit and a time-out are scored alike (same score, duration and finishing time), and starting again scores the old one first', async () => {
  const lateOne = await abandoned('m-late');
  const timedOut = await abandoned('m-out');
  clock = new Date(new Date(timedOut.view.deadline).getTime() + 60_000);
  const late = await lateOne.m.call('quiz.submit', { attemptId: lateOne.view.attemptId, answers: lateOne.right });
  expect(late).toMatchObject({ score: 30, durationMs: 600_000, submittedAt: lateOne.view.deadline });
  // Starting a new attempt settles the abandoned one first, so it is counted and ranked.
  const next = await timedOut.m.call('quiz.start', { campaignId: timedOut.view.campaignId });
  expect(next.resumed).toBe(false);
  expect(await row(timedOut.view.attemptId)).toEqual({ submittedAt: timedOut.view.deadline, score: 30, durationMs: 600_000 });
  const board = await timedOut.m.call('quiz.leaderboard', { campaignId: timedOut.view.campaignId, scope: 'all' });
  expect(board.participants).toBe(2);
  expect(board.me).toMatchObject({ score: 30, durationMs: 600_000 });
});
