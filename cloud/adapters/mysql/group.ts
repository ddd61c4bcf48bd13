import DataLoader from 'dataloader';

export interface GroupOptions {
  /** Groups at the database at once; while that many are out, the next group keeps gathering calls. */
  inFlight: number;
  /** Calls in one group at most. */
  maxGroup: number;
  /**
   * How long the group gathering behind one that is out keeps gathering after that one returns. Only a host under
   * load has such a group; a little more gathering there makes fuller groups, which cost the host and the database
   * less per call. A call made while no group is out goes at once.
   */
  lingerMs: number;
}

/**
 * The read every request makes (its member): one group out at a time, so the next gathers
 * meanwhile. Where several hosts share the load each one's groups are small, and a database statement costs about
 * the same for five rows as for ten: fewer, fuller statements outweigh the wait for one round trip.
 */
export const READ_GROUPS: GroupOptions = { inFlight: 1, maxGroup: 200, lingerMs: 1 };

/**
 * Calls that arrive while the host is busy are answered together, by one call of `run` for the group. A group
 * holds the calls made while the event loop handled one round of I/O, and it keeps gathering while `inFlight`
 * groups are already out. Under load the database then sees a few statements over many rows instead of many
 * one-row statements, and fewer round trips; a lone call is sent at once. `run` answers each key in order, with
 * an Error for a key that failed alone.
 */
export function grouped<K, V>(run: (keys: readonly K[]) => Promise<(V | Error)[]>, options: GroupOptions): (key: K) => Promise<V> {
  let out = 0;
  const gathering: (() => void)[] = [];
  const loader = new DataLoader<K, V>(
    async (keys) => {
      try {
        return await run(keys);
      } finally {
        // This group's place passes to the next one gathering, if any.
        const next = gathering.shift();
        if (next) setTimeout(next, options.lingerMs);
        else out--;
      }
    },
    {
      cache: false,
      maxBatchSize: options.maxGroup,
      // A group counts as out from the moment it is scheduled to go, so groups formed in one turn respect the limit too.
      batchScheduleFn: (send) => {
        if (out >= options.inFlight) return void gathering.push(send);
        out++;
        setImmediate(send);
      },
    },
  );
  return (key) => loader.load(key);
}

/** A failure as the Error a call of a group is answered with. */
export const asError = (e: unknown): Error => (e instanceof Error ? e : new Error(String(e)));
