import {
  WechatUnavailable,
  type SubscribeMessage,
  type UnlimitedCodeAnswer,
  type UnlimitedCodeRequest,
  type WechatAnswer,
  type WechatGateway,
} from '../../core/wechat';

/** Supplies the access_token of a call; null for 微信云托管's 开放接口服务, which needs none. */
export interface TokenSource {
  get(): Promise<string>;
  /** The token was refused (40001 / 42001): forget it, unless a newer one was fetched meanwhile. */
  refused(token: string): void;
}

export interface HttpApiOptions {
  transport: 'https' | 'cloudrun';
  /** Origin of WeChat's server API, e.g. https://api.weixin.qq.com (configurable so tests use a stand-in). */
  base: string;
  tokens: TokenSource | null;
  /** Extra query parameters of every call (资源复用's from_appid). */
  query?: Record<string, string>;
  miniprogramState?: 'developer' | 'trial' | 'formal';
  timeoutMs?: number;
}

const TOKEN_REFUSED = new Set([40001, 42001]);

/** WeChat's server API over HTTP(S): subscribeMessage.send and wxacode.getUnlimited. */
export function httpApiGateway(opts: HttpApiOptions): WechatGateway {
  const timeoutMs = opts.timeoutMs ?? 10_000;

  /** POSTs JSON; a refused token is fetched afresh and the call made once more. */
  async function post(path: string, body: unknown): Promise<{ json?: Record<string, any>; image?: Buffer; contentType: string }> {
    for (let round = 0; ; round++) {
      const token = opts.tokens ? await opts.tokens.get() : null;
      const q = new URLSearchParams({ ...(token ? { access_token: token } : {}), ...opts.query }).toString();
      const res = await request(`${opts.base}${path}${q ? `?${q}` : ''}`, body, timeoutMs);
      if (res.json && token && TOKEN_REFUSED.has(Number(res.json.errcode)) && round === 0) {
        opts.tokens!.refused(token);
        continue;
      }
      return res;
    }
  }

  return {
    transport: opts.transport,
    async sendSubscribeMessage(m: SubscribeMessage): Promise<WechatAnswer> {
      const { json } = await post('/cgi-bin/message/subscribe/send', {
        touser: m.touser,
        template_id: m.templateId,
        page: m.page,
        data: m.data,
        miniprogram_state: opts.miniprogramState ?? 'formal',
        lang: 'zh_CN',
      });
      const errcode = Number(json?.errcode ?? 0);
      return errcode === 0 ? { ok: true } : { ok: false, errcode, errmsg: String(json?.errmsg ?? '') };
    },
    async getUnlimitedCode(r: UnlimitedCodeRequest): Promise<UnlimitedCodeAnswer> {
      const res = await post('/wxa/getwxacodeunlimit', { scene: r.scene, page: r.page, check_path: false, width: r.width ?? 430 });
      if (res.image) return { ok: true, image: res.image, contentType: res.contentType };
      return { ok: false, errcode: Number(res.json?.errcode ?? -1), errmsg: String(res.json?.errmsg ?? '') };
    },
  };
}

/** One call; network failures and 5xx become WechatUnavailable with a message that never carries the URL (it holds the token). */
async function request(url: string, body: unknown, timeoutMs: number): Promise<{ json?: Record<string, any>; image?: Buffer; contentType: string }> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: body === undefined ? 'GET' : 'POST',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (e) {
    const timedOut = (e as Error)?.name === 'TimeoutError';
    throw new WechatUnavailable(timedOut ? '微信接口超时未应答' : '无法连接微信接口（网络错误）', timedOut ? 'TIMEOUT' : 'NETWORK');
  }
  if (res.status >= 500) {
    await res.arrayBuffer().catch(() => undefined);
    throw new WechatUnavailable(`微信接口暂时不可用（HTTP ${res.status}）`, `HTTP_${res.status}`);
  }
  const contentType = res.headers.get('content-type') ?? '';
  const bytes = Buffer.from(await res.arrayBuffer());
  if (contentType.startsWith('image/')) return { image: bytes, contentType };
  try {
    return { json: JSON.parse(bytes.toString('utf8')), contentType };
  } catch {
    throw new WechatUnavailable(`微信接口的应答无法识别（HTTP ${res.status}）`, `HTTP_${res.status}`);
  }
}

/**
 * The access_token of an AppID, from /cgi-bin/token: fetched once and shared by every send in flight, kept until
 * five minutes before WeChat says it expires, and fetched afresh when WeChat refuses it. The secret goes only
 * into that one request; no message or log line carries it.
 */
export function accessTokenSource(opts: { base: string; appId: string; appSecret: string; now?: () => number; timeoutMs?: number }): TokenSource {
  const now = opts.now ?? Date.now;
  let current: { token: string; until: number } | null = null;
  let inflight: Promise<string> | null = null;
  const fetchToken = async (): Promise<string> => {
    const q = new URLSearchParams({ grant_type: 'client_credential', appid: opts.appId, secret: opts.appSecret });
    const res = await request(`${opts.base}/cgi-bin/token?${q}`, undefined, opts.timeoutMs ?? 10_000);
    const token = res.json?.access_token;
    if (typeof token !== 'string' || !token) {
      const code = Number(res.json?.errcode ?? -1);
      throw new WechatUnavailable(`获取 access_token 失败：${code} ${String(res.json?.errmsg ?? '').replaceAll(opts.appSecret, '***')}`, `TOKEN_${code}`);
    }
    const lifetimeS = Number(res.json?.expires_in) || 7200;
    current = { token, until: now() + Math.max(lifetimeS / 2, lifetimeS - 300) * 1000 };
    return token;
  };
  return {
    get() {
      if (current && current.until > now()) return Promise.resolve(current.token);
      inflight ??= fetchToken().finally(() => {
        inflight = null;
      });
      return inflight;
    },
    refused(token) {
      if (current?.token === token) current = null;
    },
  };
}
