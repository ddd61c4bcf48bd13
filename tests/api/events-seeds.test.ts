import { startTestApp, type TestApp } from '../support/app';

// The seeds the issue asks for: a 2026 5·29 at 自治区 level, a few 盟市 and 村 events, and a plain notice.
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

test('seeded events and notices cover every level the issue names', async () => {
  const { items } = await app.as('dev-admin-nm').call('event.list', { when: 'all', scope: 'manage', limit: 100 });
  const events = items.filter((e) => e.kind === 'event' && e.published);
  const memberDay2026 = events.find((e) => e.type === '会员活动日' && e.startsAt.startsWith('2026-05-29'));
  expect(memberDay2026).toMatchObject({ org: { id: '150000' }, title: expect.stringContaining('5·29') });
  const league = events.filter((e) => /^15\d\d00$/.test(e.org.id) && e.org.id !== '150000'); // 盟市
  expect(new Set(league.map((e) => e.org.id)).size).toBeGreaterThanOrEqual(3);
  const village = events.filter((e) => /^\d{12}$/.test(e.org.id)); // 村(社区)
  expect(village.length).toBeGreaterThanOrEqual(3);
  expect(new Set(village.map((e) => e.org.id)).size).toBeGreaterThanOrEqual(2);
  expect(items.some((e) => e.kind === 'notice' && e.published)).toBe(true);
});
