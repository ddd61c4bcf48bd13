/**
 * Several hosts, one MySQL: two real HTTP host processes (the command `npm run serve` runs) share one MariaDB
 * database. Seats, check-ins and the wrong-code limit hold across both, sessions issued by one are honoured by the
 * other, and a host killed with SIGKILL mid-burst loses no write it acknowledged while the other keeps answering.
 */
import { freshMysqlDatabase } from '../support/app';
import { startHostProcess, type HostProcess } from '../support/host-process';
import { classPayload } from '../support/classes';

jest.setTimeout(240_000);

const H = 3600_000;
let database: { url: string; drop: () => Promise<void> };
let a: HostProcess;
let b: HostProcess;
let adminA: string;

beforeAll(async () => {
  database = await freshMysqlDatabase();
  // Both start at the same moment on an empty database: migrations and seeds must run once between them.
  [a, b] = await Promise.all([startHostProcess({ DATABASE_URL: database.url }), startHostProcess({ DATABASE_URL: database.url })]);
  adminA = await a.login('dev-admin-hhht');
});
afterAll(async () => {
  await Promise.all([a?.kill(), b?.kill()]);
  await database?.drop();
});

/** Logs members in, alternating hosts, `width` at a time. */
async function logins(prefix: string, n: number, width = 50): Promise<string[]> {
  const tokens: string[] = [];
  for (let i = 0; i < n; i += width) {
    tokens.push(...(await Promise.all(Array.from({ length: Math.min(width, n - i) }, (_, j) => ((i + j) % 2 ? b : a).login(`${prefix}-${i + j}`)))));
  }
  return tokens;
}

/** Runs `tasks` at most `width` at a time, in order of start. */
async function pooled<T>(tasks: (() => Promise<T>)[], width: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < tasks.length) {
        const i = next++;
        results[i] = await tasks[i]();
      }
    }),
  );
  return results;
}

test('both hosts started together on an empty database: one schema, one set of seed data, and either host honours the other’s sessions', async () => {
  const treeA = await a.post('org.tree', {});
  const treeB = await b.post('org.tree', {});
  expect(treeA.status).toBe(200);
  expect(treeB.body.data).toEqual(treeA.body.data);
  const classesA = await a.post('class.list', { where: 'all', includePast: true }, adminA);
  const classesB = await b.post('class.list', { where: 'all', includePast: true }, adminA);
  expect(classesB.status).toBe(200);
  const titles = classesA.body.data.classes.map((c: { title: string }) => c.title);
  expect(titles.length).toBeGreaterThan(0);
  expect(classesB.body.data.classes.length).toBe(titles.length);
  // Seeds ran once: no class twice.
  expect(new Set(titles).size).toBe(titles.length);
  const me = await b.post('member.me', {}, adminA);
  expect(me.status).toBe(200);
  expect(me.body.data.openid ?? me.body.data.nickname).toBeTruthy();
});

test('2,000 registrations for 50 seats split across both hosts: exactly 50 confirmed, waitlist positions unique and gapless', async () => {
  const now = Date.now();
  const published = await a.post('class.admin.publish', classPayload(now, { title: '两台主机抢座', capacity: 50 }), adminA);
  expect(published.status).toBe(200);
  const classId = published.body.data.id as number;
  const tokens = await logins('seat', 2000);
  const started = Date.now();
  const results = await Promise.all(tokens.map((t, i) => (i % 2 ? a : b).post('class.register', { classId, answers: {} }, t)));
  const seconds = (Date.now() - started) / 1000;
  expect(results.filter((r) => r.status !== 200).map((r) => r.body)).toEqual([]);
  expect(results.filter((r) => r.body.data.status === 'confirmed')).toHaveLength(50);
  const positions = results.filter((r) => r.body.data.status === 'waitlisted').map((r) => r.body.data.position as number);
  expect(positions.sort((x, y) => x - y)).toEqual(Array.from({ length: 1950 }, (_, i) => i + 1));
  const roster = await b.post('class.admin.roster', { classId }, adminA);
  const entries = roster.body.data.entries as { status: string; position: number | null }[];
  expect(entries.filter((e) => e.status === 'confirmed')).toHaveLength(50);
  expect(entries.filter((e) => e.status === 'waitlisted').map((e) => e.position)).toEqual(Array.from({ length: 1950 }, (_, i) => i + 1));
  console.log(`2,000-way seat race on two hosts answered in ${seconds.toFixed(2)} s`);
});

async function publishEvent(title: string) {
  const now = Date.now();
  const admin = await a.login('dev-admin-nm');
  const ev = await a.post(
    'event.admin.publish',
    {
      orgId: '150000',
      title,
      type: '会员活动日',
      audience: 'all',
      points: 3,
      startsAt: new Date(now - H).toISOString(),
      endsAt: new Date(now + H).toISOString(),
      venue: { name: '新华广场', lat: 40.8175, lng: 111.6708, radius: 300 },
      locationRequired: true,
    },
    admin,
  );
  expect(ev.status).toBe(200);
  const id = ev.body.data.id as number;
  const code = async () => (await b.post('event.admin.code', { id }, admin)).body.data.code as string;
  return { id, admin, code };
}
const here = { lat: 40.8176, lng: 111.6709 };

test('500 check-ins across both hosts (each sent twice, once to each host) are counted exactly 500', async () => {
  const ev = await publishEvent('两台主机签到');
  const tokens = await logins('checkin', 500);
  const code = await ev.code();
  const payload = { eventId: ev.id, code, location: here };
  const results = await Promise.all(tokens.flatMap((t) => [a.post('event.checkin', payload, t), b.post('event.checkin', payload, t)]));
  expect(results.filter((r) => r.status !== 200).map((r) => r.body)).toEqual([]);
  expect(results.filter((r) => r.body.data.firstTime)).toHaveLength(500);
  for (const host of [a, b]) expect((await host.post('event.admin.live', { id: ev.id }, ev.admin)).body.data.count).toBe(500);
});

test('the wrong-code limit holds across both hosts', async () => {
  const ev = await publishEvent('两台主机错码');
  const [token] = await logins('wrong-code', 1);
  const right = await ev.code();
  const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0');
  const answers = [];
  for (let i = 0; i < 12; i++) answers.push(await (i % 2 ? a : b).post('event.checkin', { eventId: ev.id, code: wrong, location: here }, token));
  const codes = answers.map((r) => r.body.error?.code);
  // Ten wrong codes are told they are wrong; from the eleventh on, on whichever host, the member must wait.
  expect(codes.slice(0, 10).every((c) => c && c !== codes[11])).toBe(true);
  expect(answers[10].status).toBe(429);
  expect(answers[11].status).toBe(429);
  // Even the right code waits out the limit.
  expect((await a.post('event.checkin', { eventId: ev.id, code: right, location: here }, token)).status).toBe(429);
});

test('a host killed with SIGKILL mid-burst loses no acknowledged check-in, and the other host keeps answering', async () => {
  const ev = await publishEvent('主机宕机签到');
  const tokens = await logins('kill9', 600);
  const code = await ev.code();
  const payload = { eventId: ev.id, code, location: here };
  let ackedOnA = 0;
  let killed: Promise<void> | undefined;
  const send = (host: HostProcess, token: string) => async () => {
    try {
      const r = await host.post('event.checkin', payload, token);
      if (host === a && r.status === 200 && ++ackedOnA === 100) killed = a.kill('SIGKILL');
      return { host, token, status: r.status };
    } catch {
      return { host, token, status: 0 }; // the connection died with the host: not acknowledged
    }
  };
  const results = await pooled(
    tokens.map((t, i) => send(i % 2 ? b : a, t)),
    40,
  );
  await killed;
  expect(a.child.signalCode).toBe('SIGKILL');
  const onB = results.filter((r) => r.host === b);
  expect(onB.every((r) => r.status === 200)).toBe(true);
  const acked = results.filter((r) => r.status === 200);
  expect(acked.filter((r) => r.host === a).length).toBeGreaterThanOrEqual(100);
  expect(results.some((r) => r.host === a && r.status === 0)).toBe(true);
  // Every acknowledged check-in is there: checking in again on the surviving host says it was already recorded.
  const again = await pooled(
    acked.map((r) => () => b.post('event.checkin', payload, r.token)),
    40,
  );
  expect(again.filter((r) => r.status !== 200 || r.body.data.firstTime !== false)).toEqual([]);
  const live = await b.post('event.admin.live', { id: ev.id }, ev.admin);
  expect(live.body.data.count).toBeGreaterThanOrEqual(acked.length);
  // Bring a replacement up on the same database, as an orchestrator would.
  a = await startHostProcess({ DATABASE_URL: database.url });
  expect((await a.post('event.admin.live', { id: ev.id }, ev.admin)).body.data.count).toBe(live.body.data.count);
});
