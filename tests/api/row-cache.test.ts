import Database from 'better-sqlite3';
import path from 'node:path';
import { adminCli } from '../../cloud/cli/admin';
import { startHttpHost, type TestHost } from '../support/http';
import { startTestApp } from '../support/app';

// On SQLite, member rows, admin grants and the org tree are served from memory (adapters/sqlite/row-cache.ts).
// These tests change the rows behind the cache in every way the app allows and check the next request sees the
// change. They run on SQLite whatever STORE says: the MySQL adapter keeps no such copies (a row another host
// changed is read fresh: see store-conformance.test.ts).

let host: TestHost;
beforeAll(async () => {
  host = await startHttpHost({ engine: 'sqlite' });
});
afterAll(() => host.close());

test('a grant or revoke by the admin CLI (another process, another connection) shows on the next request of a running host', async () => {
  const token = await host.login('cache-staff', '站长');
  expect((await host.post('member.me', {}, token)).body.data.adminOrgs).toEqual([]);
  expect((await host.post('quiz.admin.campaigns', {}, token)).status).toBe(403);

  expect(await adminCli(['grant', 'cache-staff', '150426'], host.dataDir, () => undefined, host.app.options.store)).toBe(0);
  expect((await host.post('member.me', {}, token)).body.data.adminOrgs).toEqual([{ id: '150426', name: '翁牛特旗计生协', level: 3 }]);
  expect((await host.post('quiz.admin.campaigns', {}, token)).status).toBe(200);

  expect(await adminCli(['revoke', 'cache-staff'], host.dataDir, () => undefined, host.app.options.store)).toBe(0);
  expect((await host.post('member.me', {}, token)).body.data.adminOrgs).toEqual([]);
  expect((await host.post('quiz.admin.campaigns', {}, token)).status).toBe(403);
});

test('rows changed by another connection (an org renamed, a member edited) are read fresh', async () => {
  const token = await host.login('cache-member', '牧民');
  await host.post('member.update', { orgId: '150426' }, token);
  expect((await host.post('member.me', {}, token)).body.data.org.name).toBe('翁牛特旗计生协');

  const other = new Database(path.join(host.dataDir, 'huiyuan.sqlite'));
  try {
    other.pragma('busy_timeout = 5000');
    other.prepare("UPDATE orgs SET name = '翁牛特旗计划生育协会' WHERE id = '150426'").run();
    other.prepare("UPDATE members SET nickname = '牧民阿爸' WHERE openid = 'cache-member'").run();
    const me = (await host.post('member.me', {}, token)).body.data;
    expect([me.org.name, me.nickname]).toEqual(['翁牛特旗计划生育协会', '牧民阿爸']);
  } finally {
    other.prepare("UPDATE orgs SET name = '翁牛特旗计生协' WHERE id = '150426'").run();
    other.close();
  }
  expect((await host.post('member.me', {}, token)).body.data.org.name).toBe('翁牛特旗计生协');
});

test('a points balance changed by another feature shows at once; a rolled-back change never shows', async () => {
  const app = await startTestApp({ engine: 'sqlite' });
  try {
    const { id } = await app.as('cache-points').call('member.me', {});
    // Signed-in requests find their member by id (a session): that read is the cached one.
    const read = () => app.store.members.getById(id);
    expect((await read())!.points).toBe(0);
    // Another repo (the points ledger) writes the members row: the cached copy must not survive it.
    await app.store.points.award({ memberId: id, delta: 5, reason: '测试', refKey: 'test:cache-1', at: new Date() });
    expect((await read())!.points).toBe(5);

    // Read inside a transaction that then rolls back: what it saw must not be kept for later readers.
    const db = app.store.db;
    expect(() =>
      db.transaction(() => {
        db.prepare('UPDATE members SET points = 999, nickname = ? WHERE id = ?').run('回滚的名字', id);
        void read();
        throw new Error('roll back');
      })(),
    ).toThrow('roll back');
    expect(await read()).toMatchObject({ points: 5, nickname: '微信用户' });
  } finally {
    await app.close();
  }
});

test('a saved profile is kept for the next request, unless a later write of the same commit changed the row', async () => {
  const app = await startTestApp({ engine: 'sqlite' });
  try {
    const { id } = await app.as('cache-burst').call('member.me', {});
    const read = () => app.store.members.getById(id);
    // Same turn of the event loop: the profile save and then the points award share one group commit.
    const [saved] = await Promise.all([
      app.store.members.update(id, { nickname: '新昵称' }, new Date()),
      app.store.points.award({ memberId: id, delta: 7, reason: '测试', refKey: 'test:cache-burst', at: new Date() }),
    ]);
    expect([saved.nickname, saved.points]).toEqual(['新昵称', 0]); // as the save itself left the row
    expect(await read()).toMatchObject({ nickname: '新昵称', points: 7 });
    // Alone in its commit, the saved row is what the next reader gets, without reading it back.
    const again = await app.store.members.update(id, { nickname: '再改' }, new Date());
    expect(await read()).toBe(again);
  } finally {
    await app.close();
  }
});
