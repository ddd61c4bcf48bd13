/**
 * The production path: the HTTP host on MySQL (a private MariaDB started here), on one host and on two hosts
 * sharing the database, each figure beside bare node:http + one mysql2 INSERT per request measured in the same run.
 */
import mysql from 'mysql2/promise';
import { startMariadb, type Mariadb } from '../../support/mariadb';
import { apiServer, bareServer, cpuSince, fmt, idleSince, load, median, post, table, BENCH_SECONDS, type Server } from '../lib';
import { hostNodeFlags } from '../../support/dockerfile';
import { benchClass, burst } from './classes';
import { quizMysqlLeaderboardLatency } from './quiz';
import { createApp } from '../../../cloud/app';
import { mysqlConfigFromUrl } from '../../../cloud/adapters/mysql/db';
import { tempDir } from '../../support/app';

const BURST = Number(process.env.BENCH_CLASS_BURST || 2000);
const SEATS = 50;
// As many rounds as the other sections: on a shared machine one round can stray far, and a median of three moves with it.
const ROUNDS = Number(process.env.BENCH_ROUNDS || 5);
/**
 * The concurrent connections of the quiz.submit rounds, split over the hosts. At 50 a host waits on its one group at the
 * database and the machine is partly idle (the idle column shows it): that is a latency figure. The larger count keeps
 * the machine busy, so its ratio is the throughput one; the goal is judged there.
 */
const SUBMIT_CONNECTIONS = (process.env.BENCH_MYSQL_CONNECTIONS || '50,200').split(',').map(Number);
/** BENCH_MYSQL_PARTS=race,submit,leaderboard (the default: all) picks the parts to run. */
const PARTS = new Set((process.env.BENCH_MYSQL_PARTS || 'race,submit,leaderboard').split(','));

async function database(server: Mariadb, name: string, sql: string[] = []): Promise<string> {
  const c = await mysql.createConnection(server.url);
  await c.query(`CREATE DATABASE ${name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await c.query(`USE ${name}`);
  for (const s of sql) await c.query(s);
  await c.end();
  return `${server.url}${name}`;
}

type Api = Server & { dataDir: string };

/** Signs `n` members in across the hosts (round robin) and returns their tokens. */
async function signIn(hosts: Api[], prefix: string, n: number, then?: (host: Api, token: string) => Promise<unknown>): Promise<string[]> {
  const tokens: string[] = [];
  for (let i = 0; i < n; i += 100) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(100, n - i) }, async (_, j) => {
        const host = hosts[(i + j) % hosts.length];
        const token = (await post(host.url, 'auth.devLogin', { openid: `${prefix}-${i + j}` })).data.token as string;
        if (then) await then(host, token);
        return token;
      }),
    );
    tokens.push(...batch);
  }
  return tokens;
}

export async function mysqlBench(): Promise<void> {
  console.log('\n## 正式存储 MySQL（MariaDB，单机与两台主机共享一个库；对比裸 Node http + 1 次 mysql2 插入）');
  const server = await startMariadb();
  const stops: (() => void)[] = [];
  try {
    const bareUrl = await database(server, 'bench_bare', [
      'CREATE TABLE bare_hits (id BIGINT AUTO_INCREMENT PRIMARY KEY, at VARCHAR(32) NOT NULL) ENGINE=InnoDB',
    ]);
    const apiUrl = await database(server, 'bench_api');
    const bares = [await bareServer('mysql', { DATABASE_URL: bareUrl }), await bareServer('mysql', { DATABASE_URL: bareUrl })];
    // The first host migrates and seeds the empty database; the second finds it ready.
    const hosts: Api[] = [await apiServer(undefined, { DATABASE_URL: apiUrl })];
    hosts.push(await apiServer(undefined, { DATABASE_URL: apiUrl }));
    for (const s of [...bares, ...hosts]) stops.push(() => s.stop());
    if (PARTS.has('race')) await seatRace(hosts, bares);
    if (PARTS.has('submit')) await submitThroughput(hosts, bares, server.pid);
    for (const s of [...bares, ...hosts]) s.stop();
    if (!PARTS.has('leaderboard')) return;
    // Leaderboard latency at 1,000,000 attempts, on a database of its own (in this process, no HTTP).
    const lbUrl = await database(server, 'bench_leaderboard');
    const app = await createApp({ dataDir: tempDir('bench-lb-'), mode: 'dev', store: { engine: 'mysql', config: mysqlConfigFromUrl(lbUrl) } });
    try {
      await quizMysqlLeaderboardLatency(app);
    } finally {
      await app.store.close();
    }
  } finally {
    for (const stop of stops) stop();
    await server.stop();
  }
}

/** The 2,000-way seat race: on one host, then split over two, each beside the same burst against bare servers. */
async function seatRace(hosts: Api[], bares: Server[]) {
  const admin = (await post(hosts[0].url, 'auth.devLogin', { openid: 'dev-admin-hhht' })).data.token as string;
  const rows: (string | number)[][] = [['target', 'all answered ms', 'p50 ms', 'p99 ms', 'non-200', 'confirmed', '× bare (all answered)']];
  for (const width of [1, 2]) {
    const used = hosts.slice(0, width);
    const classId = (await post(hosts[0].url, 'class.admin.publish', { ...benchClass(Date.now()), title: `压测课堂 ${width} 台` }, admin)).data.id as number;
    const tokens = await signIn(used, `bench-my-${width}`, BURST, (host, token) => post(host.url, 'member.consent', { version: '2026-11' }, token));
    const base = await splitBurst(
      bares.slice(0, width).map((b) => b.url),
      BURST,
      () => ({}),
    );
    const run = await splitBurst(
      used.map((h) => `${h.url}/api/class.register`),
      BURST,
      (i) => ({ classId, answers: { phone: `139${String(i).padStart(8, '0')}` } }),
      tokens,
    );
    const confirmed = run.results.filter((r) => r.status === 200 && r.json.data.status === 'confirmed').length;
    rows.push([
      `bare http + 1 mysql2 insert ×${width}`,
      fmt(base.total),
      fmt(base.p50),
      fmt(base.p99),
      base.results.filter((r) => r.status !== 200).length,
      '-',
      '1.00',
    ]);
    rows.push([
      `class.register on ${width} host(s)`,
      fmt(run.total),
      fmt(run.p50),
      fmt(run.p99),
      run.results.filter((r) => r.status !== 200).length,
      confirmed,
      fmt(run.total / base.total, 2),
    ]);
    if (width === 2)
      console.log(
        `  seat race on two hosts answered in ${fmt(run.total)} ms (goal < 3,000 ms → ${run.total < 3000 ? 'met' : 'NOT met'}); ${confirmed} of ${SEATS} seats confirmed → ${confirmed === SEATS ? 'OK' : 'FAILED'}`,
      );
  }
  table(rows);
}

/** One burst of n requests spread round robin over urls, all sent at once. */
async function splitBurst(urls: string[], n: number, body: (i: number) => unknown, tokens?: string[]) {
  const parts = await Promise.all(
    urls.map((url, u) => {
      const mine = Array.from({ length: n }, (_, i) => i).filter((i) => i % urls.length === u);
      return burst(url, mine.length, (k) => body(mine[k]), tokens ? mine.map((i) => tokens[i]) : undefined);
    }),
  );
  const results = parts.flatMap((p) => p.results);
  return { results, total: Math.max(...parts.map((p) => p.total)), p50: median(parts.map((p) => p.p50)), p99: Math.max(...parts.map((p) => p.p99)) };
}

/** quiz.submit throughput on one and on two hosts, rounds alternating with the bare servers. */
async function submitThroughput(hosts: Api[], bares: Server[], databasePid: number | undefined) {
  const admin = (await post(hosts[0].url, 'auth.devLogin', { openid: 'dev-admin-nm' })).data.token as string;
  const now = Date.now();
  const saved = await post(
    hosts[0].url,
    'quiz.admin.saveCampaign',
    {
      title: '压测竞赛',
      description: '',
      cover: null,
      orgId: '150000',
      draws: [{ bankId: 'family-health', count: 10 }],
      opensAt: new Date(now - 3600_000).toISOString(),
      closesAt: new Date(now + 30 * 86400_000).toISOString(),
      timeLimitSec: 3600,
      attemptsPerDay: 100,
      attemptsTotal: 1000,
      passMark: 60,
      showReview: true,
    },
    admin,
  );
  const campaignId = saved.data.id as number;
  // Each member holds one open attempt, started through quiz.start: every round sends its own share of them, so
  // every submit measured is a first submission (a repeat is answered from the stored result, far more cheaply).
  const PER_ROUND = Number(process.env.BENCH_MYSQL_SUBMITS || 4000);
  // Round 0 warms the hosts up (a server answers for hours, and its first ten thousand or so
  // requests run code not yet optimised): printed, not counted.
  const WARM_UP = 12_000;
  const POOL = (PER_ROUND * ROUNDS * SUBMIT_CONNECTIONS.length + WARM_UP) * 2;
  const pool: { headers: Record<string, string>; body: string }[] = [];
  await signIn(hosts, 'bench-mq', POOL, async (host, token) => {
    await post(host.url, 'member.update', { orgId: '150426' }, token);
    const attempt = (await post(host.url, 'quiz.start', { campaignId }, token)).data;
    const answers = attempt.questions.map((q: { id: string }) => ({ questionId: q.id, choice: [0] }));
    pool.push({
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ attemptId: attempt.attemptId, answers }),
    });
  });
  let next = 0;
  // Only the API's requests take submissions from the pool: the bare server ignores the body.
  const run = (url: string, connections: number, amount: number | undefined) =>
    load({
      url,
      method: 'POST',
      connections,
      ...(amount ? { amount } : {}),
      requests: [{ setupRequest: (req: any) => (amount ? { ...req, ...pool[next++] } : { ...req, ...pool[0] }) }],
    });
  /**
   * Bare rounds run for BENCH_SECONDS; API rounds send `submits`, split over the hosts. Also the CPU per
   * answered request of the servers and of the database (from /proc): figures the machine's other load disturbs far
   * less than req/s.
   */
  const together = async (servers: Server[], connections: number, path = '', submits = 0) => {
    const serversCpu = cpuSince(servers.map((x) => x.proc.pid));
    const databaseCpu = cpuSince([databasePid]);
    const idle = idleSince();
    const per = Math.floor(submits / servers.length);
    const rs = await Promise.all(servers.map((x) => run(`${x.url}${path}`, Math.ceil(connections / servers.length), per || undefined)));
    const rps = rs.reduce((s, r) => s + r.rps, 0);
    const answered = per ? per * servers.length : rps * BENCH_SECONDS;
    return {
      rps,
      p99: Math.max(...rs.map((r) => r.p99)),
      non2xx: rs.reduce((s, r) => s + r.non2xx + r.errors, 0),
      cpuUs: (serversCpu() * 1e6) / answered,
      dbUs: (databaseCpu() * 1e6) / answered,
      idle: idle(),
    };
  };
  const rows: (string | number)[][] = [
    [
      'round',
      'hosts',
      'connections',
      'bare req/s',
      'bare CPU µs/req (server, db)',
      'idle %',
      'quiz.submit req/s',
      'CPU µs/submit (hosts, db)',
      'idle %',
      'p99 ms',
      'non-2xx',
      '× bare',
    ],
  ];
  /** Per hosts and connections: the req/s ratios, the same by CPU per request (servers and database), the idle share of the API rounds. */
  const figures = new Map<string, { ratios: number[]; cpuRatios: number[]; idle: number[] }>();
  const cpu = (r: { cpuUs: number; dbUs: number }) => `${fmt(r.cpuUs)}, ${fmt(r.dbUs)}`;
  const pct = (share: number) => fmt(100 * share);
  const busiest = Math.max(...SUBMIT_CONNECTIONS);
  for (let round = 0; round <= ROUNDS; round++) {
    for (const width of [1, 2]) {
      // Round 0 warms up at the largest count only.
      for (const connections of round ? SUBMIT_CONNECTIONS : [busiest]) {
        const bare = await together(bares.slice(0, width), connections);
        const api = await together(hosts.slice(0, width), connections, '/api/quiz.submit', round ? PER_ROUND : WARM_UP);
        if (round > 0) {
          const key = `${width}/${connections}`;
          const f = figures.get(key) ?? { ratios: [], cpuRatios: [], idle: [] };
          f.ratios.push(api.rps / bare.rps);
          f.cpuRatios.push((bare.cpuUs + bare.dbUs) / (api.cpuUs + api.dbUs));
          f.idle.push(api.idle);
          figures.set(key, f);
        }
        rows.push([
          round || '0 (warm-up)',
          width,
          connections,
          fmt(bare.rps),
          cpu(bare),
          pct(bare.idle),
          fmt(api.rps),
          cpu(api),
          pct(api.idle),
          fmt(api.p99),
          api.non2xx,
          fmt(api.rps / bare.rps, 2),
        ]);
      }
    }
  }
  table(rows);
  for (const width of [1, 2])
    for (const connections of SUBMIT_CONNECTIONS) {
      const f = figures.get(`${width}/${connections}`)!;
      const goal = connections === busiest ? ' (goal ≥ 0.5)' : ' (latency-bound: not the throughput figure)';
      console.log(
        `  quiz.submit on ${width} host(s), ${connections} connections ÷ bare mysql: median ${fmt(median(f.ratios), 2)}${goal}; by CPU per request (servers + database), bare ÷ quiz.submit: ${f.cpuRatios.map((r) => fmt(r, 2)).join(', ')}, median ${fmt(median(f.cpuRatios), 2)}; machine idle during the submits: median ${pct(median(f.idle))}%`,
      );
    }
  console.log(
    `  ${ROUNDS} rounds after a warm-up of ${fmt(WARM_UP)} submits at ${busiest} connections (bare: ${BENCH_SECONDS} s; submits: ${fmt(PER_ROUND)} each)`,
  );
  console.log(
    `  submits sent: ${next} of ${POOL} open attempts, each a first submission; hosts run with the Dockerfile's node flags: ${hostNodeFlags().join(' ') || '(none)'}`,
  );
}
