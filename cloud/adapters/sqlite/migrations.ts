import type { Migration } from './migrate';
import { foundationMigrations } from './schema/member';
import { quizMigrations } from './schema/quiz';
import { classesMigrations } from './schema/classes';
import { eventMigrations } from './schema/events';
import { magazineMigrations } from './schema/magazine';
import { mediaMigrations } from './schema/media';
import { notifyMigrations } from './schema/notify';

/**
 * Every migration of the app. Each feature owns a number range so parallel work never collides:
 * 001-099 foundation, 100-199 quiz, 200-299 classes, 300-399 events, 400-499 magazine, 500-599 media, 600-699 notify.
 */
export const migrations: Migration[] = [
  ...foundationMigrations,
  ...quizMigrations,
  ...classesMigrations,
  ...eventMigrations,
  ...magazineMigrations,
  ...mediaMigrations,
  ...notifyMigrations,
];
