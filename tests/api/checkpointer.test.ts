import fs from 'node:fs';
import path from 'node:path';
import { openDatabase, type Db } from '../../cloud/adapters/sqlite/db';
import { startCheckpointer } from '../../cloud/adapters/sqlite/checkpointer';
import { startHttpHost } from '../support/http';
import { tempDir } from '../support/app';
import type { SqliteStore } from '../../cloud/adapters/sqlite/sqlite';

// WAL checkpoints run on a worker thread (cloud/store/checkpointer.ts) while the request thread keeps
// committing. The main connection checkpoints by itself only past its backstop (4,000 pages, 16 MB).

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const walBytes = (db: Db) => {
  try {
    return fs.statSync(`${db.name}-wal`).size;
  } catch {
    return 0;
  }
};

/** 60 commits of 1 MB (about 15,000 pages in all), with a pause after each as a request thread would have. */
const BACKSTOP_BYTES = 4000 * (4096 + 24); // 4,000 WAL frames: past this the main connection checkpoints by itself
async function writeSixtyMegabytes(db: Db, onCommit: () => void) {
  db.exec('CREATE TABLE IF NOT EXISTS blobs (id INTEGER PRIMARY KEY, body BLOB NOT NULL)');
  const insert = db.prepare('INSERT INTO blobs (body) VALUES (?)');
  const body = Buffer.alloc(4000, 7);
  const commit = db.transaction(() => {
    for (let i = 0; i < 256; i++) insert.run(body);
  });
  for (let c = 0; c < 60; c++) {
    commit();
    onCommit();
    await sleep(25);
  }
}

test("under sustained writes the worker checkpoints, the WAL never reaches the main connection's backstop, every row kept", async () => {
  const db = openDatabase(tempDir('ckpt-'));
  const checkpointer = startCheckpointer(db, { intervalMs: 10 });
  let maxWal = 0;
  try {
    await writeSixtyMegabytes(db, () => (maxWal = Math.max(maxWal, walBytes(db))));
    await sleep(100);
    const { checkpoints, framesCopied } = checkpointer.stats();
    expect(checkpoints).toBeGreaterThan(3);
    expect(framesCopied).toBeGreaterThan(5_000); // of about 15,000 written (a lower bound, see the worker)
    // The writer restarts the WAL once the worker has copied it back, so it never reaches the backstop: the
    // request thread never had to checkpoint.
    expect(maxWal).toBeLessThan(BACKSTOP_BYTES);
  } finally {
    await checkpointer.stop();
  }
  // Checkpointing goes back to the main connection, and nothing was lost.
  expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
  expect(db.prepare('SELECT COUNT(*) FROM blobs').pluck().get()).toBe(60 * 256);
  db.close();
});

test('without the worker the same writes pile up in the WAL until the backstop (the work the worker takes off the request thread)', async () => {
  const db = openDatabase(tempDir('ckpt-off-'));
  db.pragma('wal_autocheckpoint = 4000');
  let maxWal = 0;
  await writeSixtyMegabytes(db, () => (maxWal = Math.max(maxWal, walBytes(db))));
  expect(maxWal).toBeGreaterThan(BACKSTOP_BYTES);
  db.close();
});

test('the HTTP host runs the checkpointer and stops it before closing the database', async () => {
  const host = await startHttpHost({ engine: 'sqlite' });
  const file = path.join(host.dataDir, 'huiyuan.sqlite');
  // The worker has taken checkpoints over: the request thread's own is only the backstop.
  expect((host.app.store as SqliteStore).db.pragma('wal_autocheckpoint', { simple: true })).toBe(4000);
  const token = await host.login('ckpt-member', '会员');
  for (let i = 0; i < 20; i++) expect((await host.post('member.update', { nickname: `会员${i}` }, token)).status).toBe(200);
  await host.close();
  // Closed cleanly: the last connection checkpointed and removed the WAL, so no thread still held it open.
  expect(fs.existsSync(`${file}-wal`)).toBe(false);
});
