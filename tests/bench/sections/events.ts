import autocannon from 'autocannon';
import { openSqliteStore } from '../../../cloud/adapters/sqlite/sqlite';
import { sharedSessionSecret, sessionSigner } from '../../../cloud/hosts/http/session';
import { apiServer, bareServer, fmt, post, table } from '../lib';

const MEMBERS = Number(process.env.BENCH_EVENT_MEMBERS || 5000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 50);

/** One burst of `MEMBERS` requests, each with its own token and body, over CONNECTIONS connections. */
async function burst(url: string, path: string, tokens: string[], body: string) {
  let i = 0;
  const started = Date.now();
  const r = await autocannon({
    url,
    connections: CONNECTIONS,
    amount: tokens.length,
    requests: [
      {
        method: 'POST',
        path,
        setupRequest: (req: any) => ({ ...req, headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[i++ % tokens.length]}` }, body }),
      },
    ],
  });
  const seconds = (Date.now() - started) / 1000;
  return {
    seconds,
    rps: r.requests.total / seconds,
    p50: r.latency.p50,
    p99: r.latency.p99,
    max: r.latency.max,
    non2xx: r.non2xx,
    errors: r.errors,
    total: r.requests.total,
  };
}

/** 5,000 distinct members checking in to one event through the HTTP host, against bare node:http + SQLite. */
export async function eventsCheckinBurst(): Promise<void> {
  console.log(`\n## event.checkin: ${MEMBERS} 名不同会员集中签到（${CONNECTIONS} 并发连接，对比裸 http + SQLite 插入）`);
  const bare = await bareServer('sqlite');
  const api = await apiServer();
  try {
    // Members and their session tokens are made directly in the database beforehand.
    const store = openSqliteStore(api.dataDir);
    const signer = sessionSigner(await sharedSessionSecret(store.meta));
    const tokens: string[] = [];
    const insert = store.db.prepare(`INSERT INTO members (openid, nickname, org_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`);
    const orgs = ['150426100201', '150102', '150121100201', '150402', '150000'];
    const now = new Date().toISOString();
    store.db.transaction(() => {
      for (let i = 0; i < MEMBERS; i++)
        tokens.push(signer.issue(Number(insert.run(`bench-ev-${i}`, `会员${i}`, orgs[i % orgs.length], now, now).lastInsertRowid)));
    })();

    const admin = (await post(api.url, 'auth.devLogin', { openid: 'dev-admin-nm' })).data.token as string;
    const t = Date.now();
    const ev = await post(
      api.url,
      'event.admin.publish',
      {
        orgId: '150000',
        title: '压测：5·29 会员活动日',
        type: '会员活动日',
        audience: 'all',
        points: 20,
        startsAt: new Date(t - 3600_000).toISOString(),
        endsAt: new Date(t + 3600_000).toISOString(),
        venue: { name: '新华广场', lat: 40.8175, lng: 111.6708, radius: 500 },
        locationRequired: true,
      },
      admin,
    );
    const eventId = ev.data.id as number;
    const code = (await post(api.url, 'event.admin.code', { id: eventId }, admin)).data.code as string;
    const body = JSON.stringify({ eventId, code, location: { lat: 40.8177, lng: 111.6711 } });

    const base = await burst(bare.url, '/', tokens, body);
    const r = await burst(api.url, '/api/event.checkin', tokens, body);
    const recorded = store.db.prepare('SELECT COUNT(*) AS n, COUNT(DISTINCT member_id) AS d FROM event_checkins WHERE event_id = ?').get(eventId) as {
      n: number;
      d: number;
    };
    const paid = store.db.prepare('SELECT COUNT(*) FROM points_ledger WHERE ref_key LIKE ?').pluck().get(`event:checkin:${eventId}:%`) as number;
    store.close();

    table([
      ['target', 'requests', 'seconds', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'non-2xx', 'errors'],
      ['bare http + 1 SQLite insert', base.total, fmt(base.seconds, 2), fmt(base.rps), fmt(base.p50), fmt(base.p99), fmt(base.max), base.non2xx, base.errors],
      ['event.checkin', r.total, fmt(r.seconds, 2), fmt(r.rps), fmt(r.p50), fmt(r.p99), fmt(r.max), r.non2xx, r.errors],
    ]);
    console.log(`  throughput ratio event.checkin / bare: ${fmt(r.rps / base.rps, 2)}`);
    console.log(`  recorded: ${recorded.n} check-ins for ${recorded.d} distinct members, ${paid} ledger payments (expected ${MEMBERS} each)`);
    console.log(
      `  goal: all ${MEMBERS} within 10 s → ${r.seconds <= 10 ? 'met' : 'NOT met'} (${fmt(r.seconds, 2)} s); p99 < 200 ms → ${r.p99 < 200 ? 'met' : 'NOT met'} (${fmt(r.p99)} ms)`,
    );
    if (recorded.n !== MEMBERS || recorded.d !== MEMBERS || paid !== MEMBERS) throw new Error('check-ins were not recorded exactly once each');
  } finally {
    bare.stop();
    api.stop();
  }
}
