import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import mysql from 'mysql2/promise';
import { createApp, type App, type StoreChoice } from '../../cloud/app';
import type { AppMode, Identity } from '../../cloud/core/context';
import type { ActionName, PayloadOf, ResultOf } from '../../cloud/contracts';
import type { DispatchResult } from '../../cloud/core/router';
import { sessionSigner } from '../../cloud/hosts/http/session';
import { PRIVACY_NOTICE_VERSION } from '../../cloud/contracts/privacy';
import { mysqlConfigFromUrl } from '../../cloud/adapters/mysql/db';
import type { SqliteStore } from '../../cloud/adapters/sqlite/sqlite';
import type { MysqlStore } from '../../cloud/adapters/mysql/store';

export function tempDir(prefix = 'huiyuan-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** The engine the API suite runs on: STORE=mysql runs it on the test MariaDB, otherwise SQLite. */
export const testEngine: StoreChoice['engine'] = process.env.STORE === 'mysql' ? 'mysql' : 'sqlite';

/** A fresh, empty database on the test MariaDB (started by tests/support/global-setup.ts); dropped by the returned function. */
export async function freshMysqlDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = process.env.MYSQL_TEST_URL;
  if (!base) throw new Error('MYSQL_TEST_URL is not set: run the tests through jest (tests/support/global-setup.ts starts MariaDB)');
  const name = `t_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  const root = await mysql.createConnection(base);
  await root.query(`CREATE DATABASE ${name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await root.end();
  return {
    url: `${base.replace(/\/$/, '')}/${name}`,
    async drop() {
      const c = await mysql.createConnection(base);
      await c.query(`DROP DATABASE IF EXISTS ${name}`);
      await c.end();
    },
  };
}

/** A store choice for a test of the given engine (default: the suite's), and how to clean it up. */
export async function testStoreChoice(
  engine: StoreChoice['engine'] = testEngine,
): Promise<{ choice: StoreChoice; dataDir: string; dispose: () => Promise<void> }> {
  const dataDir = tempDir();
  if (engine === 'sqlite') return { choice: { engine, dataDir }, dataDir, dispose: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
  const db = await freshMysqlDatabase();
  return {
    choice: { engine, config: { ...mysqlConfigFromUrl(db.url), connectionLimit: 8 } },
    dataDir,
    async dispose() {
      await db.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Portable SQL (MariaDB/MySQL and SQLite alike) against whichever engine the app runs on: for tests that look underneath. */
export function sqlOf(app: App): {
  rows<T = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<T[]>;
  value<T = unknown>(sql: string, ...params: unknown[]): Promise<T>;
} {
  const rows = async <T>(sql: string, ...params: unknown[]): Promise<T[]> => {
    if (app.engine === 'mysql') return (app.store as MysqlStore).db.rows<T>(sql, params);
    return (app.store as SqliteStore).db.prepare(sql).all(...params) as T[];
  };
  return {
    rows,
    async value<T>(sql: string, ...params: unknown[]) {
      const first = (await rows<Record<string, unknown>>(sql, ...params))[0];
      const v = first === undefined ? undefined : Object.values(first)[0];
      // COUNT/SUM come back as strings from some MySQL servers for big types: compare as numbers.
      return (typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v) as T;
    },
  };
}

// `store` is typed as SQLite's while tests still reach `store.db`; new tests use `sql` and work on both engines.
export interface TestApp extends Omit<App, 'store'> {
  store: SqliteStore;
  dataDir: string;
  /** Portable SQL underneath, on either engine. */
  sql: ReturnType<typeof sqlOf>;
  /** Dispatch as a member found or created by openid (as the WeChat context would). */
  as(openid: string): Caller;
  anonymous: Caller;
  close(): Promise<void>;
}

export interface Caller {
  call<A extends ActionName>(action: A, payload: PayloadOf<A>): Promise<ResultOf<A>>;
  raw(action: string, payload: unknown): Promise<DispatchResult>;
}

/** The real app with the seed data on a fresh store: SQLite in a temp dir, or (STORE=mysql) a fresh MariaDB database. */
export async function startTestApp(
  opts: {
    mode?: AppMode;
    now?: () => Date;
    /** Members created by as() have agreed to the privacy notice. */ consented?: boolean;
    engine?: StoreChoice['engine'];
  } = {},
): Promise<TestApp> {
  const { choice, dataDir, dispose } = await testStoreChoice(opts.engine);
  const app = await createApp({ dataDir, mode: opts.mode ?? 'dev', store: choice });
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
    store: app.store as SqliteStore,
    dataDir,
    sql: sqlOf(app),
    as: (openid) => (opts.consented ? consenting(openid) : caller({ kind: 'openid', openid })),
    anonymous: caller({ kind: 'anonymous' }),
    async close() {
      await app.store.close();
      await dispose();
    },
  };
}
