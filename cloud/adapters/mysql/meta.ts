import type { MysqlDb } from './db';
import type { MetaRepo, SeedClaim } from '../../core/store';

/** Seed claims and shared secrets on MySQL: every decision is a unique insert, so hosts starting together agree. */
export function mysqlMetaRepo(db: MysqlDb): MetaRepo {
  return {
    async claimSeed(name, at): Promise<SeedClaim> {
      const since = at.toISOString();
      for (;;) {
        const { inserted } = await db.insertUnique('INSERT INTO seed_runs (name, claimed_at) VALUES (?, ?)', [name, since]);
        if (inserted) return { kind: 'claimed', since };
        const row = await db.row<{ claimedAt: string; ranAt: string | null }>('SELECT claimed_at AS claimedAt, ran_at AS ranAt FROM seed_runs WHERE name = ?', [
          name,
        ]);
        if (row) return row.ranAt ? { kind: 'done' } : { kind: 'held', since: row.claimedAt };
        // The claim was dropped between the two statements: try again.
      }
    },
    async finishSeed(name, at) {
      await db.run('UPDATE seed_runs SET ran_at = ? WHERE name = ?', [at.toISOString(), name]);
    },
    async dropSeedClaim(name, since) {
      return (await db.run('DELETE FROM seed_runs WHERE name = ? AND claimed_at = ? AND ran_at IS NULL', [name, since])).affected === 1;
    },
    async sharedSecret(name, candidate, at) {
      await db.insertUnique('INSERT INTO shared_secrets (name, value, created_at) VALUES (?, ?, ?)', [name, candidate, at.toISOString()]);
      return (await db.value<string>('SELECT value FROM shared_secrets WHERE name = ?', [name]))!;
    },
  };
}
