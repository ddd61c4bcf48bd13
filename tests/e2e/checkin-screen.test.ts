import fs from 'node:fs';
import path from 'node:path';
import jsQR from 'jsqr';
import type { Browser, Page } from 'playwright-core';
import { SCREENSHOT_DIR, startH5Journey, stopH5Journey } from '../support/browser';
import type { TestHost } from '../support/http';
import { call, member, signedInContext } from './admin-support';

// pngjs comes with qrcode (a dependency of the app); it reads the screenshots back into pixels.
const { PNG } = require('pngjs') as { PNG: { sync: { read(b: Buffer): { width: number; height: number; data: Buffer } } } };

let host: TestHost;
let browser: Browser;
let adminToken: string;
let eventId: number;

beforeAll(async () => {
  ({ host, browser } = await startH5Journey());
  adminToken = await host.login('dev-admin-nm', '自治区管理员');
  const now = Date.now();
  const ev = await call(host, adminToken, 'event.admin.publish', {
    orgId: '150000',
    kind: 'event',
    type: '会员活动日',
    title: '2027年“5·29会员活动日”主题宣传暨家庭健康义诊活动',
    audience: 'all',
    startsAt: new Date(now - 600_000).toISOString(),
    endsAt: new Date(now + 3 * 3600_000).toISOString(),
    venue: { name: '新华广场' },
    points: 10,
  });
  eventId = ev.id;
  // Two members check in: one gave a real name, the other only a nickname.
  const withName = await member(host, 'screen-m1', '草原上的格桑花', '其其格');
  const nickOnly = await member(host, 'screen-m2', '萨日朗');
  for (const t of [withName, nickOnly]) {
    const code = await call(host, adminToken, 'event.admin.code', { id: eventId });
    await call(host, t, 'event.checkin', { eventId, code: code.code });
  }
});
afterAll(() => stopH5Journey({ host, browser }));

const SIZES = [
  { name: 'phone-390x844', width: 390, height: 844 },
  { name: 'projector-1280x720', width: 1280, height: 720 },
  { name: 'screen-1920x1080', width: 1920, height: 1080 },
  { name: 'tablet-768x1024', width: 768, height: 1024 },
];

async function box(page: Page, selector: string) {
  const b = await page.locator(selector).first().boundingBox();
  if (!b) throw new Error(`${selector} is not shown`);
  return b;
}

test.each(SIZES)('签到大屏 at $name: the QR code is whole and decodes, the code, the count and the latest names are on screen', async (size) => {
  const context = await signedInContext(browser, adminToken, { width: size.width, height: size.height });
  const page = await context.newPage();
  try {
    await page.goto(`${host.url}/#/packages/admin/events/screen?id=${eventId}`);
    await page.waitForFunction(() => /^\d{3} \d{3}$/.test(document.querySelector('.screen__code')?.textContent?.trim() ?? ''));
    await page.locator('.screen__count', { hasText: /^\s*2\s*$/ }).waitFor();
    await page.locator('.screen__name').nth(1).waitFor();
    await page.waitForTimeout(300); // the page's slide-in
    const file = path.join(SCREENSHOT_DIR, `checkin-screen-${size.name}.png`);
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    // The viewport only: what the audience sees, no scrolling. The code changes every CHECKIN_WINDOW_MS: a picture
    // taken while it changed is taken again, so the picture shows the code the page holds.
    let shown: string | null = null;
    for (let tries = 0; tries < 3; tries++) {
      shown = await page.locator('.qr').getAttribute('data-qr');
      await page.screenshot({ path: file });
      if ((await page.locator('.qr').getAttribute('data-qr')) === shown) break;
    }

    // Everything that matters lies inside the window, and the page does not scroll.
    const inside = async (selector: string) => {
      const b = await box(page, selector);
      expect({ selector, left: b.x >= 0, top: b.y >= 0, right: b.x + b.width <= size.width + 0.5, bottom: b.y + b.height <= size.height + 0.5 }).toEqual({
        selector,
        left: true,
        top: true,
        right: true,
        bottom: true,
      });
      return b;
    };
    const qr = await inside('.qr');
    const code = await inside('.screen__code');
    const count = await inside('.screen__count');
    await inside('.screen__list--latest .screen__list-title');
    await inside('.screen__name >> nth=1');
    await inside('.screen__back');
    const scroll = await page.evaluate(() => ({ h: document.scrollingElement!.scrollHeight, w: document.scrollingElement!.scrollWidth }));
    expect(scroll.h).toBeLessThanOrEqual(size.height + 1);
    expect(scroll.w).toBeLessThanOrEqual(size.width + 1);

    // Large: the QR is at least 40 % of the short side, the figures at least 30 px high.
    expect(qr.width).toBeGreaterThanOrEqual(Math.min(size.width, size.height) * 0.4);
    expect(Math.abs(qr.width - qr.height)).toBeLessThan(2);
    const fontPx = (sel: string) =>
      page
        .locator(sel)
        .first()
        .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(await fontPx('.screen__code')).toBeGreaterThanOrEqual(30);
    expect(await fontPx('.screen__count')).toBeGreaterThanOrEqual(34);
    expect(code.height).toBeGreaterThan(30);
    expect(count.height).toBeGreaterThan(30);

    // A scanner reads the QR code from the picture itself.
    const png = PNG.sync.read(fs.readFileSync(file));
    const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(decoded?.data).toBe(shown);

    // Names look the same whether the member gave a real name or only a nickname: first character, then stars.
    const names = (await page.locator('.screen__list--latest .screen__name').allTextContents()).map((n) => n.trim()).sort();
    expect(names).toEqual(['其**', '萨**']);
  } finally {
    await context.close();
  }
});
