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

/** A claim older than this was left by a host that died while seeding: a waiting host takes it over. */
const STALE_SEED_CLAIM_MS = 120_000;
const SEED_POLL_MS = 100;

/**
 * Fills the store from seeds/, idempotently: each seeder runs once per database, even when several hosts
 * start at once. A host claims a seed (a unique insert) before running it; the others wait until it is done,
 * so a later seeder never runs before the one it depends on.
 */
export async function runSeeds(store: Store, seeders: readonly Seeder[], seedsDir: string, now = new Date()): Promise<string[]> {
  const files = seedFiles(seedsDir);
  const ran: string[] = [];
  for (const s of seeders) {
    for (;;) {
      const claim = await store.meta.claimSeed(s.name, new Date());
      if (claim.kind === 'done') break;
      if (claim.kind === 'claimed') {
        try {
          await s.run(store, files, now);
        } catch (error) {
          await store.meta.dropSeedClaim(s.name, claim.since); // the next start tries again
          throw error;
        }
        await store.meta.finishSeed(s.name, new Date());
        ran.push(s.name);
        break;
      }
      if (Date.now() - Date.parse(claim.since) > STALE_SEED_CLAIM_MS) await store.meta.dropSeedClaim(s.name, claim.since);
      else await new Promise((r) => setTimeout(r, SEED_POLL_MS));
    }
  }
  return ran;
}
