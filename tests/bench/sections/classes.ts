import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../../../cloud/app';
import { apiServer, bareServer, fmt, percentile, post, table } from '../lib';
import { classPayload } from '../../support/classes';
import { PRIVACY_NOTICE_VERSION } from '../../../cloud/contracts/privacy';

const BURST = Number(process.env.BENCH_CLASS_BURST || 2000);
const SEATS = 50;

/** The class both bursts register for (over HTTP and in-process): SEATS seats, a waitlist, one required phone field. */
export const benchClass = (now: number) =>
  classPayload(now, { title: '压测课堂', teacher: '压测', capacity: SEATS, fields: [{ id: 'phone', label: '联系电话', type: 'phone', required: true }] });

/**
 * One POST on its own connection, as each parent's phone opens one. node:http rather than fetch: the client
 * shares this 2-core machine with the server, and fetch's own cost per request would be measured as the server's.
 */
function postOnce(url: string, headers: Record<string, string>, body: string): Promise<{ status: number; json: any }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent: false, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

export async function burst(url: string, n: number, body: (i: number) => unknown, tokens?: string[]) {
  const latencies: number[] = [];
  const t0 = performance.now();
  const results = await Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const s = performance.now();
      const r = await postOnce(
        url,
        { 'content-type': 'application/json', ...(tokens ? { authorization: `Bearer ${tokens[i]}` } : {}) },
        JSON.stringify(body(i)),
      );
      latencies.push(performance.now() - s);
      return r;
    }),
  );
  return { results, total: performance.now() - t0, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

/** 家长课堂: a burst of 2,000 concurrent class.register for 50 seats through the HTTP host, beside a bare server's burst. */
export async function classesBurst(): Promise<void> {
  console.log(`\n## 家长课堂：${BURST} 个并发报名抢 ${SEATS} 个名额（HTTP 主机，对比裸 Node http + SQLite 同样的并发）`);
  const bare = await bareServer('sqlite');
  const api = await apiServer();
  try {
    const admin = (await post(api.url, 'auth.devLogin', { openid: 'dev-admin-hhht' })).data.token as string;
    const now = Date.now();
    const cls = await post(api.url, 'class.admin.publish', benchClass(now), admin);
    const classId = cls.data.id as number;
    const tokens: string[] = [];
    for (let i = 0; i < BURST; i += 100) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(100, BURST - i) }, (_, j) => post(api.url, 'auth.devLogin', { openid: `bench-parent-${i + j}` })),
      );
      tokens.push(...batch.map((b) => b.data.token as string));
    }
    // A phone in the form is stored only after the privacy consent, as in the app.
    for (let i = 0; i < tokens.length; i += 100) {
      await Promise.all(tokens.slice(i, i + 100).map((t) => post(api.url, 'member.consent', { version: PRIVACY_NOTICE_VERSION }, t)));
    }

    console.log(`  (${tokens.length} parents signed in)`);
    const base = await burst(bare.url, BURST, () => ({}));
    console.log('  (baseline burst done)');
    const run = await burst(`${api.url}/api/class.register`, BURST, (i) => ({ classId, answers: { phone: `139${String(i).padStart(8, '0')}` } }), tokens);

    const ok = run.results.filter((r) => r.status === 200);
    const confirmed = ok.filter((r) => r.json.data.status === 'confirmed').length;
    const positions = ok
      .filter((r) => r.json.data.status === 'waitlisted')
      .map((r) => r.json.data.position as number)
      .sort((a, b) => a - b);
    const roster = (await post(api.url, 'class.admin.roster', { classId }, admin)).data.entries as { id: number; status: string; position: number | null }[];
    const rConfirmed = roster.filter((e) => e.status === 'confirmed');
    const rWait = roster.filter((e) => e.status === 'waitlisted').sort((a, b) => a.id - b.id);
    const inOrder = rWait.every((e, i) => e.position === i + 1) && Math.max(...rConfirmed.map((e) => e.id)) < Math.min(...rWait.map((e) => e.id));
    const gapless = positions.length === BURST - SEATS && positions.every((p, i) => p === i + 1);
    const correct = confirmed === SEATS && rConfirmed.length === SEATS && rWait.length === BURST - SEATS && gapless && inOrder;

    table([
      ['target', 'all answered ms', 'p50 ms', 'p99 ms', 'non-200', '× bare (all answered)'],
      ['bare http + 1 SQLite insert', fmt(base.total), fmt(base.p50), fmt(base.p99), base.results.filter((r) => r.status !== 200).length, '1.00'],
      ['class.register', fmt(run.total), fmt(run.p50), fmt(run.p99), BURST - ok.length, fmt(run.total / base.total, 2)],
    ]);
    console.log(
      `  correctness: ${confirmed} confirmed (roster ${rConfirmed.length}), ${rWait.length} waitlisted, positions 1..${positions.length} gapless=${gapless}, arrival order=${inOrder}, oversold=${Math.max(0, rConfirmed.length - SEATS)} → ${correct ? 'OK' : 'FAILED'}`,
    );
    console.log(`  goal: all answered within 2,000 ms → ${run.total <= 2000 ? 'met' : 'NOT met'}`);
  } finally {
    bare.stop();
    api.stop();
  }
  await registerInProcess();
}

/**
 * The handler + repo alone: the same burst dispatched through the router in this process (no HTTP, no JSON,
 * no session check), so the cost of class.register itself can be told apart from the host's.
 */
async function registerInProcess(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-classes-'));
  const app = await createApp({ dataDir, mode: 'dev' });
  try {
    const services = { store: app.store, mode: 'dev' as const, issueSession: () => '' };
    const admin = await app.store.members.findOrCreateByOpenid('dev-admin-hhht', '管理员');
    const now = Date.now();
    const cls = await app.router.dispatch('class.admin.publish', benchClass(now), { kind: 'session', memberId: admin.id }, services);
    const classId = (cls.body as any).data.id as number;
    const ids: number[] = [];
    for (let i = 0; i < BURST; i++) {
      const m = await app.store.members.findOrCreateByOpenid(`bench-inproc-${i}`, '家长');
      await app.store.members.recordConsent(m.id, PRIVACY_NOTICE_VERSION, new Date());
      ids.push(m.id);
    }
    const t0 = performance.now();
    const out = await Promise.all(
      ids.map((memberId, i) =>
        app.router.dispatch('class.register', { classId, answers: { phone: `139${String(i).padStart(8, '0')}` } }, { kind: 'session', memberId }, services),
      ),
    );
    const total = performance.now() - t0;
    const confirmed = out.filter((r) => r.status === 200 && (r.body as any).data.status === 'confirmed').length;
    console.log(
      `  in-process (router → handler → repo, no HTTP): ${BURST} class.register in ${fmt(total)} ms = ${fmt((total / BURST) * 1000)} µs each; ` +
        `${confirmed} confirmed, ${out.filter((r) => r.status !== 200).length} non-200`,
    );
  } finally {
    app.store.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
