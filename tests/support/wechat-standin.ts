import http from 'node:http';
import crypto from 'node:crypto';
import QRCode from 'qrcode';

/**
 * A stand-in for WeChat's server API on loopback, enforcing what WeChat documents for the calls the app makes:
 *  - GET /cgi-bin/token: an access_token with a lifetime (expires_in); a token fetched again stays valid for
 *    five more minutes, then only the newest works; 40001 for an unknown token, 42001 for an expired one;
 *  - POST /cgi-bin/message/subscribe/send: the template's keys and each key's field rule (47003), one delivery per
 *    acceptance (a second send answers 43101), and intermittent 5xx when asked;
 *  - POST /wxa/getwxacodeunlimit: scene of at most 32 allowed characters (40169), a known page (41030); the
 *    image is an ordinary QR of "wxacode:<page>?scene=<scene>" so a test can read it back.
 * With requireToken false it behaves as 微信云托管's 开放接口服务 (no access_token).
 */
export interface StandinOptions {
  appId?: string;
  appSecret?: string;
  tokenLifetimeS?: number;
  requireToken?: boolean;
  /** Template id → its keys, e.g. { T_PROMO: ['thing1', 'time2', 'thing3'] }. */
  templates?: Record<string, string[]>;
  pages?: string[];
}

export interface Delivered {
  touser: string;
  templateId: string;
  page: string;
  data: Record<string, { value: string }>;
}

const GRACE_MS = 5 * 60_000;

export async function startWechatStandin(opts: StandinOptions = {}) {
  const appId = opts.appId ?? 'wx-test-app';
  const appSecret = opts.appSecret ?? 'secret-never-shown-0123456789';
  const templates = opts.templates ?? {};
  const pages = new Set(opts.pages ?? []);
  let lifetimeS = opts.tokenLifetimeS ?? 7200;
  let now = () => Date.now();
  /** token → expiry (ms). */
  const tokens = new Map<string, number>();
  const acceptances = new Map<string, number>();
  const delivered: Delivered[] = [];
  const stats = { tokenFetches: 0, sendCalls: 0, refusedTokens: 0, serverErrors: 0, codeCalls: 0 };
  let failNext = 0;
  let failRate = 0;
  let rand = 1;
  const random = () => (rand = (rand * 48271) % 2147483647) / 2147483647;

  const ruleProblem = (key: string, value: unknown): string | null => {
    if (typeof value !== 'string') return 'value missing';
    const type = /^([a-z_]+?)\d+$/.exec(key)?.[1];
    const n = Array.from(value).length;
    switch (type) {
      case 'thing':
        return n >= 1 && n <= 20 && !/[\n\r]/.test(value) && !/[\u{10000}-\u{10ffff}]/u.test(value) ? null : 'thing';
      case 'time':
        return /^(\d{4}年\d{1,2}月\d{1,2}日( \d{1,2}:\d{2})?|\d{1,2}:\d{2})(~(\d{4}年\d{1,2}月\d{1,2}日( \d{1,2}:\d{2})?|\d{1,2}:\d{2}))?$/.test(value)
          ? null
          : 'time';
      case 'phrase':
        return /^\p{Script=Han}{1,5}$/u.test(value) ? null : 'phrase';
      case 'number':
        return /^\d{1,32}(\.\d+)?$/.test(value) ? null : 'number';
      default:
        return 'unknown type';
    }
  };

  const tokenProblem = (url: URL): { errcode: number; errmsg: string } | null => {
    if (opts.requireToken === false) return null;
    const t = url.searchParams.get('access_token');
    const exp = t ? tokens.get(t) : undefined;
    if (exp === undefined) return { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' };
    if (exp <= now()) return { errcode: 42001, errmsg: 'access_token expired' };
    return null;
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://standin');
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const json = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      let body: any = {};
      try {
        body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
      } catch {
        return json(200, { errcode: 47001, errmsg: 'data format error' });
      }
      if (url.pathname === '/cgi-bin/token') {
        if (url.searchParams.get('appid') !== appId) return json(200, { errcode: 40013, errmsg: 'invalid appid' });
        if (url.searchParams.get('secret') !== appSecret) return json(200, { errcode: 40125, errmsg: 'invalid appsecret' });
        stats.tokenFetches++;
        // An older token keeps working for five minutes at most.
        for (const [t, exp] of tokens) tokens.set(t, Math.min(exp, now() + GRACE_MS));
        const token = crypto.randomBytes(16).toString('hex');
        tokens.set(token, now() + lifetimeS * 1000);
        return json(200, { access_token: token, expires_in: lifetimeS });
      }
      if (url.pathname === '/cgi-bin/message/subscribe/send') {
        stats.sendCalls++;
        if (failNext > 0 || (failRate > 0 && random() < failRate)) {
          if (failNext > 0) failNext--;
          stats.serverErrors++;
          res.writeHead(503, { 'content-type': 'text/html' });
          return res.end('<html>503 Service Unavailable</html>');
        }
        const bad = tokenProblem(url);
        if (bad) {
          stats.refusedTokens++;
          return json(200, bad);
        }
        const keys = templates[body.template_id];
        if (!keys) return json(200, { errcode: 40037, errmsg: 'invalid template_id' });
        if (typeof body.touser !== 'string' || !body.touser) return json(200, { errcode: 40003, errmsg: 'invalid openid' });
        for (const k of keys) {
          const problem = ruleProblem(k, body.data?.[k]?.value);
          if (problem) return json(200, { errcode: 47003, errmsg: `argument invalid! data.${k}.value invalid (${problem})` });
        }
        const acc = `${body.touser}:${body.template_id}`;
        const left = acceptances.get(acc) ?? 0;
        if (left <= 0) return json(200, { errcode: 43101, errmsg: 'user refuse to accept the msg' });
        acceptances.set(acc, left - 1);
        delivered.push({ touser: body.touser, templateId: body.template_id, page: body.page, data: body.data });
        return json(200, { errcode: 0, errmsg: 'ok', msgid: delivered.length });
      }
      if (url.pathname === '/wxa/getwxacodeunlimit') {
        stats.codeCalls++;
        const bad = tokenProblem(url);
        if (bad) return json(200, bad);
        const scene = String(body.scene ?? '');
        if (!scene || scene.length > 32 || !/^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]+$/.test(scene))
          return json(200, { errcode: 40169, errmsg: 'invalid length for scene, or the data is not json string' });
        if (pages.size && !pages.has(body.page)) return json(200, { errcode: 41030, errmsg: 'invalid page rid' });
        const png = await QRCode.toBuffer(`wxacode:${body.page}?scene=${scene}`, { margin: 2, width: 430 });
        res.writeHead(200, { 'content-type': 'image/png', 'content-length': png.length });
        return res.end(png);
      }
      json(404, { errcode: 404, errmsg: 'not found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;

  return {
    base: `http://127.0.0.1:${port}`,
    appId,
    appSecret,
    delivered,
    stats,
    /** The member tapped 允许 on the subscribe dialog `times` times for this template. */
    accept(openid: string, templateId: string, times = 1) {
      acceptances.set(`${openid}:${templateId}`, (acceptances.get(`${openid}:${templateId}`) ?? 0) + times);
    },
    /** Every token issued so far expires now (the next call with one answers 42001). */
    expireTokens() {
      for (const t of tokens.keys()) tokens.set(t, now() - 1);
    },
    /** Every token issued so far becomes unknown (40001), as after a fetch elsewhere past the grace period. */
    revokeTokens() {
      tokens.clear();
    },
    setTokenLifetime(s: number) {
      lifetimeS = s;
    },
    /** The next n sends answer 503. */
    failSends(n: number) {
      failNext = n;
    },
    /** Each send answers 503 with this probability (seeded, so a run is repeatable). */
    failRandomly(rate: number, seed = 42) {
      failRate = rate;
      rand = seed;
    },
    useClock(fn: () => number) {
      now = fn;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
export type WechatStandin = Awaited<ReturnType<typeof startWechatStandin>>;
