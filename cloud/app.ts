import path from 'node:path';
import { appActions } from './actions';
import type { Action, MemberDataParts, Seeder } from './features/context';
import { Router } from './core/router';
import type { AppMode } from './core/context';
import type { Store } from './features/store';
import { runSeeds } from './core/seed';
import { orgSeeder } from './features/org/seed';
import { adminSeeder } from './features/admin/seed';
import { quizSeeder } from './features/quiz/seed';
import { classesSeeder } from './features/classes/seed';
import { eventSeeder } from './features/events/seed';
import { magazineSeeder } from './features/magazine/seed';
import { quizDataSection } from './features/quiz/export';
import { classesDataSection } from './features/classes/export';
import { eventIntentsDataSection, eventsDataSection, forgetCheckinLocations } from './features/events/data-section';
import { magazineDataSection } from './features/magazine/export';
import { mediaDataSection } from './features/media/data-section';
import { releaseClassesOfDeletedMember } from './features/classes/handlers';
import { forgetQuizEntriesOfDeletedMember } from './features/quiz/handlers';
import { openSqliteStore } from './adapters/sqlite/sqlite';
import { startCheckpointer } from './adapters/sqlite/checkpointer';
import { openMysqlStore } from './adapters/mysql/store';
import { mysqlConfigFromEnv, type MysqlConfig } from './adapters/mysql/db';

/** Which engine holds the data: embedded SQLite in a data dir (the default), or a MySQL server (production). */
export type StoreChoice = { engine: 'sqlite'; dataDir: string } | { engine: 'mysql'; config: MysqlConfig };

export interface AppOptions {
  /** SQLite's data dir, and where a host keeps files of its own. */
  dataDir: string;
  mode: AppMode;
  /** Defaults to storeChoiceFromEnv(process.env, dataDir). */
  store?: StoreChoice;
  /** Where seeds/ lives; defaults to the repository's. */
  seedsDir?: string;
  seed?: boolean;
}

export interface App {
  router: Router;
  store: Store;
  engine: StoreChoice['engine'];
  options: AppOptions;
  /** Starts the engine's background upkeep for a long-running host (SQLite: WAL checkpoints on a worker thread); returns its stop. */
  startUpkeep(): () => Promise<void>;
}

/** Seeders in dependency order: orgs before anything that points at them. */
export const seeders: readonly Seeder[] = [orgSeeder, adminSeeder, quizSeeder, classesSeeder, eventSeeder, magazineSeeder];

/**
 * What the features keep about a member: 我的数据 shows every section, and 注销 runs every hook before the
 * member's rows go. A feature that stores personal rows adds its section here, so none is left out.
 */
export const memberData: MemberDataParts = {
  sections: [quizDataSection, classesDataSection, eventsDataSection, eventIntentsDataSection, magazineDataSection, mediaDataSection],
  beforeDelete: [releaseClassesOfDeletedMember, forgetQuizEntriesOfDeletedMember, forgetCheckinLocations],
};

/** Every action the API serves. */
export const actions: readonly Action[] = appActions(memberData);

export const REPO_ROOT = path.resolve(__dirname, '..');

/** MySQL when DATABASE_URL or 微信云托管's MYSQL_ADDRESS is set, else SQLite in dataDir. */
export function storeChoiceFromEnv(env: Partial<Record<string, string>>, dataDir: string): StoreChoice {
  const config = mysqlConfigFromEnv(env);
  return config ? { engine: 'mysql', config } : { engine: 'sqlite', dataDir };
}

/** Opens the store (migrating it), fills it from seeds/ when new, and builds the router. Shared by every host. */
export async function createApp(options: AppOptions): Promise<App> {
  const choice = options.store ?? storeChoiceFromEnv(process.env, options.dataDir);
  let app: App;
  if (choice.engine === 'mysql') {
    const store = await openMysqlStore(choice.config);
    app = { router: new Router(actions), store, engine: 'mysql', options, startUpkeep: () => async () => undefined };
  } else {
    const store = openSqliteStore(choice.dataDir);
    app = {
      router: new Router(actions),
      store,
      engine: 'sqlite',
      options,
      startUpkeep() {
        const checkpointer = startCheckpointer(store.db);
        return () => checkpointer.stop();
      },
    };
  }
  if (options.seed !== false) await runSeeds(app.store, seeders, options.seedsDir ?? path.join(REPO_ROOT, 'seeds'));
  return app;
}

export function modeFromEnv(env: NodeJS.ProcessEnv = process.env): AppMode {
  return env.APP_MODE === 'production' || env.NODE_ENV === 'production' ? 'production' : 'dev';
}
