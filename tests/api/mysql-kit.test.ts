import { openMysql, mysqlConfigFromUrl, mysqlConfigFromEnv, type MysqlDb } from '../../cloud/adapters/mysql/db';
import { migrateMysql, TABLE } from '../../cloud/adapters/mysql/migrate';
import { freshMysqlDatabase } from '../support/app';

// The MySQL kit every MySQL repo stands on, against the real test MariaDB.
let db: MysqlDb;
let drop: () => Promise<void>;
let url: string;
beforeAll(async () => {
  ({ url, drop } = await freshMysqlDatabase());
  db = openMysql(mysqlConfigFromUrl(url));
});
afterAll(async () => {
  await db.close();
  await drop();
});

test('DATABASE_URL and 微信云托管 variables both name the server; neither means SQLite', () => {
  expect(mysqlConfigFromEnv({ DATABASE_URL: 'mysql://u:p%40ss@db.example:3307/hy' })).toEqual({
    host: 'db.example',
    port: 3307,
    user: 'u',
    password: 'p@ss',
    database: 'hy',
    connectionLimit: undefined,
  });
  expect(mysqlConfigFromEnv({ MYSQL_ADDRESS: '10.0.0.5:3306', MYSQL_USERNAME: 'root', MYSQL_PASSWORD: 'x', MYSQL_DATABASE: 'huiyuan' })).toMatchObject({
    host: '10.0.0.5',
    port: 3306,
    user: 'root',
    database: 'huiyuan',
  });
  expect(mysqlConfigFromEnv({})).toBeUndefined();
  expect(() => mysqlConfigFromUrl('postgres://x@y/z')).toThrow('mysql://');
});

test('migrations apply once even when several hosts start at the same moment', async () => {
  const migrations = [
    { id: '901_kit_a', statements: [`CREATE TABLE kit_a (id INT NOT NULL PRIMARY KEY, n INT NOT NULL) ${TABLE}`] },
    { id: '902_kit_b', statements: ['ALTER TABLE kit_a ADD COLUMN label VARCHAR(20) NULL', 'INSERT INTO kit_a (id, n) VALUES (1, 0)'] },
  ];
  const hosts = Array.from({ length: 4 }, () => openMysql(mysqlConfigFromUrl(url)));
  const applied = await Promise.all(hosts.map((h) => migrateMysql(h, migrations)));
  await Promise.all(hosts.map((h) => h.close()));
  expect(applied.flat().sort()).toEqual(['901_kit_a', '902_kit_b']);
  expect(await db.value('SELECT COUNT(*) FROM kit_a')).toBe(1);
  expect(await migrateMysql(db, migrations)).toEqual([]);
});

test('a conditional update reports whether it applied; a unique insert reports a duplicate', async () => {
  await db.run(
    `CREATE TABLE kit_seats (id INT NOT NULL PRIMARY KEY, taken INT NOT NULL, cap INT NOT NULL, code VARCHAR(8) NULL, UNIQUE KEY kit_code (code)) ${TABLE}`,
  );
  await db.run('INSERT INTO kit_seats (id, taken, cap) VALUES (1, 0, 3)');
  const results = await Promise.all(Array.from({ length: 10 }, () => db.run('UPDATE kit_seats SET taken = taken + 1 WHERE id = 1 AND taken < cap')));
  expect(results.filter((r) => r.affected === 1)).toHaveLength(3);
  expect(await db.value('SELECT taken FROM kit_seats WHERE id = 1')).toBe(3);
  // Matched rows, not changed rows: setting a value already there still counts as applied.
  expect((await db.run('UPDATE kit_seats SET cap = 3 WHERE id = 1')).affected).toBe(1);
  expect(await db.insertUnique('INSERT INTO kit_seats (id, taken, cap, code) VALUES (2, 0, 1, ?)', ['A'])).toMatchObject({ inserted: true });
  expect(await db.insertUnique('INSERT INTO kit_seats (id, taken, cap, code) VALUES (3, 0, 1, ?)', ['A'])).toEqual({ inserted: false, insertId: 0 });
});

test('a transaction that deadlocks is run again and both writers finish', async () => {
  await db.run(`CREATE TABLE kit_dl (id INT NOT NULL PRIMARY KEY, n INT NOT NULL) ${TABLE}`);
  await db.run('INSERT INTO kit_dl (id, n) VALUES (1, 0), (2, 0)');
  let attempts = 0;
  const cross = (first: number, second: number) =>
    db.tx(async (sql) => {
      attempts++;
      await sql.run('UPDATE kit_dl SET n = n + 1 WHERE id = ?', [first]);
      await new Promise((r) => setTimeout(r, 50));
      await sql.run('UPDATE kit_dl SET n = n + 1 WHERE id = ?', [second]);
    });
  await Promise.all([cross(1, 2), cross(2, 1)]);
  expect(attempts).toBeGreaterThanOrEqual(3);
  expect(await db.rows('SELECT id, n FROM kit_dl ORDER BY id')).toEqual([
    { id: 1, n: 2 },
    { id: 2, n: 2 },
  ]);
});

test('an error inside a transaction rolls it back and reaches the caller', async () => {
  await db.run(`CREATE TABLE kit_rb (id INT NOT NULL PRIMARY KEY) ${TABLE}`);
  await expect(
    db.tx(async (sql) => {
      await sql.run('INSERT INTO kit_rb (id) VALUES (1)');
      throw new Error('refused');
    }),
  ).rejects.toThrow('refused');
  expect(await db.value('SELECT COUNT(*) FROM kit_rb')).toBe(0);
});
