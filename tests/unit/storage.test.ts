/**
 * Storage rules of the foundation: versioned migrations (in order, once each, all-or-nothing), and
 * handlers that reach storage only through the Store interface (so a WeChat cloud-database adapter
 * can be added without touching them).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../cloud/adapters/sqlite/db';
import { migrate, type Migration } from '../../cloud/adapters/sqlite/migrate';
import { migrations } from '../../cloud/adapters/sqlite/migrations';

const dir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'migrate-'));

test('migrations run in id order, once each, and record what was applied', () => {
  const d = dir();
  const m1: Migration = { id: '001_a', sql: 'CREATE TABLE a (x INTEGER)' };
  const m2: Migration = { id: '002_b', sql: 'CREATE TABLE b (x INTEGER)' };
  const db = openDatabase(d);
  expect(migrate(db, [m2, m1])).toEqual(['001_a', '002_b']);
  expect(migrate(db, [m1, m2])).toEqual([]);
  db.close();
  // A later version adds one: only it runs on the next start.
  const reopened = openDatabase(d);
  expect(migrate(reopened, [m1, m2, { id: '003_c', sql: 'ALTER TABLE a ADD COLUMN y TEXT' }])).toEqual(['003_c']);
  expect(reopened.prepare('SELECT id FROM schema_migrations ORDER BY id').pluck().all()).toEqual(['001_a', '002_b', '003_c']);
  reopened.close();
});

test('a failing migration leaves nothing half-done and is retried on the next start', () => {
  const db = openDatabase(dir());
  const bad: Migration = { id: '002_bad', sql: 'CREATE TABLE half (x INTEGER); INSERT INTO nowhere VALUES (1);' };
  expect(() => migrate(db, [{ id: '001_ok', sql: 'CREATE TABLE ok (x INTEGER)' }, bad])).toThrow(/nowhere/);
  expect(db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name = 'half'").pluck().get()).toBe(0);
  expect(db.prepare('SELECT id FROM schema_migrations').pluck().all()).toEqual(['001_ok']);
  expect(
    migrate(db, [
      { id: '001_ok', sql: '' },
      { ...bad, sql: 'CREATE TABLE half (x INTEGER)' },
    ]),
  ).toEqual(['002_bad']);
  db.close();
});

test('the app’s migrations have unique, numbered ids', () => {
  const ids = migrations.map((m) => m.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const id of ids) expect(id).toMatch(/^\d{3}_[a-z0-9_]+$/);
  expect(() => migrate(openDatabase(dir()), [...migrations, migrations[0]])).toThrow('duplicate migration id');
});

test('only the adapters touch a database: handlers and core code go through the Store interface', () => {
  const root = path.join(__dirname, '..', '..', 'cloud');
  const files: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (p.endsWith('.ts')) files.push(p);
    }
  };
  walk(path.join(root, 'features'));
  walk(path.join(root, 'core'));
  const offenders = files
    .filter((f) =>
      /from ['"](better-sqlite3|mysql2[^'"]*|[./]+adapters\/[^'"]*)['"]|\.prepare\(|\.pragma\(|\bctx\.store\.db\b/.test(fs.readFileSync(f, 'utf8')),
    )
    .map((f) => path.relative(root, f));
  expect(offenders).toEqual([]);
  // And the interface handlers see has no way underneath.
  expect(fs.readFileSync(path.join(root, 'features', 'store.ts'), 'utf8')).not.toMatch(/\bdb\s*:/);
});

test('core imports nothing above it (features, adapters, hosts), and contracts nothing but contracts — type imports included', () => {
  const root = path.join(__dirname, '..', '..', 'cloud');
  const offenders: string[] = [];
  const check = (layer: string, allowed: string[]) => {
    for (const f of fs.readdirSync(path.join(root, layer), { recursive: true, encoding: 'utf8' })) {
      if (!f.endsWith('.ts')) continue;
      const file = path.join(root, layer, f);
      for (const [, spec] of fs.readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*['"](\.[^'"]*)['"]/g)) {
        const target = path.relative(root, path.resolve(path.dirname(file), spec));
        if (!allowed.some((a) => target === a || target.startsWith(`${a}${path.sep}`))) offenders.push(`${layer}/${f} -> ${spec}`);
      }
    }
  };
  check('core', ['core', 'contracts']);
  check('contracts', ['contracts']);
  expect(offenders).toEqual([]);
});
