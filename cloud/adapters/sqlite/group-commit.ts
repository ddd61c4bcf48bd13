import type { Db } from './db';

/** Most write transactions one commit may carry, so the first answers of a burst do not wait for its end. */
const MAX_BATCH = 64;

type Pending = { work: () => unknown; oneStatement: boolean; resolve: (value: any) => void; reject: (error: unknown) => void };

export interface WorkOptions {
  /**
   * The work writes with one statement (reads around it are fine). SQLite undoes a failed statement by
   * itself, so such a work needs no savepoint of its own to fail alone.
   */
  oneStatement?: boolean;
}
type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * Group commit. Under a burst (a hall registering for a class, a campaign closing with everyone pressing
 * 交卷) the dear part of a small write transaction is its commit, not its work. Write transactions queued in
 * the same turn of the event loop therefore run one by one, in arrival order, each inside its own savepoint,
 * within ONE transaction that commits them together. Each decision is exactly what it would be alone; a failing one is rolled back to its
 * savepoint and rejects only its own caller. Callers get their answer only after the shared commit.
 */
export function groupCommitter(db: Db): <T>(work: () => T, opts?: WorkOptions) => Promise<T> {
  let pending: Pending[] = [];
  // Built once: better-sqlite3 makes four wrappers each time db.transaction() is called, which on this hot
  // path cost more than the savepoint itself. Called inside the batch's transaction, `inSavepoint` is a savepoint.
  const inSavepoint = db.transaction((work: () => unknown) => work());
  const commitBatch = db.transaction((batch: Pending[], results: Outcome[]) => {
    for (const p of batch) {
      try {
        results.push({ ok: true, value: p.oneStatement ? p.work() : inSavepoint(p.work) });
      } catch (error) {
        results.push({ ok: false, error });
      }
    }
  });
  const flush = () => {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    const results: Outcome[] = [];
    try {
      commitBatch(batch, results);
    } catch (error) {
      for (const p of batch) p.reject(error);
      return;
    }
    batch.forEach((p, i) => {
      const r = results[i];
      if (r.ok) p.resolve(r.value);
      else p.reject(r.error);
    });
  };
  return <T>(work: () => T, opts?: WorkOptions) =>
    new Promise<T>((resolve, reject) => {
      pending.push({ work, oneStatement: opts?.oneStatement === true, resolve, reject });
      if (pending.length === 1) setImmediate(flush);
      else if (pending.length >= MAX_BATCH) flush();
    });
}

const committers = new WeakMap<Db, <T>(work: () => T, opts?: WorkOptions) => Promise<T>>();

/** The one group committer of a database: every feature's bursts share its commits. */
export function groupCommitOf(db: Db): <T>(work: () => T, opts?: WorkOptions) => Promise<T> {
  let committer = committers.get(db);
  if (!committer) committers.set(db, (committer = groupCommitter(db)));
  return committer;
}
