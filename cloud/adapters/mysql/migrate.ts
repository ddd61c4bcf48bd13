import crypto from 'node:crypto';
import type { MysqlDb } from './db';

export interface MysqlMigration {
  /** Applied in id order, once each; the same id ranges as the SQLite migrations. */
  id: string;
  /** One DDL or DML statement each: MySQL commits DDL on its own, so a migration is not one transaction. */
  statements: readonly string[];
}

/** Table options every table of the app uses: InnoDB and an explicit utf8mb4 collation that MariaDB, MySQL 8 and TiDB all have. */
export const TABLE = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

/** A lock older than this is taken to be left by a host that died while migrating. */
const STALE_LOCK_MS = 120_000;

/**
 * Brings the schema up to date. Safe when several hosts start at the same moment: the first to insert the
 * one lock row migrates, the others wait for it to finish (no GET_LOCK: TiDB has none by default).
 * A statement that fails because its column or index already exists (a migration cut short after some
 * statements) is taken as applied.
 */
export async function migrateMysql(db: MysqlDb, migrations: readonly MysqlMigration[]): Promise<string[]> {
  const ids = migrations.map((m) => m.id);
  if (new Set(ids).size !== ids.length) throw new Error('duplicate migration id');
  await db.run(`CREATE TABLE IF NOT EXISTS schema_migrations (id VARCHAR(64) NOT NULL PRIMARY KEY, applied_at VARCHAR(32) NOT NULL) ${TABLE}`);
  await db.run(`CREATE TABLE IF NOT EXISTS schema_lock (id TINYINT NOT NULL PRIMARY KEY, holder VARCHAR(64) NOT NULL, taken_at BIGINT NOT NULL) ${TABLE}`);
  const pendingOf = async () => {
    const applied = new Set((await db.rows<{ id: string }>('SELECT id FROM schema_migrations')).map((r) => r.id));
    return [...migrations].sort((a, b) => a.id.localeCompare(b.id)).filter((m) => !applied.has(m.id));
  };
  if ((await pendingOf()).length === 0) return [];

  const holder = crypto.randomUUID();
  for (;;) {
    const { inserted } = await db.insertUnique('INSERT INTO schema_lock (id, holder, taken_at) VALUES (1, ?, ?)', [holder, Date.now()]);
    if (inserted) break;
    await db.run('DELETE FROM schema_lock WHERE id = 1 AND taken_at < ?', [Date.now() - STALE_LOCK_MS]);
    await new Promise((r) => setTimeout(r, 100));
  }
  try {
    const pending = await pendingOf();
    for (const m of pending) {
      for (const statement of m.statements) {
        try {
          await db.run(statement);
        } catch (e) {
          // 1060 duplicate column, 1061 duplicate key name, 1050 table exists: this statement already ran.
          if (![1060, 1061, 1050].includes((e as { errno?: number }).errno ?? 0)) throw e;
        }
      }
      await db.run('INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)', [m.id, new Date().toISOString()]);
    }
    return pending.map((m) => m.id);
  } finally {
    await db.run('DELETE FROM schema_lock WHERE id = 1 AND holder = ?', [holder]);
  }
}
