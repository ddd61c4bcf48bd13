import { startHttpHost, type TestHost } from '../support/http';
import { classPayload } from '../support/classes';

/** Concurrency claims of 家长课堂, proved with real concurrent requests through the HTTP host. */
jest.setTimeout(60_000);

let host: TestHost;
let adminToken: string;

beforeAll(async () => {
  host = await startHttpHost();
  adminToken = await host.login('dev-admin-hhht');
});
afterAll(() => host.close());

async function publish(capacity: number, waitlistOpen = true): Promise<number> {
  const now = Date.now();
  const r = await host.post('class.admin.publish', classPayload(now, { title: `并发测试 ${capacity}`, capacity, waitlistOpen }), adminToken);
  expect(r.status).toBe(200);
  return r.body.data.id;
}

async function logins(prefix: string, n: number): Promise<string[]> {
  const tokens: string[] = [];
  for (let i = 0; i < n; i += 50) {
    tokens.push(...(await Promise.all(Array.from({ length: Math.min(50, n - i) }, (_, j) => host.login(`${prefix}-${i + j}`)))));
  }
  return tokens;
}

async function roster(classId: number) {
  const r = await host.post('class.admin.roster', { classId }, adminToken);
  expect(r.status).toBe(200);
  return r.body.data.entries as { id: number; memberId: number; status: string; position: number | null }[];
}

test('500 concurrent registrations for 30 seats: exactly 30 confirmed, waitlist positions 1..470 without gaps or duplicates', async () => {
  const classId = await publish(30);
  const tokens = await logins('burst', 500);
  const results = await Promise.all(tokens.map((t) => host.post('class.register', { classId, answers: {} }, t)));
  expect(results.every((r) => r.status === 200)).toBe(true);
  const confirmed = results.filter((r) => r.body.data.status === 'confirmed');
  const waitlisted = results.filter((r) => r.body.data.status === 'waitlisted');
  expect(confirmed).toHaveLength(30);
  expect(waitlisted.map((r) => r.body.data.position).sort((a, b) => a - b)).toEqual(Array.from({ length: 470 }, (_, i) => i + 1));

  const entries = await roster(classId);
  expect(entries.filter((e) => e.status === 'confirmed')).toHaveLength(30);
  const wl = entries.filter((e) => e.status === 'waitlisted');
  expect(wl.map((e) => e.position)).toEqual(Array.from({ length: 470 }, (_, i) => i + 1));
  // Arrival order: every confirmed registration came before every waitlisted one.
  expect(Math.max(...entries.filter((e) => e.status === 'confirmed').map((e) => e.id))).toBeLessThan(Math.min(...wl.map((e) => e.id)));
  const listed = await host.post('class.get', { classId }, tokens[0]);
  expect(listed.body.data).toMatchObject({ confirmedCount: 30, waitlistCount: 470 });
});

test('double taps: concurrent repeats by one member make exactly one registration', async () => {
  const classId = await publish(5);
  const tokens = await logins('tap', 40);
  const results = await Promise.all(tokens.flatMap((t) => Array.from({ length: 4 }, () => host.post('class.register', { classId, answers: {} }, t))));
  expect(results.filter((r) => r.status === 200)).toHaveLength(40);
  const dups = results.filter((r) => r.status !== 200);
  expect(dups).toHaveLength(120);
  expect(dups.every((r) => r.status === 409 && r.body.error.code === 'ALREADY_REGISTERED')).toBe(true);
  const entries = await roster(classId);
  expect(entries).toHaveLength(40);
  expect(new Set(entries.map((e) => e.memberId)).size).toBe(40);
  expect(entries.filter((e) => e.status === 'confirmed')).toHaveLength(5);
});

test('cancellations, promotions and new registrations racing never lose a seat or hand one out twice', async () => {
  const classId = await publish(10);
  const tokens = await logins('race', 40);
  const regs: { token: string; id: number; status: string }[] = [];
  for (const t of tokens) {
    const r = await host.post('class.register', { classId, answers: {} }, t);
    regs.push({ token: t, id: r.body.data.registration.id, status: r.body.data.status });
  }
  const latecomers = await logins('race-late', 20);
  const confirmedCancels = regs.slice(0, 8); // 8 of 10 seats given back
  const waitlistCancels = regs.filter((_, i) => i >= 10 && i % 3 === 0); // some waitlisted leave too
  const all = await Promise.all([
    ...confirmedCancels.map((r) => host.post('class.cancel', { registrationId: r.id }, r.token)),
    ...waitlistCancels.map((r) => host.post('class.cancel', { registrationId: r.id }, r.token)),
    // the same cancel tapped twice must not free two seats
    ...confirmedCancels.map((r) => host.post('class.cancel', { registrationId: r.id }, r.token)),
    ...latecomers.map((t) => host.post('class.register', { classId, answers: {} }, t)),
  ]);
  expect(all.every((r) => r.status === 200 || (r.status === 409 && r.body.error.code === 'ALREADY_CANCELLED'))).toBe(true);
  expect(all.filter((r) => r.body.ok && r.body.data.cancelled)).toHaveLength(confirmedCancels.length + waitlistCancels.length);

  const entries = await roster(classId);
  const active = entries.filter((e) => e.status !== 'cancelled').sort((a, b) => a.id - b.id);
  // Exactly capacity seats, held by the earliest active arrivals; the rest wait in arrival order, positions 1..n.
  expect(active.slice(0, 10).every((e) => e.status === 'confirmed')).toBe(true);
  expect(active.slice(10).map((e) => e.position)).toEqual(Array.from({ length: active.length - 10 }, (_, i) => i + 1));
  expect(entries.filter((e) => e.status === 'confirmed')).toHaveLength(10);
  const c = await host.post('class.get', { classId }, adminToken);
  expect(c.body.data.confirmedCount).toBe(10);
  // Each promotion told its member once.
  const promotedIds = all.filter((r) => r.body.ok && r.body.data.promotedRegistrationId).map((r) => r.body.data.promotedRegistrationId);
  expect(new Set(promotedIds).size).toBe(promotedIds.length);
});

test('an admin cannot lower capacity below the confirmed count, even while registrations arrive', async () => {
  const classId = await publish(20);
  const tokens = await logins('cap', 30);
  const [updates, regs] = await Promise.all([
    Promise.all([5, 10, 15, 25].map((capacity) => host.post('class.admin.update', { classId, capacity }, adminToken))),
    Promise.all(tokens.map((t) => host.post('class.register', { classId, answers: {} }, t))),
  ]);
  for (const u of updates) expect(u.status === 200 || (u.status === 409 && u.body.error.code === 'CAPACITY_BELOW_CONFIRMED')).toBe(true);
  const c = (await host.post('class.get', { classId }, adminToken)).body.data;
  const entries = await roster(classId);
  const confirmed = entries.filter((e) => e.status === 'confirmed').length;
  expect(confirmed).toBe(c.confirmedCount);
  expect(confirmed).toBeLessThanOrEqual(c.capacity);
  expect(regs.every((r) => r.status === 200)).toBe(true);
  const low = await host.post('class.admin.update', { classId, capacity: 1 }, adminToken);
  expect(low.status).toBe(409);
  expect(low.body.error.message).toMatch(/已有 \d+ 人确认报名，名额不能少于/);
});
