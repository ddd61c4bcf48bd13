import type { Browser } from 'playwright-core';
import { devLogin, openRoute, phonePage, screenshot, startH5Journey, stopH5Journey, tap, taroInput } from '../support/browser';
import type { TestHost } from '../support/http';
import { openSqliteStore } from '../../cloud/adapters/sqlite/sqlite';
import { codeSigner, windowOf } from '../../cloud/features/events/codes';

let host: TestHost;
let browser: Browser;

beforeAll(async () => {
  ({ host, browser } = await startH5Journey());
});
afterAll(() => stopH5Journey({ host, browser }));

test('admin publishes a Member Day event and runs the screen; a member types the code; the count goes up; an old code is refused', async () => {
  const errors: string[] = [];
  const admin = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  admin.on('pageerror', (e) => errors.push(e.message));
  await devLogin(admin, host.url, 'dev-admin-nm', '自治区管理员');
  // 首页 shows the seeded 2027 5·29 with a countdown.
  await admin.getByText('2027年5月29日 · 2027年“5·29会员活动日”主题宣传活动').waitFor();
  await screenshot(admin, 'events-01-home-card');

  // A full load of the route: a hash change alone leaves the animated 首页 underneath mid-transition.
  await openRoute(admin, host.url, '/packages/admin/events/index');
  await admin.getByText('发布活动 / 通知').click();
  await taroInput(admin, 'title').waitFor();
  await admin.getByText('内蒙古自治区计划生育协会', { exact: true }).waitFor(); // the publishing org, from the admin's profile
  await taroInput(admin, 'title').fill('E2E 会员活动日现场签到');
  await admin.getByText('所有会员').click();
  await taroInput(admin, 'venueName').fill('乌丹镇文化广场');
  await taroInput(admin, 'points').fill('15');
  await admin.locator('taro-textarea-core textarea, textarea[name="body"]').first().fill('## 欢迎参加\n\n- 现场签到得积分');
  await screenshot(admin, 'events-02-publish-form');
  await admin.getByText('发布', { exact: true }).last().click();
  const card = admin.locator('.admin-events__item', { hasText: 'E2E 会员活动日现场签到' });
  await card.waitFor({ timeout: 10000 }).catch(async (e) => {
    await screenshot(admin, 'events-02b-after-publish');
    throw e;
  });
  await card.getByText('签到大屏').click();

  const codeEl = admin.locator('.screen__code');
  await admin.waitForFunction(() => /\d{3} \d{3}/.test(document.querySelector('.screen__code')?.textContent ?? ''));
  await admin.locator('.qr').waitFor();
  await screenshot(admin, 'events-03-screen-before');
  expect((await admin.locator('.screen__count').textContent())?.trim()).toBe('0');

  // The member finds the event and types the current code.
  const member = await phonePage(browser);
  member.on('pageerror', (e) => errors.push(e.message));
  await devLogin(member, host.url, 'e2e-ev-member', '萨仁');
  await openRoute(member, host.url, '/packages/events/index');
  await tap(member.locator('.events__item', { hasText: 'E2E 会员活动日现场签到' }));
  await member.getByText('我要参加（0人）').click();
  await member.getByText('已报名参加（1人）').waitFor();
  const code = ((await codeEl.textContent()) ?? '').replace(/\D/g, '');
  expect(code).toMatch(/^\d{6}$/);
  await taroInput(member, 'checkinCode').fill(code);
  await member.locator('.checkin__submit').click();
  await member.getByText('✓ 已签到').waitFor();
  await member.getByText('已获得 15 积分').waitFor();
  await screenshot(member, 'events-04-member-checked-in');

  // The organiser's count goes up within one refresh (every 3 s) with the member's name.
  await admin.locator('.screen__count', { hasText: /^\s*1\s*$/ }).waitFor({ timeout: 8000 });
  await admin.locator('.screen__name', { hasText: '萨*' }).waitFor();
  await screenshot(admin, 'events-05-screen-after');

  // A code from two windows ago (a forwarded screenshot a minute old) is refused.
  const eventId = Number(new URL(admin.url().replace('#', '')).searchParams.get('id'));
  const store = openSqliteStore(host.dataDir);
  const secret = (await store.events.codeSecret()) as Buffer;
  store.close();
  const stale = codeSigner(secret).digits(eventId, windowOf(Date.now()) - 2);
  const late = await phonePage(browser);
  late.on('pageerror', (e) => errors.push(e.message));
  await devLogin(late, host.url, 'e2e-ev-late', '迟到的会员');
  await openRoute(late, host.url, '/packages/events/index');
  await tap(late.locator('.events__item', { hasText: 'E2E 会员活动日现场签到' }));
  await late.locator('.checkin__title').waitFor();
  await screenshot(late, 'events-06a-detail');
  await taroInput(late, 'checkinCode').fill(stale);
  await late.locator('.checkin__submit').click();
  await late.getByText(/签到码已过期/).waitFor();
  await screenshot(late, 'events-06-stale-code-refused');
  expect((await admin.locator('.screen__count').textContent())?.trim()).toBe('1');

  // 我的签到 lists it.
  await openRoute(member, host.url, '/packages/events/mine/index');
  await member.locator('.events__item', { hasText: '+15 积分' }).filter({ hasText: 'E2E 会员活动日现场签到' }).waitFor();
  await screenshot(member, 'events-07-my-checkins');
  expect(errors).toEqual([]);
});
