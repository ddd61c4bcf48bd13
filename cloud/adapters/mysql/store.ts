import type { Store } from '../../features/store';
import { openMysql, type MysqlConfig, type MysqlDb } from './db';
import { migrateMysql } from './migrate';
import { mysqlMigrations } from './migrations';
import { mysqlMemberRepo, signedInMembers } from './member';
import { mysqlOrgRepo } from './org';
import { mysqlAdminRepo } from './admin';
import { mysqlPointsRepo, payPoints } from './points';
import { mysqlMagazineRepo } from './magazine';
import { mysqlMediaRepo } from './media';
import { mysqlMetaRepo } from './meta';
import { mysqlClassRepo } from './classes';
import { mysqlQuizRepo } from './quiz';
import { mysqlEventRepo } from './events';
import { mysqlNotifyRepo } from './notify';

export interface MysqlStore extends Store {
  /** For tests and benches that need to look underneath; handlers never see it. */
  db: MysqlDb;
}

/** Opens the MySQL adapter of the store and brings its schema up to date (safe when several hosts start at once). */
export async function openMysqlStore(config: MysqlConfig): Promise<MysqlStore> {
  const db = openMysql(config);
  await migrateMysql(db, mysqlMigrations);
  return {
    db,
    members: mysqlMemberRepo(db),
    orgs: mysqlOrgRepo(db),
    admins: mysqlAdminRepo(db),
    points: mysqlPointsRepo(db),
    magazine: mysqlMagazineRepo(db, payPoints),
    events: mysqlEventRepo(db),
    classes: mysqlClassRepo(db),
    quiz: mysqlQuizRepo(db),
    media: mysqlMediaRepo(db),
    meta: mysqlMetaRepo(db),
    notify: mysqlNotifyRepo(db),
    signedIn: signedInMembers(db),
    close: () => db.close(),
  };
}
