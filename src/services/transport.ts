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
  const res = await Taro.request<Envelope<unknown>>({
    url: `${API_BASE}/api/${action}`,
    method: 'POST',
    data: payload ?? {},
    header: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    timeout: 15000,
  });
  const body = res.data;
  if (!body || typeof body !== 'object' || !('ok' in body)) {
    return { status: res.statusCode, body: refusal('INTERNAL', INTERNAL_ERROR_MESSAGE) };
  }
  return { status: res.statusCode, body };
}

/** Chosen at build time: CLOUD_ENV_ID is a constant, so the unused transport is dropped from the bundle. */
export const transport = CLOUD_ENV_ID ? cloudTransport : httpTransport;
