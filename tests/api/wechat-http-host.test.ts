/**
 * The HTTP host sends the outbox on its own timer when a way to WeChat is configured (every minute in production;
 * shortened here), through the same sender and the real client against the stand-in WeChat API.
 */
import { createApp } from '../../cloud/app';
import { buildHttpHost } from '../../cloud/hosts/http/server';
import { wechatGatewayFromEnv } from '../../cloud/adapters/wechat';
import { parseTemplateConfigs } from '../../cloud/features/notify/templates';
import { testStoreChoice } from '../support/app';
import { startWechatStandin } from '../support/wechat-standin';
import { classPayload } from '../support/classes';

test('a promotion queued through the API reaches WeChat by the host’s own timer, once', async () => {
  const wx = await startWechatStandin({ templates: { T_PROMO: ['thing1', 'time2', 'thing3'] } });
  const { choice, dataDir, dispose } = await testStoreChoice();
  const app = await createApp({ dataDir, mode: 'dev', store: choice });
  const server = await buildHttpHost(app, {
    wechat: wechatGatewayFromEnv({ WX_APPID: wx.appId, WX_APPSECRET: wx.appSecret, WX_API_BASE: wx.base }),
    subscribeTemplates: parseTemplateConfigs('{"class_promoted":{"id":"T_PROMO"}}'),
    outboxIntervalMs: 100,
  });
  try {
    const as = (openid: string) => ({
      call: async (action: string, payload: unknown) => {
        const r = await app.router.dispatch(action, payload, { kind: 'openid', openid }, { store: app.store, mode: 'dev' });
        if (!r.body.ok) throw new Error(`${action}: ${r.body.error.message}`);
        return r.body.data as any;
      },
    });
    for (const m of ['holder', 'waiting']) {
      const me = await app.store.members.findOrCreateByOpenid(m, '微信用户');
      await app.store.members.recordConsent(me.id, (await import('../../cloud/contracts/privacy')).PRIVACY_NOTICE_VERSION, new Date());
    }
    const now = Date.now();
    const c = await as('dev-admin-hhht').call('class.admin.publish', classPayload(now, { title: '定时发送测试课', description: '简介', capacity: 1 }));
    const r = await as('holder').call('class.register', { classId: c.id, childAge: null, answers: {} });
    await as('waiting').call('class.subscribe', { decisions: [{ kind: 'class_promoted', templateId: 'T_PROMO', accepted: true }] });
    await as('waiting').call('class.register', { classId: c.id, childAge: null, answers: {} });
    wx.accept('waiting', 'T_PROMO', 2);
    await as('holder').call('class.cancel', { registrationId: r.registration.id });
    for (let i = 0; i < 50 && wx.delivered.length === 0; i++) await new Promise((res) => setTimeout(res, 100));
    expect(wx.delivered).toEqual([expect.objectContaining({ touser: 'waiting', templateId: 'T_PROMO' })]);
    expect(wx.delivered[0].data.thing1.value).toBe('定时发送测试课');
    // More ticks of the timer send nothing more.
    await new Promise((res) => setTimeout(res, 400));
    expect(wx.delivered).toHaveLength(1);
  } finally {
    await server.close();
    await wx.close();
    await dispose();
  }
});
