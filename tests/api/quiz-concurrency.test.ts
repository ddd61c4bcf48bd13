import Database from 'better-sqlite3';
import path from 'node:path';
import { startHttpHost, type TestHost } from '../support/http';
import { openSqliteStore, type SqliteStore } from '../../cloud/adapters/sqlite/sqlite';

let host: TestHost;
let store: SqliteStore;
beforeAll(async () => {
  host = await startHttpHost();
  store = openSqliteStore(host.dataDir);
});
afterAll(async () => {
  store.close();
  await host.close();
});

const count = (memberOpenid: string, campaignId: number) => {
  const db = new Database(path.join(host.dataDir, 'huiyuan.sqlite'), { readonly: true });
  try {
    return db.prepare('SELECT COUNT(*) FROM quiz_attempts WHERE campaign_id = ? AND member_id = (SELECT id FROM members WHERE openid = ?)').pluck().get(campaignId, memberOpenid) as number;
  } finally {
    db.close();
  }
};

test('N parallel quiz.start over HTTP never create more attempts than allowed', async () => {
  const campaignId = (await store.quiz.createCampaign(
    { title: '并发', description: '', cover: null, orgId: '150000', draws: [{ bankId: 'family-health', count: 5 }], opensAt: '2026-01-01T00:00:00Z', closesAt: '2030-01-01T00:00:00Z', timeLimitSec: 600, attemptsPerDay: 2, attemptsTotal: 2, passMark: 60, showReview: true },
    new Date(),
  ))!;
  const token = await host.login('conc-1');
  await host.post('member.update', { orgId: '150102' }, token);

  // One attempt used and submitted: one more is allowed.
  const first = await host.post('quiz.start', { campaignId }, token);
  expect(first.status).toBe(200);
  expect((await host.post('quiz.submit', { attemptId: first.body.data.attemptId }, token)).status).toBe(200);

  const N = 25;
  const results = await Promise.all(Array.from({ length: N }, () => host.post('quiz.start', { campaignId }, token)));
  expect(results.every((r) => r.status === 200)).toBe(true);
  // All parallel starts got the same (one) new attempt.
  expect(new Set(results.map((r) => r.body.data.attemptId)).size).toBe(1);
  expect(count('conc-1', campaignId)).toBe(2);

  // With that one submitted too, no parallel start gets through.
  expect((await host.post('quiz.submit', { attemptId: results[0].body.data.attemptId }, token)).status).toBe(200);
  const more = await Promise.all(Array.from({ length: N }, () => host.post('quiz.start', { campaignId }, token)));
  expect(more.every((r) => r.status === 409 && r.body.ok === false)).toBe(true);
  expect(count('conc-1', campaignId)).toBe(2);

  // Parallel submits of one attempt score it once and return the same result.
  const token2 = await host.login('conc-2');
  await host.post('member.update', { orgId: '150102' }, token2);
  const s = await host.post('quiz.start', { campaignId }, token2);
  const submits = await Promise.all(Array.from({ length: 10 }, () => host.post('quiz.submit', { attemptId: s.body.data.attemptId }, token2)));
  expect(new Set(submits.map((r) => JSON.stringify(r.body))).size).toBe(1);
  const me = await host.post('member.me', {}, token2);
  expect(me.body.data.points).toBe(5);
});
