import type { Db } from './db';
import type { MetaRepo, SeedClaim } from '../../core/store';

export function sqliteMetaRepo(db: Db): MetaRepo {
  const claim = db.prepare('INSERT INTO seed_runs (name, claimed_at) VALUES (?, ?) ON CONFLICT(name) DO NOTHING');
  const seedRow = db.prepare('SELECT claimed_at AS claimedAt, ran_at AS ranAt FROM seed_runs WHERE name = ?');
  const finish = db.prepare('UPDATE seed_runs SET ran_at = ? WHERE name = ?');
  const drop = db.prepare('DELETE FROM seed_runs WHERE name = ? AND claimed_at = ? AND ran_at IS NULL');
  const keepSecret = db.prepare('INSERT INTO shared_secrets (name, value, created_at) VALUES (?, ?, ?) ON CONFLICT(name) DO NOTHING');
  const secret = db.prepare('SELECT value FROM shared_secrets WHERE name = ?').pluck();
  return {
    async claimSeed(name, at): Promise<SeedClaim> {
      const since = at.toISOString();
      for (;;) {
        if (claim.run(name, since).changes === 1) return { kind: 'claimed', since };
        const row = seedRow.get(name) as { claimedAt: string; ranAt: string | null } | undefined;
        if (row) return row.ranAt ? { kind: 'done' } : { kind: 'held', since: row.claimedAt };
        // The claim was dropped between the two statements (another process): try again.
      }
    },
    async finishSeed(name, at) {
      finish.run(at.toISOString(), name);
    },
    async dropSeedClaim(name, since) {
      return drop.run(name, since).changes === 1;
    },
    async sharedSecret(name, candidate, at) {
      keepSecret.run(name, candidate, at.toISOString());
      return secret.get(name) as string;
    },
  };
}
