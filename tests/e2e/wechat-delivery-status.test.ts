/**
 * The organiser's view of subscribe-message delivery: 活动提醒 queued for members who said 我要参加 and accepted, sent
 * through the real sender to the stand-in WeChat API (one member has no acceptance left: 43101), then shown on the
 * event's statistics page in Chromium with the counts and the reason.
 */
import type { Browser } from 'playwright-core';
import { devLogin, openRoute, screenshot, startH5Journey, stopH5Journey } from '../support/browser';
import type { TestHost } from '../support/http';
import { startWechatStandin, type WechatStandin } from '../support/wechat-standin';
import { wechatGatewayFromEnv } from '../../cloud/adapters/wechat';
import { drainOutbox } from '../../cloud/features/notify/sender';
import { parseTemplateConfigs } from '../../cloud/features/notify/templates';

let host: TestHost;
let browser: Browser;
let wx: WechatStandin;

beforeAll(async () => {
  ({ host, browser } = await startH5Journey());
  wx = await startWechatStandin({ templates: { T_EVENT: ['thing1', 'time2', 'thing3'] } });
});
afterAll(async () => {
  await wx.close();
  await stopH5Journey({ host, browser });
});

test('the event statistics page shows how many 活动提醒 were sent and why one failed', async () => {
  const admin = await host.login('dev-admin-nm');
  const now = Date.now();
  const e = await host.post(
    'event.admin.publish',
    {
      orgId: '150000',
      title: 'E2E 提醒送达',
      type: '会员活动日',
      startsAt: new Date(now + 2 * 3600_000).toISOString(),
      endsAt: new Date(now + 4 * 3600_000).toISOString(),
      venue: { name: '新华广场', address: '' },
      audience: 'all',
    },
    admin,
  );
  const eventId = e.body.data.id as number;
  for (const openid of ['remind-a', 'remind-b']) {
    const token = await host.login(openid);
    expect((await host.post('event.intend', { id: eventId, intend: true }, token)).status).toBe(200);
    const r = await host.post('notify.eventRemind', { eventId, accepted: true }, token);
    expect(r.body).toMatchObject({ ok: true, data: { queued: true } });
  }
  wx.accept('remind-a', 'T_EVENT'); // remind-b's acceptance is not on WeChat's side: 43101
  const gateway = wechatGatewayFromEnv({ WX_APPID: wx.appId, WX_APPSECRET: wx.appSecret, WX_API_BASE: wx.base })!;
  const report = await drainOutbox({
    store: host.app.store,
    gateway,
    templates: parseTemplateConfigs('{"event_reminder":{"id":"T_EVENT"}}'),
    log: () => undefined,
  });
  expect(report).toMatchObject({ sent: 1, failed: 1 });

  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await devLogin(page, host.url, 'dev-admin-nm', '自治区管理员');
  await openRoute(page, host.url, `/packages/admin/events/stats?id=${eventId}`);
  await page.getByText('订阅消息送达').waitFor();
  await page.getByText('活动提醒：已送达 1 · 等待 0 · 失败 1').waitFor();
  await page.getByText(/会员未授权或授权已用完.*（43101）× 1/).waitFor();
  await screenshot(page, 'wechat-delivery-status');
  expect(errors).toEqual([]);
});
