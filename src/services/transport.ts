import Taro from '@tarojs/taro';
import { INTERNAL_ERROR_MESSAGE, refusal, type Envelope } from '@contracts/errors';
import { sessionToken } from './session';

export interface TransportResponse {
  status: number;
  body: Envelope<unknown>;
}

/** Cloud: WeChat's callFunction to the `api` function, which reads OPENID from its own context. */
async function cloudTransport(action: string, payload: unknown): Promise<TransportResponse> {
  const res = await Taro.cloud.callFunction({ name: 'api', data: { action, payload } });
  const body = res.result as Envelope<unknown> & { status?: number };
  return { status: body.status ?? (body.ok ? 200 : 400), body };
}

/**
 * H5: an answer the page asked for before the app had loaded (config/first-screen.ts, 首页's first screen),
 * taken once; later calls go to the network.
 */
function prefetched(action: string, payload: unknown): Promise<TransportResponse> | undefined {
  const answers = (globalThis as { __firstScreen?: Record<string, Promise<TransportResponse>> }).__firstScreen;
  const key = `${action} ${JSON.stringify(payload ?? {})}`;
  const answer = answers?.[key];
  if (answer) delete answers![key];
  return answer;
}

/** HTTP: POST /api/<action> with the session token. H5 talks to its own origin. */
async function httpTransport(action: string, payload: unknown): Promise<TransportResponse> {
  const early = process.env.TARO_ENV === 'h5' ? await prefetched(action, payload)?.catch(() => undefined) : undefined;
  if (early?.body && typeof early.body === 'object' && 'ok' in early.body) return early;
  const token = sessionToken.get();
  const header = { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
  const { statusCode, data: body } =
    process.env.TARO_ENV === 'h5'
      ? await browserPost(`${API_BASE}/api/${action}`, payload ?? {}, header)
      : await Taro.request<Envelope<unknown>>({ url: `${API_BASE}/api/${action}`, method: 'POST', data: payload ?? {}, header, timeout: REQUEST_TIMEOUT_MS });
  if (!body || typeof body !== 'object' || !('ok' in body)) {
    return { status: statusCode, body: refusal('INTERNAL', INTERNAL_ERROR_MESSAGE) };
  }
  return { status: statusCode, body: body as Envelope<unknown> };
}

const REQUEST_TIMEOUT_MS = 15000;

/**
 * H5: the browser's fetch, which every browser the H5 build targets has; Taro.request would bring its own
 * request module into the first screen's download. A body that is not JSON reads as none.
 */
async function browserPost(url: string, payload: unknown, header: Record<string, string>): Promise<{ statusCode: number; data: unknown }> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), REQUEST_TIMEOUT_MS);
  try {
    const res = await fetch(url, { method: 'POST', headers: header, body: JSON.stringify(payload), signal: abort.signal });
    return { statusCode: res.status, data: await res.json().catch(() => undefined) };
  } finally {
    clearTimeout(timer);
  }
}

/** WeChat refuses a callContainer request over 100 KB; ours stay well under (the API's own limit is 64 KB). */
export const CONTAINER_REQUEST_LIMIT_BYTES = 100 * 1024;

/** UTF-8 length without TextEncoder (missing on older WeChat base libraries). */
function utf8Bytes(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4; // a surrogate pair: one 4-byte character
      i++;
    } else n += 3;
  }
  return n;
}

/**
 * 微信云托管: Taro.cloud.callContainer to the service TARO_APP_CLOUD_RUN_SERVICE, POST /api/<action>. WeChat's gateway
 * adds the caller's openid (x-wx-openid) and x-wx-source, so no session token is needed. WeChat ends a call after
 * 15 s whatever timeout is asked for, and refuses bodies over 100 KB: a larger one is refused here, in Chinese.
 */
async function containerTransport(action: string, payload: unknown): Promise<TransportResponse> {
  const data = JSON.stringify(payload ?? {});
  if (utf8Bytes(data) + action.length + 512 > CONTAINER_REQUEST_LIMIT_BYTES) {
    return { status: 413, body: refusal('PAYLOAD_TOO_LARGE', '提交的内容太大了，请精简后再试') };
  }
  const res = await Taro.cloud.callContainer({
    config: { env: CLOUD_ENV_ID },
    path: `/api/${action}`,
    method: 'POST',
    header: { 'X-WX-SERVICE': CLOUD_RUN_SERVICE, 'content-type': 'application/json' },
    data,
    timeout: 15000,
  } as never);
  const body = (res as { data?: unknown }).data as Envelope<unknown> | undefined;
  const status = (res as { statusCode?: number }).statusCode ?? 200;
  if (!body || typeof body !== 'object' || !('ok' in body)) return { status, body: refusal('INTERNAL', INTERNAL_ERROR_MESSAGE) };
  return { status, body };
}

/** Chosen at build time: the constants are fixed, so the unused transports are dropped from the bundle. */
export const transport =
  typeof CLOUD_RUN_SERVICE === 'string' && CLOUD_RUN_SERVICE && process.env.TARO_ENV === 'weapp'
    ? containerTransport
    : CLOUD_ENV_ID
      ? cloudTransport
      : httpTransport;
