import { createApp, type App } from '../../cloud/app';
import { startTestApp, sqlOf, testStoreChoice, type TestApp } from '../support/app';

// Check-ins under contention, on whichever engine the suite runs on (STORE=mysql: MariaDB): the UNIQUE
// check-in row and the points paid in its transaction hold for a hall at once, for one member's many taps,
// and the wrong-code limit holds across two app instances sharing one database (as two hosts would).

const NOW = Date.parse('2027-05-29T02:00:00.000Z');
const VENUE = { lat: 40.8175, lng: 111.6708 };
const now = () => new Date(NOW);

async function publishEvent(app: Pick<TestApp, 'as'>, title: string) {
  return app.as('dev-admin-nm').call('event.admin.publish', {
    orgId: '150000',
    title,
    type: '会员活动日',
    audience: 'all',
    points: 3,
    startsAt: new Date(NOW - 3600_000).toISOString(),
    endsAt: new Date(NOW + 3600_000).toISOString(),
    venue: { name: '新华广场', ...VENUE, radius: 300 },
    locationRequired: true,
  });
}

describe('one app', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ now });
  });
  afterAll(() => app.close());

  test('500 members checking in at once are 500 check-ins with 500 points rows', async () => {
    const ev = await publishEvent(app, '五百人同时签到');
    const { code } = await app.as('dev-admin-nm').call('event.admin.code', { id: ev.id });
    const openids = Array.from({ length: 500 }, (_, i) => `hall-${i}`);
    for (let i = 0; i < openids.length; i += 100) await Promise.all(openids.slice(i, i + 100).map((o) => app.as(o).call('member.me', {})));

    const results = await Promise.all(openids.map((o) => app.as(o).raw('event.checkin', { eventId: ev.id, code, location: VENUE })));
    expect(results.filter((r) => r.status !== 200)).toEqual([]);
    expect(results.filter((r) => (r.body as any).data.firstTime).length).toBe(500);
    expect((await app.as('dev-admin-nm').call('event.admin.live', { id: ev.id })).count).toBe(500);
    expect(await app.sql.value('SELECT COUNT(*) FROM event_checkins WHERE event_id = ?', ev.id)).toBe(500);
    expect(await app.sql.value('SELECT COUNT(*) FROM points_ledger WHERE ref_key LIKE ?', `event:checkin:${ev.id}:%`)).toBe(500);
    expect(await app.sql.value('SELECT SUM(delta) FROM points_ledger WHERE ref_key LIKE ?', `event:checkin:${ev.id}:%`)).toBe(1500);
  });

  test('one member tapping 20 times at once: one check-in, one points row, every answer the same time', async () => {
    const ev = await publishEvent(app, '连点二十次');
    const { code } = await app.as('dev-admin-nm').call('event.admin.code', { id: ev.id });
    const before = (await app.as('tapper').call('member.me', {})).points;
    const results = await Promise.all(Array.from({ length: 20 }, () => app.as('tapper').raw('event.checkin', { eventId: ev.id, code, location: VENUE })));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
    const data = results.map((r) => (r.body as any).data);
    expect(data.filter((d) => d.firstTime).length).toBe(1);
    expect(new Set(data.map((d) => d.checkedInAt)).size).toBe(1);
    expect(await app.sql.value('SELECT COUNT(*) FROM event_checkins WHERE event_id = ?', ev.id)).toBe(1);
    expect(await app.sql.value('SELECT COUNT(*) FROM points_ledger WHERE ref_key LIKE ?', `event:checkin:${ev.id}:%`)).toBe(1);
    expect((await app.as('tapper').call('member.me', {})).points).toBe(before + 3);
  });
});

describe('two app instances on one database', () => {
  // Two apps opened on the same store, as two hosts would be (the second finds the schema and seeds done).
  let apps: App[] = [];
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    const store = await testStoreChoice();
    dispose = store.dispose;
    const first = await createApp({ dataDir: store.dataDir, mode: 'dev', store: store.choice });
    const second = await createApp({ dataDir: store.dataDir, mode: 'dev', store: store.choice });
    apps = [first, second];
  });
  afterAll(async () => {
    for (const app of apps) await app.store.close();
    await dispose();
  });
  const as = (app: App, openid: string) => ({
    raw: (action: string, payload: unknown) => app.router.dispatch(action, payload, { kind: 'openid', openid }, { store: app.store, mode: 'dev', now }),
    async call(action: string, payload: unknown): Promise<any> {
      const r = await app.router.dispatch(action, payload, { kind: 'openid', openid }, { store: app.store, mode: 'dev', now });
      if (!r.body.ok) throw new Error(`${action}: ${r.body.error.code}`);
      return r.body.data;
    },
  });

  test('wrong codes spread over both add up: 10 are judged, then every code (the right one too) is refused on either', async () => {
    const [a, b] = apps;
    const ev = await publishEvent({ as: (openid) => as(a, openid) as never }, '两台主机限次');
    const right = (await as(b, 'dev-admin-nm').call('event.admin.code', { id: ev.id })).code as string;
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0');
    await as(a, 'guesser-2hosts').call('member.me', {});

    // 5 on each, one after another: all "wrong".
    for (const app of [a, b, a, b, a, b, a, b, a, b]) {
      const r = await as(app, 'guesser-2hosts').raw('event.checkin', { eventId: ev.id, code: wrong, location: VENUE });
      expect((r.body as any).error.code).toBe('CHECKIN_CODE_INVALID');
    }
    for (const app of [a, b]) {
      const r = await as(app, 'guesser-2hosts').raw('event.checkin', { eventId: ev.id, code: right, location: VENUE });
      expect(r.status).toBe(429);
      expect((r.body as any).error.code).toBe('TOO_MANY_REQUESTS');
    }

    // Another member guessing 30 times at once, half on each: exactly 10 are looked at.
    await as(b, 'guesser-2hosts-burst').call('member.me', {});
    const burst = await Promise.all(
      Array.from({ length: 30 }, (_, i) => as(i % 2 ? a : b, 'guesser-2hosts-burst').raw('event.checkin', { eventId: ev.id, code: wrong, location: VENUE })),
    );
    expect(burst.filter((r) => r.status === 429).length).toBe(20);
    expect(burst.filter((r) => (r.body as any).error?.code === 'CHECKIN_CODE_INVALID').length).toBe(10);
    expect(await sqlOf(a).value('SELECT COUNT(*) FROM event_checkins WHERE event_id = ?', ev.id)).toBe(0);
  });
});
