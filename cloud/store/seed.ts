import fs from 'node:fs';
import path from 'node:path';
import type { Store } from './store';
import { orgSeeder } from '../features/org/seed';
import { adminSeeder } from '../features/admin/seed';
import { quizSeeder } from '../features/quiz/seed';
import { classesSeeder } from '../features/classes/seed';
import { eventSeeder } from '../features/events/seed';
import { magazineSeeder } from '../features/magazine/seed';

export interface Seeder {
  /** Recorded once it has run; bump the name (e.g. "orgs@2") to load changed seed data again. */
  name: string;
  run(store: Store, seeds: SeedFiles, now: Date): Promise<void>;
}

export interface SeedFiles {
  readJson<T>(relativePath: string): T;
  exists(relativePath: string): boolean;
  list(relativeDir: string): string[];
  dir: string;
}

/** Seeders in dependency order: orgs before anything that points at them. Features append theirs. */
export const seeders: Seeder[] = [orgSeeder, adminSeeder, quizSeeder, classesSeeder, eventSeeder, magazineSeeder];

export function seedFiles(dir: string): SeedFiles {
  return {
    dir,
    readJson: <T>(p: string) => JSON.parse(fs.readFileSync(path.join(dir, p), 'utf8')) as T,
    exists: (p) => fs.existsSync(path.join(dir, p)),
    list: (p) => (fs.existsSync(path.join(dir, p)) ? fs.readdirSync(path.join(dir, p)).sort() : []),
  };
}

/** Fills the store from seeds/, idempotently: each seeder runs once per database. */
export async function runSeeds(store: Store, seedsDir: string, now = new Date()): Promise<string[]> {
  const files = seedFiles(seedsDir);
  const ran: string[] = [];
  for (const s of seeders) {
    if (await store.meta.seedHasRun(s.name)) continue;
    await s.run(store, files, now);
    await store.meta.markSeedRun(s.name, now);
    ran.push(s.name);
  }
  return ran;
}
