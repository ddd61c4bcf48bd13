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
import { sqliteMetaRepo } from './meta';
import { sqliteNotifyRepo } from './notify';

export interface SqliteStore extends Store {
  /** For tests and benches that need to look underneath; handlers never see it. */
  db: Db;
}

/** Opens the SQLite adapter of the store in dataDir and brings its schema up to date. */
export function openSqliteStore(dataDir: string): SqliteStore {
  const db = openDatabase(dataDir);
  migrate(db, migrations);
  const members = sqliteMemberRepo(db);
  const admins = sqliteAdminRepo(db);
  return {
    db,
    members,
    orgs: sqliteOrgRepo(db),
    admins,
    points: sqlitePointsRepo(db),
    magazine: sqliteMagazineRepo(db),
    events: sqliteEventRepo(db),
    classes: sqliteClassRepo(db),
    quiz: sqliteQuizRepo(db),
    media: sqliteMediaRepo(db),
    meta: sqliteMetaRepo(db),
    notify: sqliteNotifyRepo(db),
    // Both reads are served from the row caches.
    async signedIn(memberId) {
      const member = await members.getById(memberId);
      return member && { member, adminOrgs: await admins.orgsOf(member.openid) };
    },
    async close() {
      db.close();
    },
  };
}
