import mysql from 'mysql2/promise';

/** A statement's parameters: positional values, as mysql2 takes them. */
export type Params = readonly unknown[];

/** One connection's worth of statements, inside or outside a transaction. */
export interface Sql {
  /** Rows of a SELECT. */
  rows<T = Record<string, unknown>>(sql: string, params?: Params): Promise<T[]>;
  /** The first row of a SELECT, or undefined. */
  row<T = Record<string, unknown>>(sql: string, params?: Params): Promise<T | undefined>;
  /** The first column of the first row, or undefined. */
  value<T = unknown>(sql: string, params?: Params): Promise<T | undefined>;
  /**
   * A write. `affected` counts MATCHED rows (mysql2 sends CLIENT_FOUND_ROWS), so a conditional UPDATE
   * reports whether its WHERE held even when it set a value that was already there.
   */
  run(sql: string, params?: Params): Promise<{ affected: number; insertId: number }>;
  /** An INSERT that reports a duplicate key instead of throwing: false when a UNIQUE key refused the row. */
  insertUnique(sql: string, params?: Params): Promise<{ inserted: boolean; insertId: number }>;
  /**
   * The statements in one round trip, run in order (atomic only inside a transaction); the first error stops
   * the rest and is thrown. One result per statement.
   */
  batch(statements: readonly Statement[]): Promise<StatementResult[]>;
}

/** One statement of a batch and what it gave: the rows of a SELECT, the counts of a write. */
export interface Statement {
  sql: string;
  params?: Params;
}
export interface StatementResult {
  rows: Record<string, unknown>[];
  affected: number;
  insertId: number;
}

/** A transaction's statements. */
export interface TxSql extends Sql {
  /** As `batch`, and the transaction commits in the same round trip (nothing may be sent after it). */
  batchAndCommit(statements: readonly Statement[]): Promise<StatementResult[]>;
}

export interface MysqlDb extends Sql {
  pool: mysql.Pool;
  /**
   * Runs `work` in one transaction on one connection and commits it. A deadlock, a lock-wait timeout or a
   * TiDB write conflict rolls back and runs `work` again from the start (so `work` must have no effects
   * outside the transaction); any other error rolls back and is rethrown. The transaction begins in the
   * round trip of its first statement.
   */
  tx<T>(work: (sql: TxSql) => Promise<T>): Promise<T>;
  /** Each row of a SELECT handed to `each` as it arrives, never the whole result in memory (a scan of a big table). */
  eachRow<T = Record<string, unknown>>(sql: string, params: Params, each: (row: T) => void): Promise<void>;
  close(): Promise<void>;
}

export interface MysqlConfig {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  /** Connections in the pool. */
  connectionLimit?: number;
}

/** Errors after which a transaction is simply run again: MySQL/MariaDB deadlock and lock-wait timeout, TiDB write conflicts. */
const RETRYABLE = new Set([1213, 1205, 9007, 8002, 8022, 8028]);
const MAX_ATTEMPTS = 8;

// Statement text and parameters are built for every group of calls, often hundreds of values long: these helpers
// repeat strings and push values, where Array.from and Array#flatMap run many times slower on lists that long.
/** `?, ?, ?` for n values (an IN list, a row of VALUES). */
export const placeholders = (n: number) => (n > 0 ? `?${', ?'.repeat(n - 1)}` : '');
/** `(?, ?), (?, ?)` for `count` rows of `width` values (a multi-row VALUES). */
export const valueRows = (count: number, width: number) => {
  const row = `(${placeholders(width)})`;
  return count > 0 ? `${row}${`, ${row}`.repeat(count - 1)}` : '';
};
/** The values `each` gives for every item, one after another in one list: the parameters of a multi-row statement. */
export function valuesOf<T, V = unknown>(items: Iterable<T>, each: (item: T) => readonly V[]): V[] {
  const values: V[] = [];
  for (const item of items) for (const v of each(item)) values.push(v);
  return values;
}
/** Adds `value` to the list under `key`, starting the list: rows of a group's result, gathered by what they belong to. */
export function pushTo<K, V>(lists: Map<K, V[]>, key: K, value: V): void {
  const list = lists.get(key);
  if (list) list.push(value);
  else lists.set(key, [value]);
}
/** A list of a table's columns (`name` or `name AS alias`) written for the table under `alias` in a join. */
export const qualified = (columns: string, alias: string) => columns.replace(/(^|,\s*)(\w+)/g, `$1${alias}.$2`);

export const isDuplicateKey = (e: unknown): boolean => (e as { errno?: number })?.errno === 1062;
const isRetryable = (e: unknown): boolean => RETRYABLE.has((e as { errno?: number })?.errno ?? 0);

type Queryable = mysql.Pool | mysql.PoolConnection;

const resultOf = (r: unknown): StatementResult =>
  Array.isArray(r)
    ? { rows: r as Record<string, unknown>[], affected: 0, insertId: 0 }
    : { rows: [], affected: (r as mysql.ResultSetHeader).affectedRows, insertId: Number((r as mysql.ResultSetHeader).insertId) };

function sqlOn(q: Queryable): Sql {
  const rows = async <T>(sql: string, params: Params = []) => (await q.query(sql, params as unknown[]))[0] as T[];
  const run = async (sql: string, params: Params = []) => {
    const [r] = (await q.query(sql, params as unknown[])) as [mysql.ResultSetHeader, unknown];
    return { affected: r.affectedRows, insertId: Number(r.insertId) };
  };
  return {
    rows,
    run,
    async row<T>(sql: string, params?: Params) {
      return (await rows<T>(sql, params))[0];
    },
    async value<T>(sql: string, params?: Params) {
      const first = (await rows<Record<string, unknown>>(sql, params))[0];
      return first === undefined ? undefined : (Object.values(first)[0] as T);
    },
    async insertUnique(sql, params) {
      try {
        const r = await run(sql, params);
        return { inserted: true, insertId: r.insertId };
      } catch (e) {
        if (isDuplicateKey(e)) return { inserted: false, insertId: 0 };
        throw e;
      }
    },
    async batch(statements) {
      if (!statements.length) return [];
      const [r] = await q.query(
        statements.map((s) => s.sql).join(';\n'),
        valuesOf(statements, (s) => s.params ?? []),
      );
      return (statements.length === 1 ? [r] : (r as unknown[])).map(resultOf);
    },
  };
}

/**
 * A transaction's statements on its connection. `START TRANSACTION` travels with the first statement and
 * `COMMIT` may travel with the last (multi-statement text: every value still goes through a placeholder).
 */
function txOn(conn: mysql.PoolConnection) {
  let begun = false;
  let committed = false;
  /** The statements in one round trip, after START TRANSACTION when it has not been sent yet. */
  async function send(statements: readonly Statement[], commit = false): Promise<unknown[]> {
    if (committed) throw new Error('statement after the transaction committed');
    const texts = statements.map((s) => s.sql);
    const prefix = begun ? 0 : 1;
    if (!begun) texts.unshift('START TRANSACTION');
    if (commit) texts.push('COMMIT');
    begun = true;
    const params = valuesOf(statements, (s) => s.params ?? []);
    const [r] = await conn.query(texts.join(';\n'), params);
    if (commit) committed = true;
    const results = texts.length === 1 ? [r] : (r as unknown[]);
    return results.slice(prefix, prefix + statements.length);
  }
  const one = async (sql: string, params: Params = []) => (await send([{ sql, params }]))[0];
  const rows = async <T>(sql: string, params?: Params) => (await one(sql, params)) as T[];
  const run = async (sql: string, params?: Params) => {
    const r = (await one(sql, params)) as mysql.ResultSetHeader;
    return { affected: r.affectedRows, insertId: Number(r.insertId) };
  };
  const sql: TxSql = {
    rows,
    run,
    async row<T>(text: string, params?: Params) {
      return (await rows<T>(text, params))[0];
    },
    async value<T>(text: string, params?: Params) {
      const first = (await rows<Record<string, unknown>>(text, params))[0];
      return first === undefined ? undefined : (Object.values(first)[0] as T);
    },
    async insertUnique(text, params) {
      try {
        const r = await run(text, params);
        return { inserted: true, insertId: r.insertId };
      } catch (e) {
        if (isDuplicateKey(e)) return { inserted: false, insertId: 0 };
        throw e;
      }
    },
    batch: async (statements) => (statements.length ? (await send(statements)).map(resultOf) : []),
    batchAndCommit: async (statements) => (await send(statements, true)).map(resultOf),
  };
  return { sql, begun: () => begun, committed: () => committed };
}

const backoff = (attempt: number) => new Promise((r) => setTimeout(r, Math.min(200, 2 ** attempt) * (0.5 + Math.random())));

export function openMysql(config: MysqlConfig): MysqlDb {
  const pool = mysql.createPool({
    host: config.host,
    port: config.port,
    user: config.user,
    password: config.password,
    database: config.database,
    connectionLimit: config.connectionLimit ?? 16,
    charset: 'utf8mb4_unicode_ci',
    // Times are stored as ISO text by the app, never as DATETIME, so no zone conversion happens here.
    dateStrings: true,
    supportBigNumbers: true,
    bigNumberStrings: false,
    decimalNumbers: true,
    // A transaction sends several statements in one round trip (see txOn); values only ever go through placeholders.
    multipleStatements: true,
    // No stack captured on every query (a cost on every round trip): mysql2's errors still carry the server's code and message.
    trace: false,
  });
  const outside = sqlOn(pool);
  return {
    ...outside,
    pool,
    async tx(work) {
      for (let attempt = 1; ; attempt++) {
        const conn = await pool.getConnection();
        const t = txOn(conn);
        try {
          const result = await work(t.sql);
          if (t.begun() && !t.committed()) await conn.query('COMMIT');
          return result;
        } catch (e) {
          if (t.begun() && !t.committed()) await conn.query('ROLLBACK').catch(() => undefined);
          if (!isRetryable(e) || attempt >= MAX_ATTEMPTS) throw e;
        } finally {
          conn.release();
        }
        await backoff(attempt);
      }
    },
    eachRow(sql, params, each) {
      return new Promise((resolve, reject) => {
        pool.pool
          .query(sql, params as unknown[])
          .on('result', (row) => each(row as never))
          .on('error', reject)
          .on('end', () => resolve());
      });
    },
    close: () => pool.end(),
  };
}

/**
 * The MySQL settings of the environment: `DATABASE_URL=mysql://user:pass@host:port/db`, or 微信云托管's
 * `MYSQL_ADDRESS` (host:port) / `MYSQL_USERNAME` / `MYSQL_PASSWORD` with `MYSQL_DATABASE`. Undefined when neither is set.
 */
export function mysqlConfigFromEnv(env: Partial<Record<string, string>> = process.env): MysqlConfig | undefined {
  if (env.DATABASE_URL) return mysqlConfigFromUrl(env.DATABASE_URL);
  if (env.MYSQL_ADDRESS) {
    const [host, port] = env.MYSQL_ADDRESS.split(':');
    return {
      host,
      port: Number(port || 3306),
      user: env.MYSQL_USERNAME ?? 'root',
      password: env.MYSQL_PASSWORD ?? '',
      database: env.MYSQL_DATABASE ?? 'huiyuan',
    };
  }
  return undefined;
}

export function mysqlConfigFromUrl(url: string): MysqlConfig {
  const u = new URL(url);
  if (u.protocol !== 'mysql:') throw new Error(`DATABASE_URL must start with mysql:// (got ${u.protocol})`);
  const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (!database) throw new Error('DATABASE_URL names no database (mysql://user:pass@host:port/<db>)');
  return {
    host: u.hostname,
    port: Number(u.port || 3306),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database,
    connectionLimit: u.searchParams.has('connectionLimit') ? Number(u.searchParams.get('connectionLimit')) : undefined,
  };
}
