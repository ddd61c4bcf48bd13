import { openDatabase, type Db } from './db';
import { migrate } from './migrate';
import { migrations } from './migrations';
import type { Store } from './store';
import { sqliteMemberRepo } from '../features/member/repo.sqlite';
import { sqliteOrgRepo } from '../features/org/repo.sqlite';
import { sqliteAdminRepo } from '../features/admin/repo.sqlite';
import { sqlitePointsRepo } from '../features/points/repo.sqlite';
import { sqliteQuizRepo } from '../features/quiz/repo.sqlite';
import { sqliteClassRepo } from '../features/classes/repo.sqlite';
import { sqliteEventRepo } from '../features/events/repo.sqlite';
import { sqliteMagazineRepo } from '../features/magazine/repo.sqlite';
import { sqliteMediaRepo } from '../features/media/repo.sqlite';

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
    meta: {
      async seedHasRun(name) {
        return seedHasRun.get(name) === 1;
      },
      async markSeedRun(name, at) {
        db.prepare('INSERT OR IGNORE INTO seed_runs (name, ran_at) VALUES (?, ?)').run(name, at.toISOString());
      },
    },
    close() {
      db.close();
    },
  };
}
