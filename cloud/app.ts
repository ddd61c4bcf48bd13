import path from 'node:path';
import { appActions } from './actions';
import type { Action } from './core/action';
import type { MemberDataParts } from './core/member-data';
import { Router } from './core/router';
import type { AppMode } from './core/context';
import { openSqliteStore, type SqliteStore } from './adapters/sqlite/sqlite';
import { runSeeds, type Seeder } from './core/seed';
import { orgSeeder } from './features/org/seed';
import { adminSeeder } from './features/admin/seed';
import { quizSeeder } from './features/quiz/seed';
import { classesSeeder } from './features/classes/seed';
import { eventSeeder } from './features/events/seed';
import { magazineSeeder } from './features/magazine/seed';
import { quizDataSection } from './features/quiz/export';
import { classesDataSection } from './features/classes/export';
import { eventIntentsDataSection, eventsDataSection } from './features/events/data-section';
import { magazineDataSection } from './features/magazine/export';
import { mediaDataSection } from './features/media/data-section';
import { releaseClassesOfDeletedMember } from './features/classes/handlers';

export interface AppOptions {
  dataDir: string;
  mode: AppMode;
  /** Where seeds/ lives; defaults to the repository's. */
  seedsDir?: string;
  seed?: boolean;
}

export interface App {
  router: Router;
  store: SqliteStore;
  options: AppOptions;
}

/** Seeders in dependency order: orgs before anything that points at them. */
export const seeders: readonly Seeder[] = [orgSeeder, adminSeeder, quizSeeder, classesSeeder, eventSeeder, magazineSeeder];

/**
 * What the features keep about a member: 我的数据 shows every section, and 注销 runs every hook before the
 * member's rows go. A feature that stores personal rows adds its section here, so none is left out.
 */
export const memberData: MemberDataParts = {
  sections: [quizDataSection, classesDataSection, eventsDataSection, eventIntentsDataSection, magazineDataSection, mediaDataSection],
  beforeDelete: [releaseClassesOfDeletedMember],
};

/** Every action the API serves. */
export const actions: readonly Action[] = appActions(memberData);

export const REPO_ROOT = path.resolve(__dirname, '..');

/** Opens the store (migrating it), fills it from seeds/ when new, and builds the router. Shared by every host. */
export async function createApp(options: AppOptions): Promise<App> {
  const store = openSqliteStore(options.dataDir);
  if (options.seed !== false) await runSeeds(store, seeders, options.seedsDir ?? path.join(REPO_ROOT, 'seeds'));
  return { router: new Router(actions), store, options };
}

export function modeFromEnv(env: NodeJS.ProcessEnv = process.env): AppMode {
  return env.APP_MODE === 'production' || env.NODE_ENV === 'production' ? 'production' : 'dev';
}
