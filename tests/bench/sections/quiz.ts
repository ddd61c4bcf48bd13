import type { SqliteStore } from '../../../cloud/adapters/sqlite/sqlite';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createApp, type App } from '../../../cloud/app';
import type { MysqlStore } from '../../../cloud/adapters/mysql/store';
import { tempDir } from '../../support/app';
import { apiServer, bareServer, fmt, load, measured, median, percentile, post, table } from '../lib';

/**
 * quiz.submit throughput beside bare node:http + 1 SQLite insert (same run), then leaderboard
 * latency (top 50 + my rank) with 1,000,000 attempts loaded straight into a temp database.
 */
export async function quizBench(): Promise<void> {
  await quizSubmitThroughput();
  await quizLeaderboardLatency();
}

export async function quizSubmitThroughput() {
  console.log('\n## quiz.submit 吞吐（对比裸 Node http + 1 次 SQLite 插入）');
  const bareSql = await bareServer('sqlite');
  const api = await apiServer();
  try {
    // Members (with tokens) in 赤峰 / 翁牛特旗, and one open campaign that allows many attempts.
    const MEMBERS = 100;
    const tokens: string[] = [];
    for (let i = 0; i < MEMBERS; i++) {
      const t = (await post(api.url, 'auth.devLogin', { openid: `bench-q-${i}`, nickname: `答题${i}` })).data.token as string;
      await post(api.url, 'member.update', { orgId: '150426' }, t);
      tokens.push(t);
    }
    const db = new Database(path.join(api.dataDir, 'huiyuan.sqlite'));
    db.pragma('busy_timeout = 5000');
    const campaignId = Number(
      db
        .prepare(
          `INSERT INTO quiz_campaigns (title, description, org_id, org_path, draws, opens_at, closes_at, time_limit_sec, attempts_per_day, attempts_total, pass_mark, show_review, created_at, updated_at)
           VALUES ('压测', '', '150000', '/150000/', ?, '2020-01-01T00:00:00Z', '2099-01-01T00:00:00Z', 600, 100000, 100000, 60, 1, 'x', 'x')`,
        )
        .run(JSON.stringify([{ bankId: 'family-health', count: 10 }])).lastInsertRowid,
    );
    // One real attempt through quiz.start gives a realistic question list; copies of it fill the pool.
    const template = (await post(api.url, 'quiz.start', { campaignId }, tokens[0])).data;
    const questionsJson = db.prepare('SELECT questions FROM quiz_attempts WHERE id = ?').pluck().get(template.attemptId) as string;
    const memberIds = db.prepare("SELECT id FROM members WHERE openid LIKE 'bench-q-%' ORDER BY id").pluck().all() as number[];
    // Enough for every submit of the warm-up and all rounds to be a first submission (repeats are cheaper).
    const POOL = Number(process.env.BENCH_SUBMIT_POOL || 200_000);
    const now = new Date();
    const ins = db.prepare(
      `INSERT INTO quiz_attempts (campaign_id, member_id, org_id, city_id, county_id, day, started_at, deadline_at, questions, total)
       VALUES (?, ?, '150426', '150400', '150426', ?, ?, ?, ?, 10)`,
    );
    const pool: { attemptId: number; token: string }[] = [];
    db.transaction(() => {
      for (let i = 0; i < POOL; i++) {
        const m = i % MEMBERS;
        const id = Number(
          ins.run(campaignId, memberIds[m], now.toISOString().slice(0, 10), now.toISOString(), new Date(now.getTime() + 3600_000).toISOString(), questionsJson)
            .lastInsertRowid,
        );
        pool.push({ attemptId: id, token: tokens[m] });
      }
    })();
    db.close();
    const answers = template.questions.map((q: { id: string }) => ({ questionId: q.id, choice: [0] }));
    // Each request is built once, before timing, and the bare server is sent the very same requests (headers and
    // body, which it reads and ignores): the load generator does the same work for both, so the ratio compares servers.
    const requests = pool.map((a) => ({
      headers: { 'content-type': 'application/json', authorization: `Bearer ${a.token}` },
      body: JSON.stringify({ attemptId: a.attemptId, answers }),
    }));

    // The machine is shared: bare and quiz.submit alternate for ROUNDS rounds and each ratio is taken
    // within its own round, so a load spike from elsewhere skews one round, not the figure.
    const ROUNDS = Number(process.env.BENCH_ROUNDS || 5);
    let next = 0;
    let bareNext = 0;
    const rows: (string | number)[][] = [
      ['round', 'target', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'non-2xx', '× bare+sqlite', 'server CPU µs/req', 'bare CPU ÷ this'],
    ];
    const ratios: number[] = [];
    const cpuRatios: number[] = [];
    const meRatios: number[] = [];
    const submitLoad = (duration?: number) =>
      load({
        ...(duration ? { duration } : {}),
        url: `${api.url}/api/quiz.submit`,
        method: 'POST',
        requests: [{ setupRequest: (req: any) => ({ ...req, ...requests[next++ % requests.length] }) }],
      });
    const bareLoad = (duration?: number) =>
      load({
        ...(duration ? { duration } : {}),
        url: bareSql.url,
        method: 'POST',
        requests: [{ setupRequest: (req: any) => ({ ...req, ...requests[bareNext++ % requests.length] }) }],
      });
    // Warm-up (JIT, statement and question caches) outside the figures.
    await submitLoad(2);
    await bareLoad(2);
    for (let round = 1; round <= ROUNDS; round++) {
      const bare = await measured(bareSql, () => bareLoad());
      const submit = await measured(api, () => submitLoad());
      // The host's own cost on the same server: member.me reads one row and answers a small object.
      const me = await measured(api, () =>
        load({
          url: `${api.url}/api/member.me`,
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[1]}` },
          body: '{}',
        }),
      );
      ratios.push(submit.rps / bare.rps);
      cpuRatios.push(bare.cpuUsPerReq / submit.cpuUsPerReq);
      meRatios.push(me.rps / bare.rps);
      for (const [name, r] of [
        ['bare http + 1 SQLite insert (same requests)', bare],
        ['quiz.submit (10 answers, scored, best + points)', submit],
        ['member.me (host reference)', me],
      ] as const)
        rows.push([
          round,
          name,
          fmt(r.rps),
          fmt(r.p50),
          fmt(r.p99),
          r.errors,
          r.non2xx,
          fmt(r.rps / bare.rps, 2),
          fmt(r.cpuUsPerReq),
          fmt(bare.cpuUsPerReq / r.cpuUsPerReq, 2),
        ]);
    }
    table(rows);
    console.log(`  quiz.submit / bare+sqlite req/s per round: ${ratios.map((r) => fmt(r, 2)).join(', ')}; median ${fmt(median(ratios), 2)} (goal ≥ 0.5)`);
    console.log(
      `  member.me / bare+sqlite req/s per round (what the host itself allows): ${meRatios.map((r) => fmt(r, 2)).join(', ')}; median ${fmt(median(meRatios), 2)}`,
    );
    console.log(
      `  bare CPU per request ÷ quiz.submit CPU per request, per round: ${cpuRatios.map((r) => fmt(r, 2)).join(', ')}; median ${fmt(median(cpuRatios), 2)}`,
    );
    console.log(`  submits sent: ${next} (pool ${POOL}; ${next > POOL ? 'some were repeats answered from the first result' : 'each a first submission'})`);
  } finally {
    bareSql.stop();
    api.stop();
  }
}

export async function quizLeaderboardLatency() {
  console.log('\n## 排行榜延迟（1,000,000 次答题，前 50 名 + 我的排名）');
  const dataDir = tempDir('bench-quiz-lb-');
  const cleanup = () => fs.rmSync(dataDir, { recursive: true, force: true });
  const app = await createApp({ dataDir, mode: 'dev' });
  const db = (app.store as SqliteStore).db;
  const campaignId = (await app.store.quiz.campaigns()).find((c) => c.title === '优生优育进万家知识竞赛')!.id;
  const counties = db.prepare('SELECT id, path FROM orgs WHERE level = 3').all() as { id: string; path: string }[];
  const N = 1_000_000;
  const t0 = performance.now();
  let seed = 42;
  const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const insMember = db.prepare("INSERT INTO members (id, openid, nickname, org_id, created_at, updated_at) VALUES (?, ?, ?, ?, 'x', 'x')");
  const insAttempt = db.prepare(
    `INSERT INTO quiz_attempts (id, campaign_id, member_id, org_id, city_id, county_id, day, started_at, deadline_at, questions, total, submitted_at, score, correct_count, duration_ms, passed)
     VALUES (?, ?, ?, ?, ?, ?, '2026-11-20', ?, ?, '[]', 10, ?, ?, ?, ?, ?)`,
  );
  const BASE = 10_000_000;
  // Bulk load: no journal, no FK checks, and the leaderboard counts made by one recount at the end.
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('foreign_keys = OFF');
  const insBest = db.prepare(
    `INSERT INTO quiz_best (campaign_id, member_id, attempt_id, city_id, county_id, org_id, score, duration_ms, submitted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const CHUNK = 100_000;
  for (let start = 0; start < N; start += CHUNK) {
    db.transaction(() => {
      for (let i = start; i < start + CHUNK; i++) {
        const county = counties[i % counties.length];
        const city = county.path.split('/')[2];
        const correct = Math.min(10, Math.floor(rnd() * 6) + Math.floor(rnd() * 6));
        const duration = 30_000 + Math.floor(rnd() * 570_000);
        const submitted = new Date(Date.UTC(2026, 10, 1) + i * 1000).toISOString();
        insMember.run(BASE + i, `lb-${i}`, `会员${i}`, county.id);
        insAttempt.run(
          BASE + i,
          campaignId,
          BASE + i,
          county.id,
          city,
          county.id,
          submitted,
          submitted,
          submitted,
          correct * 10,
          correct,
          duration,
          correct >= 6 ? 1 : 0,
        );
        insBest.run(campaignId, BASE + i, BASE + i, city, county.id, county.id, correct * 10, duration, submitted);
      }
    })();
    process.stdout.write(`  … ${fmt(start + CHUNK)} attempts loaded (${fmt((performance.now() - t0) / 1000, 1)} s)\n`);
  }
  await app.store.quiz.recount(campaignId);
  db.pragma('foreign_keys = ON');
  db.exec('ANALYZE');
  console.log(`  loaded ${fmt(N)} attempts (${fmt(N)} members) in ${fmt((performance.now() - t0) / 1000, 1)} s`);

  await leaderboardLatency(app, campaignId, () => BASE + Math.floor(rnd() * N), 'quiz.leaderboard (in-process dispatch)', 'median ≤ 10 ms');
  app.store.close();
  cleanup();
}

/** Top 50 + my rank for random members, in each scope: a table of medians and tails (after a warm-up). */
async function leaderboardLatency(app: App, campaignId: number, randomMember: () => number, title: string, goal: string): Promise<void> {
  const services = { store: app.store, mode: 'dev' as const };
  const measure = async (scope: 'all' | 'city' | 'county', samples = 300) => {
    const times: number[] = [];
    for (let i = 0; i < samples; i++) {
      const t = performance.now();
      const r = await app.router.dispatch('quiz.leaderboard', { campaignId, scope }, { kind: 'session', memberId: randomMember() }, services);
      times.push(performance.now() - t);
      if (r.status !== 200 || !(r.body as any).data.me) throw new Error(`leaderboard failed: ${JSON.stringify(r.body).slice(0, 200)}`);
    }
    return times;
  };
  await measure('all', 20); // warm up
  const rows: (string | number)[][] = [[title, 'median ms', 'p90 ms', 'p99 ms', 'goal']];
  for (const scope of ['all', 'city', 'county'] as const) {
    const t = await measure(scope);
    rows.push([`scope=${scope}, top 50 + my rank (random member)`, fmt(median(t), 2), fmt(percentile(t, 90), 2), fmt(percentile(t, 99), 2), goal]);
  }
  table(rows);
}

/**
 * The MySQL leaderboard: top 50 + my rank with 1,000,000 attempts (one per member, so 1,000,000 best
 * entries: the leaderboard's worst case), bulk-loaded with multi-row INSERTs into the given app's database.
 * `app` runs on MySQL with the seeds (orgs) loaded; the lead's bench run brings the server.
 */
export async function quizMysqlLeaderboardLatency(app: App, n = Number(process.env.BENCH_QUIZ_ATTEMPTS || 1_000_000)): Promise<void> {
  console.log(`\n## 排行榜延迟 · MySQL（${fmt(n)} 次答题，前 50 名 + 我的排名）`);
  if (app.engine !== 'mysql') throw new Error('quizMysqlLeaderboardLatency needs an app on MySQL');
  const db = (app.store as MysqlStore).db;
  const newCampaign = async (title: string) =>
    (await app.store.quiz.createCampaign(
      {
        title,
        description: '',
        cover: null,
        orgId: '150000',
        draws: [{ bankId: 'family-health', count: 10 }],
        opensAt: '2026-11-01T00:00:00Z',
        closesAt: '2099-01-01T00:00:00Z',
        timeLimitSec: 600,
        attemptsPerDay: 10,
        attemptsTotal: 10,
        passMark: 60,
        showReview: true,
      },
      new Date(),
    ))!;
  const campaignId = await newCampaign('压测排行榜');
  const counties = await db.rows<{ id: string; path: string }>('SELECT id, path FROM orgs WHERE level = 3 ORDER BY id');
  const BASE = 10_000_000;
  let seed = 42;
  const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  /**
   * `count` attempts of campaign `into`, one per member (members BASE.. are created on the first load), with their best
   * entries and counts. `withQuestions`: each attempt carries its ten questions and the ids it got right, as a real one.
   */
  const load = async (into: number, count: number, opts: { newMembers: boolean; withQuestions?: string[] }) => {
    const t0 = performance.now();
    // One connection, without per-row key checks, and many rows per statement and per commit: what a bulk load is.
    const conn = await db.pool.getConnection();
    try {
      await conn.query('SET SESSION unique_checks = 0, foreign_key_checks = 0');
      const ROWS = 2_000;
      const PER_COMMIT = 50_000;
      const refs = opts.withQuestions ? JSON.stringify(opts.withQuestions.map((id) => ({ id, order: [2, 0, 3, 1] }))) : '[]';
      for (let start = 0; start < count; start += PER_COMMIT) {
        await conn.query('START TRANSACTION');
        for (let from = start; from < Math.min(count, start + PER_COMMIT); from += ROWS) {
          const members: unknown[] = [];
          const attempts: unknown[] = [];
          const best: unknown[] = [];
          const to = Math.min(count, from + ROWS, start + PER_COMMIT);
          for (let i = from; i < to; i++) {
            const county = counties[i % counties.length];
            const city = county.path.split('/').filter(Boolean)[1];
            const correct = Math.min(10, Math.floor(rnd() * 6) + Math.floor(rnd() * 6));
            const duration = 30_000 + Math.floor(rnd() * 570_000);
            const submitted = new Date(Date.UTC(2026, 10, 1) + i * 1000).toISOString();
            const attemptId = into * BASE + i;
            members.push(BASE + i, `lb-${i}`, `会员${i}`, county.id, 'x', 'x');
            attempts.push(
              attemptId,
              into,
              BASE + i,
              county.id,
              city,
              county.id,
              '2026-11-20',
              submitted,
              submitted,
              refs,
              opts.withQuestions ? JSON.stringify(opts.withQuestions.slice(0, correct)) : null,
              10,
              submitted,
              correct * 10,
              correct,
              duration,
              correct >= 6 ? 1 : 0,
            );
            best.push(into, BASE + i, attemptId, city, county.id, county.id, correct * 10, duration, submitted);
          }
          const rows = (width: number) => Array.from({ length: to - from }, () => `(${Array(width).fill('?').join(',')})`).join(',');
          if (opts.newMembers) await conn.query(`INSERT INTO members (id, openid, nickname, org_id, created_at, updated_at) VALUES ${rows(6)}`, members);
          await conn.query(
            `INSERT INTO quiz_attempts (id, campaign_id, member_id, org_id, city_id, county_id, day, started_at, deadline_at, questions, correct_ids, total, submitted_at, score, correct_count, duration_ms, passed) VALUES ${rows(17)}`,
            attempts,
          );
          await conn.query(
            `INSERT INTO quiz_best (campaign_id, member_id, attempt_id, city_id, county_id, org_id, score, duration_ms, submitted_at) VALUES ${rows(9)}`,
            best,
          );
        }
        await conn.query('COMMIT');
        process.stdout.write(`  … ${fmt(Math.min(count, start + PER_COMMIT))} attempts loaded (${fmt((performance.now() - t0) / 1000, 1)} s)\n`);
      }
      await conn.query('SET SESSION unique_checks = 1, foreign_key_checks = 1');
    } finally {
      conn.release();
    }
    await app.store.quiz.recount(into);
    return performance.now() - t0;
  };
  const loadMs = await load(campaignId, n, { newMembers: true });
  await db.rows('ANALYZE TABLE quiz_best, quiz_rank_counts, members');
  console.log(`  loaded ${fmt(n)} attempts (${fmt(n)} members) in ${fmt(loadMs / 1000, 1)} s`);

  const services = { store: app.store, mode: 'dev' as const };
  await leaderboardLatency(app, campaignId, () => BASE + Math.floor(rnd() * n), 'quiz.leaderboard on MySQL (in-process dispatch)', 'median ≤ 20 ms');

  // 竞赛统计 (the organiser's figures and the per-question table): on the million above, whose rows carry no question
  // lists, and on a campaign whose attempts each carry ten questions and the ids they got right.
  const STATS_N = Number(process.env.BENCH_QUIZ_STATS_ATTEMPTS || 200_000);
  const bank = (await db.rows<{ id: string }>("SELECT id FROM quiz_questions WHERE bank_id = 'family-health' ORDER BY id LIMIT 10")).map((q) => q.id);
  const statsCampaign = await newCampaign('压测统计');
  await load(statsCampaign, Math.min(STATS_N, n), { newMembers: false, withQuestions: bank });
  const admin = await app.store.members.findOrCreateByOpenid('dev-admin-nm', '管理员');
  const statsRows: (string | number)[][] = [['quiz.admin.stats on MySQL (in-process dispatch)', 'median ms', 'runs ms']];
  for (const [label, id] of [
    [`${fmt(n)} attempts, no question lists`, campaignId],
    [`${fmt(Math.min(STATS_N, n))} attempts × 10 questions`, statsCampaign],
  ] as const) {
    const runs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      const r = await app.router.dispatch('quiz.admin.stats', { campaignId: id }, { kind: 'session', memberId: admin.id }, services);
      runs.push(performance.now() - t);
      if (r.status !== 200) throw new Error(`stats failed: ${JSON.stringify(r.body).slice(0, 200)}`);
    }
    statsRows.push([label, fmt(median(runs)), runs.map((x) => fmt(x)).join(' / ')]);
  }
  table(statsRows);
}
