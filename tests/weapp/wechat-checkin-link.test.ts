/**
 * The weapp check-in page opened by WeChat's "扫普通链接二维码打开小程序" rule: the page's options carry the scanned
 * link URI-encoded in `q` and the scan time in `scancode_time`. The compiled component (miniprogram-simulate)
 * decodes it and checks in once through the page's submit, which the server verifies like an in-app scan.
 */
import timers from 'node:timers';
import { renderNative, sleep } from '../support/weapp';
import { startTestApp, type TestApp } from '../support/app';

// The server runs in this jsdom test too (it verifies the link): give it Node's timers jsdom leaves out.
Object.assign(globalThis, { setImmediate: globalThis.setImmediate ?? timers.setImmediate, clearImmediate: globalThis.clearImmediate ?? timers.clearImmediate });

const COMPONENT = 'packages/events/components/link-checkin/index';
let app: TestApp;
let eventId: number;
let link: string;
const saved = process.env.CHECKIN_LINK_BASE;

beforeAll(async () => {
  process.env.CHECKIN_LINK_BASE = 'https://hyzj.example.cn/c';
  app = await startTestApp();
  const now = Date.now();
  const e = await app.as('dev-admin-nm').call('event.admin.publish', {
    orgId: '150000',
    title: '小程序链接签到',
    type: '会员活动日',
    startsAt: new Date(now - 3600_000).toISOString(),
    endsAt: new Date(now + 3600_000).toISOString(),
    venue: { name: '新华广场', address: '' },
    audience: 'all',
  } as never);
  eventId = e.id;
  link = (await app.as('dev-admin-nm').call('event.admin.code', { id: eventId })).qr;
});
afterAll(async () => {
  process.env.CHECKIN_LINK_BASE = saved;
  await app.close();
});

/** What the page's submit does with a scanned code: event.checkin as the member, the server verifying it. */
const submitAs = (openid: string, results: unknown[]) =>
  jest.fn(async (code: string, scannedAt: string) => {
    const r = await app.as(openid).raw('event.checkin', { eventId, code, scannedAt });
    results.push(r.body);
  });

test('q from WeChat is decoded and the member is checked in once, with the scan time WeChat recorded', async () => {
  expect(link).toMatch(/^https:\/\/hyzj\.example\.cn\/c\/\d+\/\d+\/[A-Za-z0-9_-]+$/);
  const results: unknown[] = [];
  const onLink = submitAs('weapp-link-member', results);
  const scanSeconds = Math.floor(Date.now() / 1000) - 5;
  const page = await renderNative(COMPONENT, { options: { q: encodeURIComponent(link), scancode_time: String(scanSeconds) }, eventId, done: false, onLink });
  await sleep(200);
  expect(onLink).toHaveBeenCalledTimes(1);
  expect(onLink).toHaveBeenCalledWith(link, new Date(scanSeconds * 1000).toISOString());
  expect(results).toEqual([expect.objectContaining({ ok: true, data: expect.objectContaining({ firstTime: true }) })]);
  expect(page.query('.link-checkin__bad')).toBeFalsy();
  const mine = await app.as('weapp-link-member').call('event.myCheckins', {});
  expect(mine.items.map((c) => c.eventId)).toContain(eventId);
});

test('a link with an altered signature reaches the server and is refused as forged, like a scanned one', async () => {
  const results: any[] = [];
  const onLink = submitAs('weapp-link-forger', results);
  const forged = link.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
  await renderNative(COMPONENT, { options: { q: encodeURIComponent(forged) }, eventId, onLink });
  await sleep(200);
  expect(onLink).toHaveBeenCalledTimes(1);
  expect(results[0]).toMatchObject({ ok: false, error: { code: 'CHECKIN_CODE_FORGED' } });
});

test('q that is not a check-in link, or is another event’s, is named as such and nothing is submitted', async () => {
  const onLink = jest.fn();
  const bad = await renderNative(COMPONENT, { options: { q: encodeURIComponent('https://example.com/other') }, eventId, onLink });
  expect(bad.text('.link-checkin__bad')).toContain('不是有效的签到链接');
  const other = await renderNative(COMPONENT, { options: { q: encodeURIComponent(link.replace(`/c/${eventId}/`, `/c/${eventId + 1000}/`)) }, eventId, onLink });
  expect(other.text('.link-checkin__other')).toContain('另一场活动');
  const plain = await renderNative(COMPONENT, { options: { id: String(eventId) }, eventId, onLink });
  expect(plain.query('.link-checkin__bad')).toBeFalsy();
  await sleep(100);
  expect(onLink).not.toHaveBeenCalled();
});
