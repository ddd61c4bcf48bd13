import fs from 'node:fs';
import http, { type IncomingHttpHeaders } from 'node:http';
import path from 'node:path';
import crypto from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import compress from '@fastify/compress';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import type { App } from '../../app';
import type { Identity } from '../../core/context';
import { INTERNAL_ERROR_MESSAGE, refusal } from '../../contracts/errors';
import { API_HEADERS } from './api-headers';
import { apiHandler } from './api';
import { sharedSessionSecret, sessionSigner } from './session';
import { startReminderScheduler } from '../../features/classes/reminders';
import { registerMediaRoutes } from './media';
import type { WechatGateway } from '../../core/wechat';
import type { TemplateConfigs } from '../../features/notify/templates';
import { startOutboxSender } from '../../features/notify/sender';
import { wxIdentity } from './wx-identity';
import { registerCheckinLinkRoute } from './checkin-link';

/**
 * Pending connections the kernel may queue for us. Node's default (511) overflows when a hall of members
 * taps 签到 at once, and the overflow surfaces as reset connections; the kernel caps this at somaxconn.
 */
export const LISTEN_BACKLOG = 4096;

export interface HttpHostOptions {
  /** The built H5 app to serve beside the API; omitted in API-only tests. */
  staticDir?: string;
  /**
   * WeChat Cloud Run puts the caller's openid in `x-wx-openid`. Trust it only when the host
   * really runs there (TRUST_WX_OPENID_HEADER=1), or anyone could claim any openid (see wx-identity.ts).
   */
  trustWxOpenidHeader?: boolean;
  /** WeChat's server API (adapters/wechat): the outbox is sent every minute when there is one. */
  wechat?: WechatGateway | null;
  subscribeTemplates?: TemplateConfigs;
  /** How often the outbox is sent; tests shorten it. */
  outboxIntervalMs?: number;
  logger?: boolean;
}

/**
 * The HTTP host on one port: the JSON API (POST /api/<action>, see api.ts) straight on node:http, and
 * Fastify for the rest: image uploads and images, and the H5 build.
 */
export async function buildHttpHost(app: App, opts: HttpHostOptions = {}): Promise<FastifyInstance> {
  const signer = sessionSigner(await sharedSessionSecret(app.store.meta));
  const identify = (headers: IncomingHttpHeaders): Identity => {
    const auth = headers.authorization;
    if (auth?.startsWith('Bearer ')) {
      const memberId = signer.verify(auth.slice(7).trim());
      if (memberId !== null) return { kind: 'session', memberId };
    }
    return (opts.trustWxOpenidHeader && wxIdentity(headers)) || { kind: 'anonymous' };
  };
  const services = { store: app.store, mode: app.options.mode, issueSession: (m: { id: number }) => signer.issue(m.id), wechat: opts.wechat ?? null };
  const api = apiHandler({ router: app.router, identify, services });

  const server = Fastify({
    logger: opts.logger ?? false,
    trustProxy: true,
    serverFactory: (fastifyHandler) => http.createServer((req, res) => api(req, res) || fastifyHandler(req, res)),
  });
  await server.register(compress, { threshold: 1024 });

  // Only the media routes (own scope) take bodies; anything else sent here is refused in the envelope.
  server.removeAllContentTypeParsers();
  server.addContentTypeParser('*', (_req, _payload, done) =>
    done(Object.assign(new Error('unsupported'), { statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE' }), undefined),
  );
  server.setErrorHandler((error: Error & { statusCode?: number; code?: string }, _req, reply) => {
    reply.headers(API_HEADERS);
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500)
      return reply.code(error.statusCode).send(refusal('INVALID_PAYLOAD', '请求有误，请检查后重试'));
    server.log.error(error);
    console.error('[http] unexpected error:', error);
    return reply.code(500).send(refusal('INTERNAL', INTERNAL_ERROR_MESSAGE));
  });

  registerCheckinLinkRoute(server); // /c/<event>/<window>/<sig>: a check-in link opened in a browser
  await registerMediaRoutes(server, { app, identify: (req) => identify(req.headers), services }); // image uploads (own body limit) and /media/<sha256>.<ext>

  // The H5 app: helmet's full set (CSP with the template's inline-script hash, …) in its own
  // encapsulated context, so the hot API path pays only for the static headers below.
  await server.register(async (site) => {
    await site.register(helmet, {
      // upgrade-insecure-requests would break plain-HTTP use on a LAN address; HSTS belongs to the TLS proxy in front.
      contentSecurityPolicy: { directives: { ...cspDirectives(opts.staticDir), upgradeInsecureRequests: null } },
      hsts: false,
      crossOriginEmbedderPolicy: false,
    });
    if (opts.staticDir && fs.existsSync(path.join(opts.staticDir, 'index.html'))) {
      await site.register(fastifyStatic, {
        root: opts.staticDir,
        cacheControl: false,
        // The build writes .br / .gz copies at the best compression (config/precompress.ts): sent as they are.
        preCompressed: true,
        // Hashed assets can be cached for good; index.html must always be fresh.
        setHeaders(res, filePath) {
          res.setHeader('cache-control', filePath.endsWith('.html') ? 'no-cache' : 'public, max-age=31536000, immutable');
        },
      });
    }
    // Browsers ask for /favicon.ico on their own; answer with the app's mark instead of a 404 in every log.
    site.get('/favicon.ico', (_req, reply) => reply.header('cache-control', 'public, max-age=86400').type('image/svg+xml').send(FAVICON_SVG));
    site.setNotFoundHandler((_req, reply) => reply.code(404).type('text/plain; charset=utf-8').send('页面不存在'));
  });

  const stopReminders = startReminderScheduler(app.store); // 家长课堂 reminders, on an unref'd timer
  server.addHook('onClose', async () => stopReminders());
  if (opts.wechat) {
    const stopSender = startOutboxSender({
      store: app.store,
      gateway: opts.wechat,
      templates: opts.subscribeTemplates ?? {},
      intervalMs: opts.outboxIntervalMs,
    });
    server.addHook('onClose', async () => stopSender());
  }
  // The host runs for days under bursts: the engine's upkeep (SQLite's WAL checkpoints) runs beside it.
  const stopUpkeep = app.startUpkeep();
  server.addHook('onClose', async () => {
    await stopUpkeep();
    await app.store.close();
  });
  return server;
}

const FAVICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="14" fill="#c8102e"/>' +
  '<text x="32" y="45" font-size="38" text-anchor="middle" fill="#fff" font-family="sans-serif">会</text></svg>';

/** Taro's H5 template carries one inline script (rem sizing); allow exactly it by hash. */
function cspDirectives(staticDir?: string) {
  const hashes: string[] = [];
  if (staticDir) {
    try {
      const html = fs.readFileSync(path.join(staticDir, 'index.html'), 'utf8');
      for (const m of html.matchAll(/<script>([\s\S]*?)<\/script>/g)) {
        hashes.push(`'sha256-${crypto.createHash('sha256').update(m[1]).digest('base64')}'`);
      }
    } catch {
      /* no build yet: API only */
    }
  }
  return {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'", ...hashes],
    // Taro injects component styles at run time.
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:', 'blob:'],
    connectSrc: ["'self'"],
    mediaSrc: ["'self'", 'blob:'],
  };
}
