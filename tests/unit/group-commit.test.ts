import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../cloud/adapters/sqlite/db';
import { groupCommitter } from '../../cloud/adapters/sqlite/group-commit';

const db = openDatabase(fs.mkdtempSync(path.join(os.tmpdir(), 'gc-')));
db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL UNIQUE)');
const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
const values = () => db.prepare('SELECT v FROM t ORDER BY id').pluck().all();
afterAll(() => db.close());

test('work queued together runs in arrival order, and a failing one leaves no trace while the others commit', async () => {
  const commit = groupCommitter(db);
  const out = await Promise.allSettled([
    commit(() => insert.run('a').lastInsertRowid),
    commit(() => {
      insert.run('half-written'); // written, then the work fails: its savepoint takes this back
      throw new Error('boom');
    }),
    commit(() => insert.run('a')), // UNIQUE violation: only this caller is refused
    commit(() => insert.run('b').lastInsertRowid),
  ]);
  expect(out.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
  expect(values()).toEqual(['a', 'b']);
});

test('the work of one turn shares one transaction; more than a batch still keeps arrival order', async () => {
  const commit = groupCommitter(db);
  const inTx = await Promise.all(Array.from({ length: 3 }, () => commit(() => db.inTransaction)));
  expect(inTx).toEqual([true, true, true]);
  const ids = await Promise.all(Array.from({ length: 200 }, (_, i) => commit(() => Number(insert.run(`n${i}`).lastInsertRowid))));
  expect(ids).toEqual([...ids].sort((x, y) => x - y));
  expect(new Set(ids).size).toBe(200);
});

test('a one-statement work runs without a savepoint and still fails alone: SQLite undoes the failed statement', async () => {
  const commit = groupCommitter(db);
  db.exec('CREATE TABLE IF NOT EXISTS multi (id INTEGER PRIMARY KEY, v TEXT NOT NULL UNIQUE)');
  const many = db.prepare("INSERT INTO multi (v) VALUES ('x'), ('y'), ('x')"); // its third row violates UNIQUE
  const out = await Promise.allSettled([
    commit(() => db.prepare("INSERT INTO multi (v) VALUES ('first')").run().changes, { oneStatement: true }),
    commit(() => many.run().changes, { oneStatement: true }),
    commit(() => db.prepare("INSERT INTO multi (v) VALUES ('last')").run().changes, { oneStatement: true }),
  ]);
  expect(out.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  // The failed statement's first two rows are gone with it; the works around it committed.
  expect(db.prepare('SELECT v FROM multi ORDER BY id').pluck().all()).toEqual(['first', 'last']);
});
