import fs from 'node:fs';
import path from 'node:path';
import type { Store } from '../features/store';

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


export function seedFiles(dir: string): SeedFiles {
  return {
    dir,
    readJson: <T>(p: string) => JSON.parse(fs.readFileSync(path.join(dir, p), 'utf8')) as T,
    exists: (p) => fs.existsSync(path.join(dir, p)),
    list: (p) => (fs.existsSync(path.join(dir, p)) ? fs.readdirSync(path.join(dir, p)).sort() : []),
  };
}

/** Fills the store from seeds/, idempotently: each seeder runs once per database. */
export async function runSeeds(store: Store, seeders: readonly Seeder[], seedsDir: string, now = new Date()): Promise<string[]> {
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
