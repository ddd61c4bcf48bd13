import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';

export type Db = Database.Database;

/** Opens (creating if needed) the SQLite file in dataDir with the settings every host relies on. */
export function openDatabase(dataDir: string, fileName = 'huiyuan.sqlite'): Db {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, fileName));
  db.pragma('journal_mode = WAL');
  // NORMAL is durable across application crashes in WAL mode; only a power cut may lose the last commits.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // Savepoints (every write in a group commit has one) keep their undo pages in a statement journal, which past
  // 64 KiB spills to a temporary file: kept in memory, a 交卷 or 签到 costs ~10% less CPU.
  db.pragma('temp_store = MEMORY');
  return db;
}

/**
 * Prepares each distinct SQL text once, for statements built at run time (a scope's WHERE clause, the
 * columns a patch sets): preparing costs more than running a small statement.
 */
export function statementCache(db: Db): (sql: string) => Database.Statement {
  const statements = new Map<string, Database.Statement>();
  return (sql) => {
    let stmt = statements.get(sql);
    if (!stmt) statements.set(sql, (stmt = db.prepare(sql)));
    return stmt;
  };
}
