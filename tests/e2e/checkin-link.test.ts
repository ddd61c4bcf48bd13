/**
 * A check-in link end to end in Chromium: the 大屏 draws the rotating QR; a screenshot of it is decoded with jsqr
 * (as a phone camera would); the link it holds, opened in a browser, lands on the H5 check-in page (GET /c/… → the
 * page with `q`), which verifies it with the server and checks the member in.
 */
import jsQR from 'jsqr';
import type { Browser, Page } from 'playwright-core';
import { devLogin, openRoute, phonePage, screenshot, startH5Journey, stopH5Journey, tap, taroInput } from '../support/browser';
import type { TestHost } from '../support/http';
import { checkinLinkParts } from '../../cloud/contracts/events-shared';
import { PRIVACY_NOTICE_VERSION } from '../../cloud/contracts/privacy';

const { PNG } = require('pngjs') as { PNG: { sync: { read(b: Buffer): { width: number; height: number; data: Buffer } } } };

let host: TestHost;
let browser: Browser;
const saved = process.env.CHECKIN_LINK_BASE;

beforeAll(async () => {
  ({ host, browser } = await startH5Journey());
  // The link base is the host itself, so the browser can follow the link.
  process.env.CHECKIN_LINK_BASE = `${host.url}/c`;
});
afterAll(async () => {
  process.env.CHECKIN_LINK_BASE = saved;
  await stopH5Journey({ host, browser });
});

test('a QR read from a 大屏 screenshot opens the H5 check-in page and checks the member in', async () => {
  const errors: string[] = [];
  const admin = await host.login('dev-admin-nm');
  const eventId = await liveEvent('E2E 链接签到', admin);

  const screen = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  screen.on('pageerror', (e) => errors.push(e.message));
  await devLogin(screen, host.url, 'dev-admin-nm', '自治区管理员');
  const decoded = await scanScreen(screen, eventId, 'checkin-link-01-screen');
  expect(decoded).not.toBeNull();
  const link = decoded!.data;
  expect(link.startsWith(`${host.url}/c/${eventId}/`)).toBe(true);
  expect(checkinLinkParts(link)?.eventId).toBe(eventId);

  const member = await phonePage(browser);
  member.on('pageerror', (e) => errors.push(e.message));
  await devLogin(member, host.url, 'e2e-link-member', '乌云');
  // What a phone's browser does with the scanned link.
  await member.goto('about:blank');
  await member.goto(link);
  await member.getByText('✓ 已签到').waitFor({ timeout: 15000 });
  await member.getByText('E2E 链接签到').first().waitFor();
  await screenshot(member, 'checkin-link-02-member-checked-in');
  expect(member.url()).toContain(`/packages/events/detail/index?id=${eventId}`);

  const mine = await host.post('event.myCheckins', {}, await host.login('e2e-link-member'));
  expect(mine.body.data.items.map((c: { eventId: number }) => c.eventId)).toContain(eventId);
  await screen.locator('.screen__count', { hasText: /^\s*1\s*$/ }).waitFor({ timeout: 8000 });
  expect(errors).toEqual([]);
});

test('a member not signed in who opens a check-in link is brought back to it after logging in, and checked in', async () => {
  const admin = await host.login('dev-admin-nm');
  const eventId = await liveEvent('E2E 登录后签到', admin);
  const screen = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  await host.post('member.consent', { version: PRIVACY_NOTICE_VERSION }, admin);
  await devLogin(screen, host.url, 'dev-admin-nm', '自治区管理员', { privacyNotice: false });
  const link = (await scanScreen(screen, eventId))!.data;

  // A phone that has never signed in here: the link opens the login page, which keeps where it was going.
  const member = await phonePage(browser);
  await member.goto(link);
  await member.getByText('开发环境登录').waitFor();
  expect(decodeURIComponent(member.url())).toContain(`back=/packages/events/detail/index?id=${eventId}`);
  await taroInput(member, 'openid').fill('e2e-link-newcomer');
  await taroInput(member, 'nickname').fill('其其格');
  await tap(member.getByText('登录', { exact: true }).last());
  await member.getByText('✓ 已签到').waitFor({ timeout: 15000 });
  await member.getByText('E2E 登录后签到').first().waitFor();
  await screenshot(member, 'checkin-link-03-after-login');
  const mine = await host.post('event.myCheckins', {}, await host.login('e2e-link-newcomer'));
  expect(mine.body.data.items.map((c: { eventId: number }) => c.eventId)).toContain(eventId);
  await screen.close();
});

/** A 会员活动日 under way now, published for all by the 自治区 organiser: its id. */
async function liveEvent(title: string, admin: string): Promise<number> {
  const now = Date.now();
  const published = await host.post(
    'event.admin.publish',
    {
      orgId: '150000',
      title,
      type: '会员活动日',
      startsAt: new Date(now - 3600_000).toISOString(),
      endsAt: new Date(now + 3600_000).toISOString(),
      venue: { name: '新华广场', address: '' },
      audience: 'all',
      points: 5,
    },
    admin,
  );
  return published.body.data.id as number;
}

/** Opens the event's 大屏 on the organiser's page and reads its QR from a screenshot, as a phone camera would. */
async function scanScreen(screen: Page, eventId: number, picture?: string) {
  await openRoute(screen, host.url, `/packages/admin/events/screen?id=${eventId}`);
  const qr = screen.locator('.qr').first();
  await qr.waitFor();
  await screen.waitForFunction(() => /\d{3} \d{3}/.test(document.querySelector('.screen__code')?.textContent ?? ''));
  if (picture) await screenshot(screen, picture);
  const png = PNG.sync.read(await qr.screenshot());
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
}
