import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp, type App } from '../../cloud/app';
import type { AppMode, Identity } from '../../cloud/core/context';
import type { ActionName, PayloadOf, ResultOf } from '../../cloud/contracts';
import type { DispatchResult } from '../../cloud/core/router';
import { sessionSigner } from '../../cloud/hosts/http/session';
import { PRIVACY_NOTICE_VERSION } from '../../cloud/contracts/privacy';

export function tempDir(prefix = 'huiyuan-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface TestApp extends App {
  dataDir: string;
  /** Dispatch as a member found or created by openid (as the WeChat context would). */
  as(openid: string): Caller;
  anonymous: Caller;
  close(): void;
}

export interface Caller {
  call<A extends ActionName>(action: A, payload: PayloadOf<A>): Promise<ResultOf<A>>;
  raw(action: string, payload: unknown): Promise<DispatchResult>;
}

/** The real app on a real SQLite file in a fresh temp dir, with the seed data. */
export async function startTestApp(opts: { mode?: AppMode; now?: () => Date; /** Members created by as() have agreed to the privacy notice. */ consented?: boolean } = {}): Promise<TestApp> {
  const dataDir = tempDir();
  const app = await createApp({ dataDir, mode: opts.mode ?? 'dev' });
  const signer = sessionSigner(Buffer.alloc(32, 7));
  const services = { store: app.store, mode: app.options.mode, now: opts.now, issueSession: (m: { id: number }) => signer.issue(m.id) };
  const caller = (identity: Identity): Caller => ({
    raw: (action, payload) => app.router.dispatch(action, payload, identity, services),
    async call(action, payload) {
      const r = await app.router.dispatch(action, payload, identity, services);
      if (!r.body.ok) throw Object.assign(new Error(`${action}: ${r.body.error.code} ${r.body.error.message}`), { status: r.status, code: r.body.error.code });
      return r.body.data as never;
    },
  });
  const agreed = new Set<string>();
  const consenting = (openid: string): Caller => {
    const inner = caller({ kind: 'openid', openid });
    const ensure = async () => {
      if (agreed.has(openid)) return;
      agreed.add(openid);
      const m = await app.store.members.findOrCreateByOpenid(openid, '微信用户');
      if (m.consentVersion !== PRIVACY_NOTICE_VERSION) await app.store.members.recordConsent(m.id, PRIVACY_NOTICE_VERSION, new Date());
    };
    return {
      raw: async (action, payload) => (await ensure(), inner.raw(action, payload)),
      call: async (action, payload) => (await ensure(), inner.call(action, payload)),
    };
  };
  return {
    ...app,
    dataDir,
    as: (openid) => (opts.consented ? consenting(openid) : caller({ kind: 'openid', openid })),
    anonymous: caller({ kind: 'anonymous' }),
    close() {
      app.store.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
