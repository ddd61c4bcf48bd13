import type { WechatGateway } from '../../core/wechat';
import { accessTokenSource, httpApiGateway } from './http-api';
import { cloudOpenapiGateway, type CloudSdk } from './cloud-openapi';

export { cloudOpenapiGateway, type CloudSdk } from './cloud-openapi';

const STATES = ['developer', 'trial', 'formal'] as const;

/**
 * The way to WeChat, from configuration (docs/deploy.md):
 *  - in the cloud function (a wx-server-sdk object given): cloud.openapi;
 *  - WX_TRANSPORT=cloudrun: 微信云托管's 开放接口服务, plain HTTP to WX_API_BASE (default http://api.weixin.qq.com)
 *    with no access_token; WX_FROM_APPID under 资源复用;
 *  - WX_APPID + WX_APPSECRET: HTTPS to WX_API_BASE (default https://api.weixin.qq.com) with a shared access_token.
 * Null when none is configured: messages then wait in the outbox and posters carry an ordinary QR.
 */
export function wechatGatewayFromEnv(env: Record<string, string | undefined>, cloud?: CloudSdk, opts: { now?: () => number } = {}): WechatGateway | null {
  const state = STATES.find((s) => s === env.WX_MINIPROGRAM_STATE) ?? 'formal';
  const transport = env.WX_TRANSPORT || (cloud ? 'cloud-openapi' : env.WX_APPID && env.WX_APPSECRET ? 'https' : '');
  if (transport === 'cloud-openapi') {
    if (!cloud) throw new Error('WX_TRANSPORT=cloud-openapi 只能用于云函数');
    return cloudOpenapiGateway(cloud, { miniprogramState: state });
  }
  if (transport === 'cloudrun') {
    return httpApiGateway({
      transport: 'cloudrun',
      base: (env.WX_API_BASE || 'http://api.weixin.qq.com').replace(/\/$/, ''),
      tokens: null,
      query: env.WX_FROM_APPID ? { from_appid: env.WX_FROM_APPID } : undefined,
      miniprogramState: state,
    });
  }
  if (transport === 'https') {
    if (!env.WX_APPID || !env.WX_APPSECRET) throw new Error('WX_TRANSPORT=https 需要 WX_APPID 和 WX_APPSECRET');
    const base = (env.WX_API_BASE || 'https://api.weixin.qq.com').replace(/\/$/, '');
    return httpApiGateway({
      transport: 'https',
      base,
      tokens: accessTokenSource({ base, appId: env.WX_APPID, appSecret: env.WX_APPSECRET, now: opts.now }),
      miniprogramState: state,
    });
  }
  if (transport) throw new Error(`WX_TRANSPORT 只能是 cloud-openapi、cloudrun 或 https（现为 ${transport}）`);
  return null;
}
