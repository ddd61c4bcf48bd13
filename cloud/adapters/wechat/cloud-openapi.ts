import { WechatUnavailable, type WechatGateway } from '../../core/wechat';

/** The part of wx-server-sdk's `cloud` object used here (cloud.openapi with the function's own credentials). */
export interface CloudSdk {
  openapi: {
    subscribeMessage: { send(p: Record<string, unknown>): Promise<{ errCode?: number; errMsg?: string }> };
    wxacode: { getUnlimited(p: Record<string, unknown>): Promise<{ errCode?: number; errMsg?: string; buffer?: Buffer | Uint8Array; contentType?: string }> };
  };
}

/** cloud.openapi throws for a refusal with errCode set; anything else (no code, -1) is WeChat being unreachable or busy. */
function refusalOf(e: unknown): { errcode: number; errmsg: string } {
  const err = e as { errCode?: unknown; errMsg?: unknown; message?: unknown };
  const errcode = Number(err?.errCode);
  if (!Number.isFinite(errcode) || errcode === -1 || errcode === 0)
    throw new WechatUnavailable(`云调用失败：${String(err?.errMsg ?? err?.message ?? '未知错误')}`, 'CLOUD_CALL');
  return { errcode, errmsg: String(err?.errMsg ?? '') };
}

/** In the cloud function: cloud.openapi (云调用), which needs no access_token; the permissions are in config.json. */
export function cloudOpenapiGateway(cloud: CloudSdk, opts: { miniprogramState?: 'developer' | 'trial' | 'formal' } = {}): WechatGateway {
  return {
    transport: 'cloud-openapi',
    async sendSubscribeMessage(m) {
      try {
        const r = await cloud.openapi.subscribeMessage.send({
          touser: m.touser,
          templateId: m.templateId,
          page: m.page,
          data: m.data,
          miniprogramState: opts.miniprogramState ?? 'formal',
          lang: 'zh_CN',
        });
        const errcode = Number(r?.errCode ?? 0);
        return errcode === 0 ? { ok: true } : { ok: false, errcode, errmsg: String(r?.errMsg ?? '') };
      } catch (e) {
        return { ok: false, ...refusalOf(e) };
      }
    },
    async getUnlimitedCode(r) {
      try {
        const res = await cloud.openapi.wxacode.getUnlimited({ scene: r.scene, page: r.page, checkPath: false, width: r.width ?? 430 });
        if (!res?.buffer) return { ok: false, errcode: Number(res?.errCode ?? -1), errmsg: String(res?.errMsg ?? '') };
        return { ok: true, image: Buffer.from(res.buffer), contentType: res.contentType ?? 'image/jpeg' };
      } catch (e) {
        return { ok: false, ...refusalOf(e) };
      }
    },
  };
}
