import type { Db } from './db';

/**
 * In-memory copies of rows that nearly every request reads (the caller's member row, admin grants, the
 * org tree) and that change rarely. A copy is dropped whenever its rows may have changed:
 *  - written by this process, by any statement of any repo: a TEMP trigger on the table calls back into JS
 *    (TEMP, so it lives only in this connection and other processes never see it);
 *  - committed by another process (the admin CLI granting a 管理员): PRAGMA data_version moves; it is read
 *    once per turn of the event loop, so such a commit is seen by the next request that arrives after it;
 *  - written by a transaction that is later rolled back: nothing read inside a transaction is kept.
 */
export interface RowCache<K, V> {
  /** The cached value, or load()'s (kept unless undefined, or read inside a transaction that may yet roll back). */
  get(key: K, load: () => V | undefined): V | undefined;
  /** Taken inside a transaction right after writing a row: put() then knows whether a later write touched the cache. */
  mark(): number;
  /**
   * Keeps a row just committed, so the next reader need not read it back, unless anything was forgotten since
   * `mark` (a later write in the same commit may have changed it) or a transaction is still open.
   */
  put(key: K, value: V, mark: number): void;
}

interface Watch {
  /** Per cache: forget one key (null: forget everything). */
  forgetters: ((key: unknown) => void)[];
  dataVersion: () => number;
  lastVersion: number;
  checkedThisTurn: boolean;
}

const watches = new WeakMap<Db, Watch>();

function watchOf(db: Db): Watch {
  let w = watches.get(db);
  if (w) return w;
  const version = db.prepare('PRAGMA data_version').pluck();
  const watch: Watch = {
    forgetters: [],
    dataVersion: () => version.get() as number,
    lastVersion: 0,
    checkedThisTurn: false,
  };
  watch.lastVersion = watch.dataVersion();
  db.function('row_cache_forget', { varargs: false, deterministic: false }, (cache: unknown, key: unknown) => {
    watch.forgetters[Number(cache)]?.(key);
    return null;
  });
  watches.set(db, (w = watch));
  return w;
}

/** Drops every copy if another process committed since the last look (at most one look per event-loop turn). */
function seeOtherProcesses(watch: Watch): void {
  if (watch.checkedThisTurn) return;
  watch.checkedThisTurn = true;
  setImmediate(() => (watch.checkedThisTurn = false));
  const v = watch.dataVersion();
  if (v !== watch.lastVersion) {
    watch.lastVersion = v;
    for (const forget of watch.forgetters) forget(null);
  }
}

/**
 * A cache of rows of `tables`. With `keyColumn`, a change to a row forgets only that row's key; without it,
 * any change to any of `tables` forgets everything (for values built from several rows, or several tables).
 */
export function rowCache<K, V>(db: Db, opts: { tables: string[]; keyColumn?: string; max: number }): RowCache<K, V> {
  const watch = watchOf(db);
  const copies = new Map<K, V>();
  const id = watch.forgetters.length;
  let forgets = 0;
  watch.forgetters.push((key) => {
    forgets++;
    if (opts.keyColumn && key !== null) copies.delete(key as K);
    else copies.clear();
  });
  for (const table of opts.tables) {
    if (!/^\w+$/.test(table) || (opts.keyColumn && !/^\w+$/.test(opts.keyColumn))) throw new Error(`rowCache: bad name ${table}`);
    const key = (row: 'NEW' | 'OLD') => (opts.keyColumn ? `${row}.${opts.keyColumn}` : 'NULL');
    for (const [event, row] of [
      ['INSERT', 'NEW'],
      ['UPDATE', 'OLD'],
      ['DELETE', 'OLD'],
    ] as const) {
      db.exec(
        `CREATE TEMP TRIGGER row_cache_${id}_${table}_${event.toLowerCase()} AFTER ${event} ON main.${table}
         BEGIN SELECT row_cache_forget(${id}, ${key(row)}); END`,
      );
    }
  }
  const keep = (key: K, value: V) => {
    if (db.inTransaction) return; // it may yet roll back
    if (copies.size >= opts.max) copies.delete(copies.keys().next().value as K); // oldest first
    copies.set(key, value);
  };

  return {
    get(key, load) {
      seeOtherProcesses(watch);
      const hit = copies.get(key);
      if (hit !== undefined) return hit; // still good inside a transaction: had it written the row, the trigger would have dropped it
      const value = load();
      if (value !== undefined) keep(key, value);
      return value;
    },
    mark: () => forgets,
    put(key, value, mark) {
      if (mark === forgets) keep(key, value);
    },
  };
}
