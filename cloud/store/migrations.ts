import type { Migration } from './migrate';
import { foundationMigrations } from '../features/member/schema';
import { quizMigrations } from '../features/quiz/schema';
import { classesMigrations } from '../features/classes/schema';
import { eventMigrations } from '../features/events/schema';
import { magazineMigrations } from '../features/magazine/schema';
import { mediaMigrations } from '../features/media/schema';

/**
 * Every migration of the app. Each feature owns a number range so parallel work never collides:
 * 001-099 foundation, 100-199 quiz, 200-299 classes, 300-399 events, 400-499 magazine, 500-599 media.
 */
export const migrations: Migration[] = [...foundationMigrations, ...quizMigrations, ...classesMigrations, ...eventMigrations, ...magazineMigrations, ...mediaMigrations];
