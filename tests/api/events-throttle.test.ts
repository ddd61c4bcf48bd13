import fs from 'node:fs';
import path from 'node:path';
import { freshMysqlDatabase, startTestApp, tempDir, testEngine, type TestApp } from '../support/app';
import { startChild, type Server } from '../bench/lib';
import { REPO_ROOT } from '../../cloud/app';
import { WRONG_CODE_WINDOW_MS } from '../../cloud/features/events/rules';

// The wrong-code limit (10 per member and event in any 5 minutes) lives in the database, not in a
// process's memory: it holds across host processes sharing it and across restarts.

const LIMIT_MSG = /^签到码输错次数太多，请 5 分钟后再试/;
const VENUE = { lat: 40.8175, lng: 111.6708 };
/** The real HTTP host as a child process, on the data dir (SQLite) or on the database at `databaseUrl` (STORE=mysql). */
const serve = (dir: string, databaseUrl?: string) => {
  const before = process.env.DATABASE_URL;
  if (databaseUrl) process.env.DATABASE_URL = databaseUrl; // the child inherits it at spawn
  try {
    return startChild([path.join(REPO_ROOT, 'tests/bench/serve.ts'), dir]);
  } finally {
    if (before === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = before;
  }
};

async function post(url: string, action: string, payload: unknown, token?: string) {
  const res = await fetch(`${url}/api/${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(payload),
  });
  return { status: res.status, body: (await res.json()) as any };
}
const login = async (url: string, openid: string) => (await post(url, 'auth.devLogin', { openid })).body.data.token as string;

describe('across host processes and restarts (real child processes on one database)', () => {
  const dir = tempDir();
  const servers: Server[] = [];
  let database: { url: string; drop: () => Promise<void> } | undefined;
  beforeAll(async () => {
    if (testEngine === 'mysql') database = await freshMysqlDatabase();
  });
  afterAll(async () => {
    for (const s of servers) s.stop();
    fs.rmSync(dir, { recursive: true, force: true });
    await database?.drop();
  });

  test('wrong codes made on two processes add up, survive a restart, and the limit is a Chinese 429', async () => {
    const a = await serve(dir, database?.url);
    servers.push(a);
    const b = await serve(dir, database?.url); // started after a has migrated and seeded the file
    servers.push(b);

    const admin = await login(a.url, 'dev-admin-nm');
    const now = Date.now();
    const ev = await post(
      a.url,
      'event.admin.publish',
      {
        orgId: '150000',
        title: '限次测试',
        type: '会员活动日',
        audience: 'all',
        points: 1,
        startsAt: new Date(now - 3600_000).toISOString(),
        endsAt: new Date(now + 3600_000).toISOString(),
        venue: { name: '新华广场', ...VENUE, radius: 300 },
      },
      admin,
    );
    expect(ev.status).toBe(200);
    const eventId = ev.body.data.id as number;
    const guesser = await login(a.url, 'guesser-proc');
    const code = async (url: string) => (await post(url, 'event.admin.code', { id: eventId }, admin)).body.data.code as string;
    const wrong = async (url: string) => {
      const right = await code(url);
      const guess = String((Number(right) + 1) % 1_000_000).padStart(6, '0');
      return post(url, 'event.checkin', { eventId, code: guess, location: VENUE }, guesser);
    };

    // 5 wrong codes on process a, 4 on process b: all answered "wrong", none limited yet.
    for (const url of [a.url, a.url, a.url, a.url, a.url, b.url, b.url, b.url, b.url]) {
      const r = await wrong(url);
      expect(r.body.error.code).toBe('CHECKIN_CODE_INVALID');
    }

    // Both processes stop; a fresh one opens the same file.
    a.stop();
    b.stop();
    const c = await serve(dir, database?.url);
    servers.push(c);
    expect((await wrong(c.url)).body.error.code).toBe('CHECKIN_CODE_INVALID'); // the 10th
    const limited = await post(c.url, 'event.checkin', { eventId, code: await code(c.url), location: VENUE }, guesser);
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ ok: false, error: { code: 'TOO_MANY_REQUESTS' } });
    expect(limited.body.error.message).toMatch(LIMIT_MSG);

    // Another member guessing concurrently on two processes: exactly 10 guesses are looked at.
    const d = await serve(dir, database?.url);
    servers.push(d);
    const other = await login(c.url, 'guesser-burst');
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => post(i % 2 ? c.url : d.url, 'event.checkin', { eventId, code: '000000', location: VENUE }, other)),
    );
    expect(results.filter((r) => r.status === 429).length).toBe(20);
    expect(results.filter((r) => r.body.error?.code === 'CHECKIN_CODE_INVALID' || r.body.error?.code === 'CHECKIN_CODE_EXPIRED').length).toBe(10);
  }, 180_000);
});

describe('the sliding window (in process, with a moving clock)', () => {
  let clock = Date.parse('2027-05-29T02:00:00.000Z');
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ now: () => new Date(clock) });
  });
  afterAll(() => app.close());

  test('attempts slide out after 5 minutes one by one; refusals for other reasons and check-ins do not count; rows are in the store', async () => {
    const start = clock;
    const ev = await app.as('dev-admin-nm').call('event.admin.publish', {
      orgId: '150000',
      title: '滑动窗口',
      type: '会员活动日',
      audience: 'all',
      points: 0,
      startsAt: new Date(clock - 3600_000).toISOString(),
      endsAt: new Date(clock + 3 * 3600_000).toISOString(),
      venue: { name: '新华广场', address: '', ...VENUE, radius: 200 },
      locationRequired: true,
    } as never);
    const right = async () => (await app.as('dev-admin-nm').call('event.admin.code', { id: ev.id })).code;
    const attempt = async (who: string, code: string, location = VENUE) => {
      const r = await app.as(who).raw('event.checkin', { eventId: ev.id, code, location });
      return r.body.ok ? 'OK' : (r.body as any).error.code;
    };
    const wrongCode = async () => String((Number(await right()) + 1) % 1_000_000).padStart(6, '0');

    // Far from the venue with the right code: refused for the place, never limited.
    for (let i = 0; i < 12; i++) expect(await attempt('slider', await right(), { lat: 41, lng: 111.6708 })).toBe('OUT_OF_RANGE');

    // 5 wrong codes now, 5 three minutes later.
    for (let i = 0; i < 5; i++) expect(await attempt('slider', await wrongCode())).toBe('CHECKIN_CODE_INVALID');
    clock = start + 3 * 60_000;
    for (let i = 0; i < 5; i++) expect(await attempt('slider', await wrongCode())).toBe('CHECKIN_CODE_INVALID');
    expect(await attempt('slider', await right())).toBe('TOO_MANY_REQUESTS');
    const slider = await app.store.members.findOrCreateByOpenid('slider', '微信用户');
    expect(await app.store.events.wrongCodeCount(ev.id, slider.id, new Date(clock), WRONG_CODE_WINDOW_MS)).toBe(10);

    // 5 min after the first five: those slide out, the later five still count (a fixed window would forgive all ten).
    clock = start + 5 * 60_000 + 1000;
    for (let i = 0; i < 5; i++) expect(await attempt('slider', await wrongCode())).toBe('CHECKIN_CODE_INVALID');
    expect(await attempt('slider', await right())).toBe('TOO_MANY_REQUESTS');

    // Once the window has passed, the right code checks in.
    clock = start + 11 * 60_000;
    expect(await attempt('slider', await right())).toBe('OK');
    // Another member is not affected by this one's guesses.
    clock = start + 3 * 60_000;
    expect(await attempt('bystander', await right())).toBe('OK');
  });
});
