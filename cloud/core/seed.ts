import fs from 'node:fs';
import path from 'node:path';
import type { CoreStore } from './store';

/** S: the store the seeder writes to (features/context.ts: the app's Store). */
export interface Seeder<S extends CoreStore = CoreStore> {
  /** Recorded once it has run; bump the name (e.g. "orgs@2") to load changed seed data again. */
  name: string;
  run(store: S, seeds: SeedFiles, now: Date): Promise<void>;
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
/** Waiting longer than this is said in the log, so a start that seems stuck tells why. */
const SEED_WAIT_NOTICE_MS = 5_000;

/**
 * Fills the store from seeds/, idempotently: each seeder runs once per database, even when several hosts
 * start at once. A host claims a seed (a unique insert) before running it; the others wait until it is done,
 * so a later seeder never runs before the one it depends on.
 */
export async function runSeeds<S extends CoreStore>(store: S, seeders: readonly Seeder<S>[], seedsDir: string, now = new Date()): Promise<string[]> {
  const files = seedFiles(seedsDir);
  const ran: string[] = [];
  for (const seeder of seeders) if (await runOnce(store, seeder, files, now)) ran.push(seeder.name);
  return ran;
}

/** Runs the seeder unless it has run, waiting while another host runs it. True when this host ran it. */
async function runOnce<S extends CoreStore>(store: S, seeder: Seeder<S>, files: SeedFiles, now: Date): Promise<boolean> {
  const waitingSince = Date.now();
  let told = false;
  for (;;) {
    const claim = await store.meta.claimSeed(seeder.name, new Date());
    if (claim.kind === 'done') return false;
    if (claim.kind === 'claimed') {
      try {
        await seeder.run(store, files, now);
      } catch (error) {
        await store.meta.dropSeedClaim(seeder.name, claim.since); // the next start tries again
        throw error;
      }
      await store.meta.finishSeed(seeder.name, new Date());
      return true;
    }
    if (Date.now() - Date.parse(claim.since) > STALE_SEED_CLAIM_MS) {
      await store.meta.dropSeedClaim(seeder.name, claim.since);
      continue;
    }
    if (!told && Date.now() - waitingSince > SEED_WAIT_NOTICE_MS) {
      told = true;
      console.log(
        `初始数据“${seeder.name}”正由另一个实例写入（${claim.since} 开始），等待它完成；若那个实例已退出，${STALE_SEED_CLAIM_MS / 60_000} 分钟后由本实例接手`,
      );
    }
    await new Promise((r) => setTimeout(r, SEED_POLL_MS));
  }
}
