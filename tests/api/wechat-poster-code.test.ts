/**
 * The quiz poster's 小程序码: made by wxacode.getUnlimited (the stand-in) with a short scene the page decodes, once
 * per campaign (cached in media storage), served from /media; without WeChat the client is told to draw a QR of the H5 link.
 */
import jsQR from 'jsqr';
import { startTestApp, type TestApp } from '../support/app';
import { startWechatStandin, type WechatStandin } from '../support/wechat-standin';
import { wechatGatewayFromEnv } from '../../cloud/adapters/wechat';
import { campaignIdOfScene } from '../../cloud/contracts/notify';
import type { WechatGateway } from '../../cloud/core/wechat';

const { PNG } = require('pngjs') as { PNG: { sync: { read(b: Buffer): { width: number; height: number; data: Buffer } } } };

let app: TestApp;
let wx: WechatStandin;
let gateway: WechatGateway;
beforeEach(async () => {
  app = await startTestApp();
  wx = await startWechatStandin({ pages: ['packages/quiz/index'] });
  gateway = wechatGatewayFromEnv({ WX_APPID: wx.appId, WX_APPSECRET: wx.appSecret, WX_API_BASE: wx.base })!;
});
afterEach(async () => {
  await app.close();
  await wx.close();
});

const codeOf = async (campaignId: number, wechat: WechatGateway | null) => {
  const r = await app.router.dispatch(
    'wechat.campaignCode',
    { campaignId },
    { kind: 'openid', openid: 'poster-member' },
    { store: app.store, mode: 'dev', wechat },
  );
  if (!r.body.ok) throw new Error(JSON.stringify(r.body));
  return r.body.data as { image: string | null; page: string; scene: string };
};

test('a campaign code is made once with a scene of at most 32 characters, kept in media storage, and opens the campaign', async () => {
  const campaign = (await app.store.quiz.campaigns())[0];
  const first = await codeOf(campaign.id, gateway);
  expect(first.image).toMatch(/^\/media\/[0-9a-f]{64}\.png$/);
  expect(first.scene.length).toBeLessThanOrEqual(32);
  expect(first.page).toBe('packages/quiz/index');
  expect(campaignIdOfScene(encodeURIComponent(first.scene))).toBe(campaign.id);
  const again = await codeOf(campaign.id, gateway);
  expect(again.image).toBe(first.image);
  expect(wx.stats.codeCalls).toBe(1);
  // The stored image is the one WeChat made: reading it back gives the page and scene.
  const sha = /([0-9a-f]{64})/.exec(first.image!)![1];
  const blob = await app.store.media.get(sha);
  const png = PNG.sync.read(blob!.data);
  const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  expect(decoded?.data).toBe(`wxacode:packages/quiz/index?scene=c=${campaign.id}`);
});

test('without WeChat, or when WeChat refuses, no image: the client draws a QR of the H5 link', async () => {
  const campaign = (await app.store.quiz.campaigns())[0];
  expect(await codeOf(campaign.id, null)).toEqual({ image: null, page: 'packages/quiz/index', scene: `c=${campaign.id}` });
  const wrongPage = await startWechatStandin({ pages: ['pages/home/index'] });
  const spy = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  try {
    const refusing = wechatGatewayFromEnv({ WX_APPID: wrongPage.appId, WX_APPSECRET: wrongPage.appSecret, WX_API_BASE: wrongPage.base })!;
    expect((await codeOf(campaign.id, refusing)).image).toBeNull();
    expect(spy.mock.calls.join(' ')).toContain('41030');
  } finally {
    spy.mockRestore();
    await wrongPage.close();
  }
  // Later, with WeChat reachable, the code is made and kept.
  expect((await codeOf(campaign.id, gateway)).image).toMatch(/^\/media\//);
  expect(campaignIdOfScene('c%3D12')).toBe(12);
  expect(campaignIdOfScene('x=12')).toBeNull();
});
