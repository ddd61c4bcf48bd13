import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createApp, REPO_ROOT, type App } from '../../cloud/app';
import type { AppMode } from '../../cloud/core/context';
import { buildHttpHost, LISTEN_BACKLOG } from '../../cloud/hosts/http/server';
import { testStoreChoice } from './app';
import type { StoreChoice } from '../../cloud/app';

export interface TestHost {
  url: string;
  dataDir: string;
  server: FastifyInstance;
  /** The app behind the host, for tests that look underneath. */
  app: App;
  /** POST /api/<action>; returns status and parsed envelope. */
  post(action: string, payload?: unknown, token?: string, headers?: Record<string, string>): Promise<{ status: number; body: any }>;
  /** Dev-login and return the session token. */
  login(openid: string, nickname?: string): Promise<string>;
  close(): Promise<void>;
}

/** The real HTTP host on a random loopback port, over a fresh data dir. */
export async function startHttpHost(
  opts: {
    mode?: AppMode;
    withH5?: boolean;
    trustWxOpenidHeader?: boolean;
    dataDir?: string;
    engine?: StoreChoice['engine'];
    /** Another host on this store (e.g. `first.app.options.store`) instead of a fresh one. */
    store?: StoreChoice;
  } = {},
): Promise<TestHost> {
  const fresh = await testStoreChoice(opts.engine);
  const dataDir = opts.dataDir ?? fresh.dataDir;
  const store: StoreChoice = opts.store ?? (fresh.choice.engine === 'sqlite' ? { engine: 'sqlite', dataDir } : fresh.choice);
  const app = await createApp({ dataDir, mode: opts.mode ?? 'dev', store });
  const server = await buildHttpHost(app, {
    staticDir: opts.withH5 ? path.join(REPO_ROOT, 'dist', 'h5') : undefined,
    trustWxOpenidHeader: opts.trustWxOpenidHeader,
  });
  await server.listen({ port: 0, host: '127.0.0.1', backlog: LISTEN_BACKLOG });
  const address = server.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const post: TestHost['post'] = async (action, payload = {}, token, headers = {}) => {
    const res = await fetch(`${url}/api/${action}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      body: JSON.stringify(payload),
    });
    const text = await res.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
    return { status: res.status, body };
  };
  return {
    url,
    dataDir,
    server,
    app,
    post,
    async login(openid, nickname) {
      const r = await post('auth.devLogin', { openid, nickname });
      if (r.status !== 200) throw new Error(`login failed: ${JSON.stringify(r.body)}`);
      return r.body.data.token as string;
    },
    async close() {
      await server.close();
      await fresh.dispose();
    },
  };
}
