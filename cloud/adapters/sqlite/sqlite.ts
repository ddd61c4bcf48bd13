import { openDatabase, type Db } from './db';
import { migrate } from './migrate';
import { migrations } from './migrations';
import type { Store } from '../../features/store';
import { sqliteMemberRepo } from './member';
import { sqliteOrgRepo } from './org';
import { sqliteAdminRepo } from './admin';
import { sqlitePointsRepo } from './points';
import { sqliteQuizRepo } from './quiz';
import { sqliteClassRepo } from './classes';
import { sqliteEventRepo } from './events';
import { sqliteMagazineRepo } from './magazine';
import { sqliteMediaRepo } from './media';
import { sqliteNotifyRepo } from './notify';

export interface SqliteStore extends Store {
  /** For tests and benches that need to look underneath; handlers never see it. */
  db: Db;
}

/** Opens the SQLite adapter of the store in dataDir and brings its schema up to date. */
export function openSqliteStore(dataDir: string): SqliteStore {
  const db = openDatabase(dataDir);
  migrate(db, migrations);
  const seedHasRun = db.prepare('SELECT 1 FROM seed_runs WHERE name = ?').pluck();
  return {
    db,
    members: sqliteMemberRepo(db),
    orgs: sqliteOrgRepo(db),
    admins: sqliteAdminRepo(db),
    points: sqlitePointsRepo(db),
    magazine: sqliteMagazineRepo(db),
    events: sqliteEventRepo(db),
    classes: sqliteClassRepo(db),
    quiz: sqliteQuizRepo(db),
    media: sqliteMediaRepo(db),
    notify: sqliteNotifyRepo(db),
    meta: {
      async seedHasRun(name) {
        return seedHasRun.get(name) === 1;
      },
      async markSeedRun(name, at) {
        db.prepare('INSERT OR IGNORE INTO seed_runs (name, ran_at) VALUES (?, ?)').run(name, at.toISOString());
      },
    },
    async close() {
      db.close();
    },
  };
}
