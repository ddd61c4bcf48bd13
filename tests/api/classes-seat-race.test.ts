import { startTestApp, type TestApp } from '../support/app';
import { classPayload } from '../support/classes';

/**
 * The seat race, on both engines (the api project runs it on SQLite, api-mysql on the test MariaDB): 2,000
 * concurrent class.register calls for 50 seats. On MySQL each is its own transaction on a pool of connections,
 * all queueing on the class row's lock; on SQLite they share group commits.
 */
jest.setTimeout(180_000);

const SEATS = 50;
const PARENTS = 2000;
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

type Entry = { id: number; memberId: number | null; status: string; position: number | null };

async function inBatches<T>(n: number, size: number, one: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < n; i += size) out.push(...(await Promise.all(Array.from({ length: Math.min(size, n - i) }, (_, j) => one(i + j)))));
  return out;
}

test('2,000 concurrent registrations for 50 seats: exactly 50 confirmed, waitlist 1..1950; concurrent cancels promote each parent at most once', async () => {
  const admin = app.as('dev-admin-hhht');
  const now = Date.now();
  const c = await admin.call('class.admin.publish', classPayload(now, { title: '座位争抢', capacity: SEATS }));
  const parent = (i: number) => app.as(`race-${i}`);
  await inBatches(PARENTS, 200, (i) => parent(i).call('member.me', {})); // accounts first: the race is about seats

  const results = await Promise.all(Array.from({ length: PARENTS }, (_, i) => parent(i).call('class.register', { classId: c.id, answers: {} })));
  expect(results.filter((r) => r.status === 'confirmed')).toHaveLength(SEATS);
  const positions = results.filter((r) => r.status === 'waitlisted').map((r) => r.position!);
  expect([...positions].sort((a, b) => a - b)).toEqual(Array.from({ length: PARENTS - SEATS }, (_, i) => i + 1));

  const roster = async () => (await admin.call('class.admin.roster', { classId: c.id })).entries as Entry[];
  let entries = await roster();
  expect(entries.filter((e) => e.status === 'confirmed')).toHaveLength(SEATS);
  expect(entries.filter((e) => e.status === 'waitlisted').map((e) => e.position)).toEqual(Array.from({ length: PARENTS - SEATS }, (_, i) => i + 1));
  expect(await app.sql.value('SELECT confirmed_count FROM classes WHERE id = ?', c.id)).toBe(SEATS);
  expect(await app.sql.value('SELECT waitlist_count FROM classes WHERE id = ?', c.id)).toBe(PARENTS - SEATS);

  // 30 confirmed parents give their seats back while 20 of the first waitlisted leave the queue, all at once,
  // each cancel sent twice (a double tap): every seat goes to exactly one waitlisted parent, nobody is promoted twice.
  const byId = new Map(results.map((r, i) => [r.registration.id, i]));
  const confirmedRegs = results
    .filter((r) => r.status === 'confirmed')
    .slice(0, 30)
    .map((r) => r.registration.id);
  const leavingRegs = results.filter((r) => r.status === 'waitlisted' && r.position! <= 40 && r.position! % 2 === 0).map((r) => r.registration.id);
  expect(leavingRegs).toHaveLength(20);
  const cancels = [...confirmedRegs, ...leavingRegs].flatMap((id) => [id, id]).map((id) => parent(byId.get(id)!).raw('class.cancel', { registrationId: id }));
  const answers = await Promise.all(cancels);
  expect(answers.filter((a) => a.status === 200)).toHaveLength(50);
  expect(answers.filter((a) => a.status !== 200).map((a) => (a.body as { error: { code: string } }).error.code)).toEqual(Array(50).fill('ALREADY_CANCELLED'));
  // A leaving parent may have been promoted a moment before their own cancel: then their cancel frees a seat too.
  const promoted = answers
    .map((a) => (a.body as { data?: { promotedRegistrationId: number | null } }).data?.promotedRegistrationId)
    .filter((id): id is number => typeof id === 'number');
  expect(promoted.length).toBeGreaterThanOrEqual(30);
  expect(new Set(promoted).size).toBe(promoted.length);

  entries = await roster();
  const waiting = entries.filter((e) => e.status === 'waitlisted');
  expect(entries.filter((e) => e.status === 'confirmed')).toHaveLength(SEATS);
  expect(waiting.map((e) => e.position)).toEqual(Array.from({ length: PARENTS - SEATS - 50 }, (_, i) => i + 1));
  // First come, first promoted: everyone promoted queued before everyone still waiting, who keep their order.
  const queuedAt = new Map(results.filter((r) => r.status === 'waitlisted').map((r) => [r.registration.id, r.position!]));
  const lastPromoted = Math.max(...promoted.map((id) => queuedAt.get(id)!));
  expect(Math.min(...waiting.map((e) => queuedAt.get(e.id)!))).toBeGreaterThan(lastPromoted);
  expect(waiting.map((e) => queuedAt.get(e.id)!)).toEqual([...waiting.map((e) => queuedAt.get(e.id)!)].sort((a, b) => a - b));
  // One message per promotion, one per parent: nobody was promoted twice.
  expect(await app.sql.value(`SELECT COUNT(*) FROM class_messages WHERE class_id = ? AND kind = 'promoted'`, c.id)).toBe(promoted.length);
  expect(await app.sql.value(`SELECT COUNT(DISTINCT member_id) FROM class_messages WHERE class_id = ? AND kind = 'promoted'`, c.id)).toBe(promoted.length);
  expect(await app.sql.value('SELECT confirmed_count FROM classes WHERE id = ?', c.id)).toBe(SEATS);
  expect(await app.sql.value('SELECT waitlist_count FROM classes WHERE id = ?', c.id)).toBe(PARENTS - SEATS - 50);
});
