import { sqlOf, startTestApp, type TestApp } from '../support/app';
import { runSeeds } from '../../cloud/core/seed';
import { createApp, REPO_ROOT, seeders } from '../../cloud/app';
import { saveOrgs } from '../../cloud/features/org/save';
import { openSqliteStore } from '../../cloud/adapters/sqlite/sqlite';
import path from 'node:path';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

test('the org tree is complete at 盟市 level: 12 盟市 and the 计划单列市 满洲里、二连浩特', async () => {
  const { tree } = await app.anonymous.call('org.tree', {});
  expect(tree).toHaveLength(1);
  expect(tree[0].name).toBe('内蒙古自治区计划生育协会');
  const names = tree[0].children.map((c) => c.name);
  expect(names).toHaveLength(14);
  for (const n of [
    '呼和浩特',
    '包头',
    '乌海',
    '赤峰',
    '通辽',
    '鄂尔多斯',
    '呼伦贝尔',
    '巴彦淖尔',
    '乌兰察布',
    '兴安盟',
    '锡林郭勒盟',
    '阿拉善盟',
    '满洲里',
    '二连浩特',
  ])
    expect(names.some((x) => x.includes(n))).toBe(true);
  // Down to 村(社区) under at least two 盟市.
  const levels5 = (await app.store.orgs.all()).filter((o) => o.level === 5);
  expect(new Set(levels5.map((o) => o.path.split('/')[2])).size).toBeGreaterThanOrEqual(2);
});

test('org.children walks down with a breadcrumb', async () => {
  const top = await app.anonymous.call('org.children', {});
  expect(top.path).toEqual([]);
  expect(top.children[0]).toMatchObject({ id: '150000', hasChildren: true });
  const wnt = await app.anonymous.call('org.children', { parentId: '150426' });
  expect(wnt.path.map((p) => p.name)).toEqual(['内蒙古自治区计划生育协会', '赤峰市计生协', '翁牛特旗计生协']);
  expect(wnt.children.map((c) => c.level)).toEqual([4, 4]);
  expect((await app.anonymous.raw('org.children', { parentId: 'nope' })).status).toBe(404);
});

test('org.tree from a root: that subtree only; an unknown root is 404', async () => {
  const { tree } = await app.anonymous.call('org.tree', { rootId: '150400' });
  expect(tree.map((t) => t.name)).toEqual(['赤峰市计生协']);
  expect(tree[0].children.map((c) => c.id)).toContain('150426');
  const unknown = await app.anonymous.raw('org.tree', { rootId: '159999' });
  expect(unknown.status).toBe(404);
  expect(unknown.body).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
});

test('migrations and seeds run once: reopening and reseeding changes nothing', async () => {
  const count = async (sql = app.sql) => ({
    orgs: await sql.value('SELECT COUNT(*) FROM orgs'),
    members: await sql.value('SELECT COUNT(*) FROM members'),
    grants: await sql.value('SELECT COUNT(*) FROM admin_grants'),
  });
  const before = await count();
  expect(before.orgs).toBeGreaterThan(20);
  expect(await runSeeds(app.store, seeders, path.join(REPO_ROOT, 'seeds'))).toEqual([]);
  expect(await count()).toEqual(before);
  // A second host (or a restart) on the same database migrates nothing and seeds nothing.
  const reopened = await createApp({ dataDir: app.dataDir, mode: 'dev', store: app.options.store });
  try {
    expect(await count(sqlOf(reopened))).toEqual(before);
  } finally {
    await reopened.store.close();
  }
});

test('SQLite opens with the settings every host relies on', async () => {
  const sqlite = await startTestApp({ engine: 'sqlite' });
  const reopened = openSqliteStore(sqlite.dataDir);
  try {
    expect(reopened.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(reopened.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(reopened.db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(reopened.db.pragma('temp_store', { simple: true })).toBe(2); // MEMORY: savepoint journals never spill to disk
  } finally {
    await reopened.close();
    await sqlite.close();
  }
});

test('the tree held in memory follows the seed loader: a renamed org and a new one are seen at once', async () => {
  const before = await app.store.orgs.lineage('150426100201');
  expect(before.map((o) => o.id)).toEqual(['150000', '150400', '150426', '150426100', '150426100201']);
  await saveOrgs(app.store.orgs, [
    { id: '150426100', name: '乌丹镇计生协（更名）', level: 4, parentId: '150426' },
    { id: '150426100299', name: '新设社区计生协', level: 5, parentId: '150426100' },
  ]);
  expect((await app.store.orgs.getById('150426100'))?.name).toBe('乌丹镇计生协（更名）');
  expect((await app.store.orgs.lineage('150426100299')).map((o) => o.name)).toEqual([
    '内蒙古自治区计划生育协会',
    '赤峰市计生协',
    '翁牛特旗计生协',
    '乌丹镇计生协（更名）',
    '新设社区计生协',
  ]);
  const profile = await app.as('org-cache-member').call('member.update', { orgId: '150426100299' });
  expect(profile.orgPath.map((o: { name: string }) => o.name)).toContain('新设社区计生协');
});
