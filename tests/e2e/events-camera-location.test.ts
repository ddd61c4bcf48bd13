import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import QRCode from 'qrcode';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { devLogin, openRoute, screenshot, startH5Journey, stopH5Journey, tap, taroInput } from '../support/browser';
import type { TestHost } from '../support/http';

// H5 in Chromium: the organiser sets the venue with 使用当前位置 (granted, fixed geolocation) and typed
// values checked in range; members check in with the camera (a fake camera playing a .y4m whose frames
// show the event's current QR code), inside / outside the geofence, refusing location, and without a
// camera (typing the code instead).

const VENUE = { latitude: 40.8175, longitude: 111.6708 }; // 新华广场, 呼和浩特
const INSIDE = { latitude: 40.8184, longitude: 111.6708 }; // ~100 m north
const OUTSIDE = { latitude: 40.83, longitude: 111.6708 }; // ~1.4 km north
const W = 640;
const H = 480;

/** A YUV4MPEG2 (C420) clip whose frames show `text` as a QR code: Y 0/255 with a quiet zone, U/V 128. */
function writeQrY4m(file: string, text: string, frames = 8) {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const quiet = 4;
  const scale = Math.floor(Math.min(W, H) / (n + 2 * quiet));
  const side = (n + 2 * quiet) * scale;
  const x0 = Math.floor((W - side) / 2);
  const y0 = Math.floor((H - side) / 2);
  const y = Buffer.alloc(W * H, 255);
  for (let r = 0; r < n; r++)
    for (let c = 0; c < n; c++) {
      if (!qr.modules.get(r, c)) continue;
      for (let dy = 0; dy < scale; dy++) {
        const row = y0 + (r + quiet) * scale + dy;
        y.fill(0, row * W + x0 + (c + quiet) * scale, row * W + x0 + (c + quiet + 1) * scale);
      }
    }
  const uv = Buffer.alloc((W / 2) * (H / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), y, uv]);
  fs.writeFileSync(file, Buffer.concat([Buffer.from(`YUV4MPEG2 W${W} H${H} F10:1 Ip A1:1 C420jpeg\n`), ...Array(frames).fill(frame)]));
}

let host: TestHost;
let browser: Browser;
let cameraBrowser: Browser | undefined;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'events-cam-'));
const y4m = path.join(tmp, 'qr.y4m');
let adminToken: string;
const errors: string[] = [];

beforeAll(async () => {
  ({ host, browser } = await startH5Journey());
  adminToken = await host.login('dev-admin-nm');
});
afterAll(async () => {
  await cameraBrowser?.close();
  await stopH5Journey({ host, browser });
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function memberPage(
  b: Browser,
  opts: { location?: { latitude: number; longitude: number }; camera?: boolean },
): Promise<{ page: Page; context: BrowserContext }> {
  const context = await b.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, locale: 'zh-CN', isMobile: true, hasTouch: true });
  const permissions = [...(opts.location ? ['geolocation'] : []), ...(opts.camera ? ['camera'] : [])];
  if (permissions.length) await context.grantPermissions(permissions, { origin: host.url });
  if (opts.location) await context.setGeolocation(opts.location);
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  return { page, context };
}

const TITLE = 'E2E 扫码与定位签到';
let eventId = 0;

test('the organiser fills the venue with 使用当前位置; typed values are checked in range; the radius and 定位签到 are saved', async () => {
  const context = await browser.newContext({ viewport: { width: 1000, height: 900 }, locale: 'zh-CN' });
  await context.grantPermissions(['geolocation'], { origin: host.url });
  await context.setGeolocation({ ...VENUE, accuracy: 12 });
  const admin = await context.newPage();
  admin.on('pageerror', (e) => errors.push(e.message));
  await devLogin(admin, host.url, 'dev-admin-nm', '自治区管理员');
  await openRoute(admin, host.url, '/packages/admin/events/index');
  await admin.getByText('发布活动 / 通知').click();
  await taroInput(admin, 'title').waitFor();
  await admin.getByText('内蒙古自治区计划生育协会', { exact: true }).waitFor();
  await taroInput(admin, 'title').fill(TITLE);
  await admin.getByText('所有会员').click();
  await taroInput(admin, 'venueName').fill('新华广场');

  await tap(admin.getByText('使用当前位置', { exact: true }));
  await admin.getByText(/已填入当前位置（精度约 12 米）/).waitFor();
  expect(await taroInput(admin, 'lat').inputValue()).toBe('40.8175');
  expect(await taroInput(admin, 'lng').inputValue()).toBe('111.6708');

  // A typo in the latitude is caught before anything is sent.
  await taroInput(admin, 'lat').fill('408.175');
  await taroInput(admin, 'radius').fill('200');
  const required = admin.locator('.aform__chip', { hasText: '要求定位（须在签到范围内）' }); // 要求在现场定位签到
  await tap(required);
  await admin.locator('.aform__chip--on', { hasText: '要求定位（须在签到范围内）' }).waitFor();
  await tap(admin.getByText('发布', { exact: true }).last());
  await admin.locator('[data-error-for="venue.lat"]', { hasText: '纬度应在 -90 到 90 之间' }).waitFor();
  await screenshot(admin, 'events-cam-01-venue-out-of-range');

  await taroInput(admin, 'lat').fill('40.8175');
  await taroInput(admin, 'radius').fill('5');
  await tap(admin.getByText('发布', { exact: true }).last());
  await admin.locator('[data-error-for="venue.radius"]', { hasText: '签到范围请填写 20 到 50000 之间的整数' }).waitFor();
  await taroInput(admin, 'radius').fill('200');
  await screenshot(admin, 'events-cam-02-venue-filled');
  await tap(admin.getByText('发布', { exact: true }).last());
  await admin.locator('.admin-events__item', { hasText: TITLE }).waitFor({ timeout: 15000 });

  const list = await host.post('event.list', { when: 'all', scope: 'manage' }, adminToken);
  eventId = list.body.data.items.find((e: { title: string }) => e.title === TITLE).id;
  const ev = (await host.post('event.get', { id: eventId }, adminToken)).body.data;
  expect(ev.venue).toMatchObject({ name: '新华广场', lat: 40.8175, lng: 111.6708, radius: 200 });
  expect(ev.locationRequired).toBe(true);
  await context.close();
});

test('a member at the venue taps 扫码签到; the camera reads the current QR code and the member is checked in', async () => {
  expect(eventId).toBeGreaterThan(0);
  // Launch the camera browser first (its fake camera plays the file), then write the clip with the
  // current code just before the tap, at least 15 s before it rotates.
  writeQrY4m(y4m, 'https://example.com/not-a-checkin-code');
  cameraBrowser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--no-first-run',
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${y4m}`,
    ],
  });
  const { page } = await memberPage(cameraBrowser, { location: INSIDE, camera: true });
  await devLogin(page, host.url, 'e2e-cam-member', '扫码的会员');
  await openRoute(page, host.url, `/packages/events/detail/index?id=${eventId}`);
  await page.locator('.checkin__scan', { hasText: '扫码签到' }).waitFor();
  await page.getByText('本活动需在现场签到，签到时会获取您的位置。').waitFor();
  await screenshot(page, 'events-cam-03-before-scan');

  // First the camera sees some other QR code: the camera view says so and keeps looking; 取消 closes it.
  await tap(page.locator('.checkin__scan'));
  await page.locator('.camera-scan__msg', { hasText: '这不是会员之家的签到二维码' }).waitFor({ timeout: 30000 });
  await screenshot(page, 'events-cam-03c-camera-sees-another-qr');
  await tap(page.locator('.camera-scan__cancel'));
  await page.locator('.camera-scan').waitFor({ state: 'detached' });
  expect(await page.locator('.checkin__error').count()).toBe(0); // cancelling is not an error

  let current = (await host.post('event.admin.code', { id: eventId }, adminToken)).body.data;
  const left = Date.parse(current.rotatesAt) - Date.parse(current.serverNow);
  if (left < 15_000) {
    await new Promise((r) => setTimeout(r, left + 500));
    current = (await host.post('event.admin.code', { id: eventId }, adminToken)).body.data;
  }
  writeQrY4m(y4m, current.qr);

  await tap(page.locator('.checkin__scan'));
  await page
    .getByText('✓ 已签到')
    .waitFor({ timeout: 30000 })
    .catch(async (e) => {
      await screenshot(page, 'events-cam-03b-scan-failed');
      throw e;
    });
  await screenshot(page, 'events-cam-04-checked-in-by-camera');
  expect(await page.locator('.camera-scan').count()).toBe(0); // the camera view closed

  const live = (await host.post('event.admin.live', { id: eventId }, adminToken)).body.data;
  expect(live.count).toBe(1);
  // Names on the screen are masked alike, with or without a real name: first character, then stars.
  expect(live.latest[0]).toMatchObject({ name: expect.stringMatching(/^扫\*+$/) });
});

test('outside the geofence the member is told how far away they are; a member who refuses location gets a clear message', async () => {
  const code = async () => (await host.post('event.admin.code', { id: eventId }, adminToken)).body.data.code as string;

  const far = (await memberPage(browser, { location: OUTSIDE })).page;
  await devLogin(far, host.url, 'e2e-far-member', '远处的会员');
  await openRoute(far, host.url, `/packages/events/detail/index?id=${eventId}`);
  await taroInput(far, 'checkinCode').fill(await code());
  await far.locator('.checkin__submit').click();
  await far.locator('.checkin__error', { hasText: /您距离活动地点约 1\.\d 公里，超出签到范围（200 米）/ }).waitFor();
  await screenshot(far, 'events-cam-05-outside-radius');

  const refusing = (await memberPage(browser, {})).page; // no geolocation permission: the browser refuses
  await devLogin(refusing, host.url, 'e2e-noloc-member', '不给定位的会员');
  await openRoute(refusing, host.url, `/packages/events/detail/index?id=${eventId}`);
  await taroInput(refusing, 'checkinCode').fill(await code());
  await refusing.locator('.checkin__submit').click();
  await refusing.locator('.checkin__error', { hasText: '本活动需要确认您在活动现场：请允许浏览器获取您的位置' }).waitFor({ timeout: 30000 });
  await screenshot(refusing, 'events-cam-06-location-refused');

  const live = (await host.post('event.admin.live', { id: eventId }, adminToken)).body.data;
  expect(live.count).toBe(1);
});

test('no camera (or no permission): 扫码签到 falls back to typing the code with a clear message', async () => {
  // The ordinary test browser has no fake camera device.
  const { page } = await memberPage(browser, { location: INSIDE });
  await devLogin(page, host.url, 'e2e-nocam-member', '没有摄像头的会员');
  await openRoute(page, host.url, `/packages/events/detail/index?id=${eventId}`);
  await tap(page.locator('.checkin__scan'));
  await page
    .locator('.checkin__error', { hasText: /(没有找到可用的摄像头|没有得到使用摄像头的允许)，请输入现场大屏上的 6 位签到码/ })
    .waitFor({ timeout: 20000 });
  await screenshot(page, 'events-cam-07-no-camera');
  const code = (await host.post('event.admin.code', { id: eventId }, adminToken)).body.data.code as string;
  await taroInput(page, 'checkinCode').fill(code);
  await page.locator('.checkin__submit').click();
  await page.getByText('✓ 已签到').waitFor();
  expect(errors).toEqual([]);
});
