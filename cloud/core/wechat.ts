/**
 * The port to WeChat's server API that features use (subscribe messages, 小程序码). Implemented by
 * cloud/adapters/wechat (cloud.openapi in the cloud function, 微信云托管's 开放接口服务, or plain HTTPS with an
 * access_token); the host picks one from its configuration and hands it over in HostServices.
 */
export interface SubscribeMessage {
  touser: string;
  templateId: string;
  /** The mini-program page the message opens, e.g. "packages/classes/mine". */
  page?: string;
  data: Record<string, { value: string }>;
}

/** WeChat answered: ok, or its errcode and errmsg. */
export type WechatAnswer = { ok: true } | { ok: false; errcode: number; errmsg: string };

export interface UnlimitedCodeRequest {
  /** At most 32 visible characters; the page reads it from its `scene` option. */
  scene: string;
  page: string;
  width?: number;
}

export type UnlimitedCodeAnswer = { ok: true; image: Buffer; contentType: string } | { ok: false; errcode: number; errmsg: string };

export interface WechatGateway {
  /** Which of the three ways it reaches WeChat: 'cloud-openapi' | 'cloudrun' | 'https'. */
  readonly transport: string;
  /** Throws WechatUnavailable when WeChat could not be reached or answered a server error (worth retrying). */
  sendSubscribeMessage(message: SubscribeMessage): Promise<WechatAnswer>;
  getUnlimitedCode(request: UnlimitedCodeRequest): Promise<UnlimitedCodeAnswer>;
}

/** A network failure, a timeout or a 5xx: nothing is known about delivery, so the send is retried later. */
export class WechatUnavailable extends Error {
  constructor(
    message: string,
    readonly code = 'UNAVAILABLE',
  ) {
    super(message);
    this.name = 'WechatUnavailable';
  }
}
