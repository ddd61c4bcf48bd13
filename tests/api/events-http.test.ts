import { startHttpHost, type TestHost } from '../support/http';
import { sqlOf } from '../support/app';

let host: TestHost;
beforeAll(async () => {
  // 2,000 connections open at once: the host listens with LISTEN_BACKLOG (node's default of 511 let the kernel's
  // SYN cookies through connections the server never accepted: read ECONNRESET on a loaded machine).
  host = await startHttpHost();
});
afterAll(() => host.close());

test('1,000 members checking in at once over HTTP (each twice) are each counted exactly once', async () => {
  const admin = await host.login('dev-admin-nm');
  const now = Date.now();
  const ev = await host.post(
    'event.admin.publish',
    {
      orgId: '150000',
      title: '并发签到测试',
      type: '会员活动日',
      audience: 'all',
      points: 3,
      startsAt: new Date(now - 3600_000).toISOString(),
      endsAt: new Date(now + 3600_000).toISOString(),
      venue: { name: '新华广场', lat: 40.8175, lng: 111.6708, radius: 300 },
      locationRequired: true,
    },
    admin,
  );
  expect(ev.status).toBe(200);
  const eventId = ev.body.data.id as number;

  const tokens: string[] = [];
  for (let i = 0; i < 1000; i += 100) tokens.push(...(await Promise.all(Array.from({ length: 100 }, (_, j) => host.login(`conc-${i + j}`)))));
  const code = (await host.post('event.admin.code', { id: eventId }, admin)).body.data.code as string;

  const payload = { eventId, code, location: { lat: 40.8176, lng: 111.6709 } };
  const results = await Promise.all([...tokens, ...tokens].map((t) => host.post('event.checkin', payload, t)));
  expect(results.filter((r) => r.status !== 200)).toEqual([]);
  expect(results.filter((r) => r.body.data.firstTime).length).toBe(1000);

  const live = await host.post('event.admin.live', { id: eventId }, admin);
  expect(live.body.data.count).toBe(1000);
  const sql = sqlOf(host.app);
  expect(await sql.value('SELECT COUNT(*) FROM event_checkins WHERE event_id = ?', eventId)).toBe(1000);
  expect(await sql.value('SELECT COUNT(*) FROM points_ledger WHERE ref_key LIKE ?', `event:checkin:${eventId}:%`)).toBe(1000);
  expect(await sql.value('SELECT COUNT(DISTINCT member_id) FROM event_checkins WHERE event_id = ?', eventId)).toBe(1000);
});
