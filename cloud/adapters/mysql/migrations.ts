import type { MysqlMigration } from './migrate';
import { foundationMigrations } from './schema/member';
import { mediaMigrations } from './schema/media';
import { classesMigrations } from './schema/classes';
import { quizMigrations } from './schema/quiz';
import { eventMysqlMigrations } from './schema/events';
import { magazineMigrations } from './schema/magazine';
import { notifyMigrations } from './schema/notify';

/**
 * Every MySQL migration of the app, with the SQLite adapter's id ranges: 001-099 foundation, 100 quiz,
 * 200 classes, 300 events, 400 magazine, 500 media, 600 notify.
 */
export const mysqlMigrations: MysqlMigration[] = [
  ...foundationMigrations,
  ...mediaMigrations,
  ...classesMigrations,
  ...quizMigrations,
  ...eventMysqlMigrations,
  ...magazineMigrations,
  ...notifyMigrations,
];
