import { Worker } from 'node:worker_threads';
import type { Db } from './db';

/**
 * WAL checkpoints on a thread of their own, for the long-running HTTP host.
 *
 * In WAL mode every commit appends pages to the -wal file, and a checkpoint copies them back into the
 * database file and syncs it. Left to SQLite, the connection that commits past 1,000 pages runs that
 * checkpoint itself: on our one request thread, inside some request's commit, where a 交卷 burst (writes
 * all over the attempts table) pays for the copying and the fsync stalls. Here a worker thread with its own connection runs a PASSIVE checkpoint every
 * `intervalMs` (PASSIVE never blocks the writer or readers) while the request thread keeps committing.
 *
 * Under unbroken writes a PASSIVE checkpoint rarely catches the log's very end, and the log restarts from
 * its beginning only when it has. So the main connection keeps its own checkpoint at BACKSTOP_PAGES: by
 * then the worker has copied nearly everything, the main connection copies the last few pages, and the
 * log starts over: under unbroken writes at the latest every BACKSTOP_PAGES.
 */
const BACKSTOP_PAGES = 4000;
const DEFAULT_AUTOCHECKPOINT = 1000;

// Plain CommonJS evaluated in the worker, so it runs the same under tsx, jest and a bundle.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('synchronous = NORMAL');
let last = { log: 0, checkpointed: 0 };
const timer = setInterval(() => {
  const r = db.pragma('wal_checkpoint(PASSIVE)')[0];
  // Counts start again from 0 when the writer restarts the log; a restart the counts do not show is missed.
  const restarted = r.log < last.log || r.checkpointed < last.checkpointed;
  const copied = restarted ? r.checkpointed : r.checkpointed - last.checkpointed;
  if (copied > 0) parentPort.postMessage(copied);
  last = r;
}, workerData.intervalMs);
parentPort.on('message', (m) => {
  if (m !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export interface CheckpointStats {
  /** Checkpoints that copied pages. */
  checkpoints: number;
  /** Pages (WAL frames) those checkpoints copied into the database file: a lower bound (see the worker). */
  framesCopied: number;
}

export interface Checkpointer {
  stats(): CheckpointStats;
  /** Stops the worker and gives checkpoints back to the main connection. Call before closing the database. */
  stop(): Promise<void>;
}

export function startCheckpointer(db: Db, opts: { intervalMs?: number } = {}): Checkpointer {
  const stats: CheckpointStats = { checkpoints: 0, framesCopied: 0 };
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { file: db.name, driver: require.resolve('better-sqlite3'), intervalMs: opts.intervalMs ?? 100 },
  });
  worker.unref();
  db.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
  const giveBack = () => {
    if (db.open) db.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT}`);
  };
  worker.on('message', (copied: number) => {
    stats.checkpoints++;
    stats.framesCopied += copied;
  });
  worker.on('error', (error) => {
    console.error('后台 WAL 检查点线程出错，改由主连接自行检查点：', error);
    giveBack();
  });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    stats: () => ({ ...stats }),
    async stop() {
      worker.postMessage('stop');
      const timeout = setTimeout(() => void worker.terminate(), 2000);
      await exited;
      clearTimeout(timeout);
      giveBack();
    },
  };
}
