/**
 * The outbox primitives of both adapters (SQLite, and MySQL on the test MariaDB): a claim is one conditional
 * UPDATE under a token, so of many senders claiming one message exactly one gets it; an outcome is recorded only
 * while the claim holds; a keyed message is queued once.
 */
import { openSqliteStore } from '../../cloud/adapters/sqlite/sqlite';
import { openMysql } from '../../cloud/adapters/mysql/db';
import { migrateMysql } from '../../cloud/adapters/mysql/migrate';
import { mysqlConfigFromUrl } from '../../cloud/adapters/mysql/db';
import { notifyMigrations } from '../../cloud/adapters/mysql/schema/notify';
import { mysqlNotifyRepo } from '../../cloud/adapters/mysql/notify';
import type { NotifyRepo } from '../../cloud/features/notify/repo';
import { freshMysqlDatabase, tempDir } from '../support/app';

interface Rig {
  repo: NotifyRepo;
  memberId: number;
  close(): Promise<void>;
}

async function sqliteRig(): Promise<Rig> {
  const store = openSqliteStore(tempDir());
  const m = await store.members.findOrCreateByOpenid('o-member', '微信用户');
  return { repo: store.notify, memberId: m.id, close: async () => store.close() };
}

async function mysqlRig(): Promise<Rig> {
  const fresh = await freshMysqlDatabase();
  const db = openMysql({ ...mysqlConfigFromUrl(fresh.url), connectionLimit: 16 });
  // Only what the outbox joins: a member's openid (the members table comes from the foundation migrations).
  await db.run('CREATE TABLE members (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, openid VARCHAR(64) NOT NULL)');
  await db.run("INSERT INTO members (openid) VALUES ('o-member')");
  await migrateMysql(db, notifyMigrations);
  return {
    repo: mysqlNotifyRepo(db),
    memberId: 1,
    async close() {
      await db.close();
      await fresh.drop();
    },
  };
}

const T = new Date('2026-12-01T02:00:00.000Z');
const later = (ms: number) => new Date(T.getTime() + ms);

describe.each([
  ['SQLite', sqliteRig],
  ['MySQL', mysqlRig],
])('%s', (_name, make) => {
  let rig: Rig;
  beforeEach(async () => {
    rig = await make();
  });
  afterEach(() => rig.close());

  test('a keyed message is queued once, waits for its time, and of 20 concurrent claims exactly one wins', async () => {
    const { repo, memberId } = rig;
    const msg = { key: 'event_reminder:7:1', memberId, kind: 'event_reminder', payload: { eventId: 7 }, notBefore: later(3600_000) };
    expect(await repo.queueKeyed(msg, T)).toBe(true);
    expect(await repo.queueKeyed(msg, T)).toBe(true); // still waiting: re-armed, not doubled
    expect(await repo.due(T, 10)).toHaveLength(0);
    const due = await repo.due(later(3600_000), 10);
    expect(due).toEqual([expect.objectContaining({ kind: 'event_reminder', openid: 'o-member', payload: { eventId: 7 }, attempts: 0 })]);
    const claims = await Promise.all(Array.from({ length: 20 }, (_, i) => repo.claim(due[0].id, `token${i}`, later(3600_000), later(3900_000))));
    const winners = claims.filter(Boolean);
    expect(winners).toHaveLength(1);
    expect(winners[0]!.attempts).toBe(1);
    const winner = `token${claims.findIndex(Boolean)}`;
    expect(await repo.settle(due[0].id, 'someone-else', { status: 'sent' }, later(3600_000))).toBe(false);
    expect(await repo.settle(due[0].id, winner, { status: 'sent' }, later(3600_000))).toBe(true);
    // Sent: the key takes no second message, and nothing is due.
    expect(await repo.queueKeyed(msg, later(3600_000))).toBe(false);
    expect(await repo.due(later(9 * 3600_000), 10)).toHaveLength(0);
    expect(await repo.deliveryCounts(['event_reminder'], { field: 'eventId', id: 7 })).toEqual([
      { kind: 'event_reminder', status: 'sent', code: null, message: null, count: 1 },
    ]);
    expect(await repo.deliveryCounts(['event_reminder'], { field: 'eventId', id: 8 })).toEqual([]);
  });

  test('a claim that runs out passes to another sender, and the first can no longer record an outcome', async () => {
    const { repo, memberId } = rig;
    await repo.queueKeyed({ key: 'k1', memberId, kind: 'event_reminder', payload: { eventId: 9 }, notBefore: T }, T);
    const [d] = await repo.due(T, 10);
    expect(await repo.claim(d.id, 'A', T, later(60_000))).toBeTruthy();
    expect(await repo.due(later(30_000), 10)).toHaveLength(0);
    expect(await repo.claim(d.id, 'B', later(30_000), later(90_000))).toBeUndefined();
    const again = await repo.claim(d.id, 'B', later(61_000), later(120_000));
    expect(again?.attempts).toBe(2);
    expect(await repo.settle(d.id, 'A', { status: 'sent' }, later(62_000))).toBe(false);
    expect(await repo.settle(d.id, 'B', { status: 'pending', retryAt: later(200_000), code: 'HTTP_503', message: '微信接口暂时不可用' }, later(62_000))).toBe(
      true,
    );
    expect(await repo.due(later(199_000), 10)).toHaveLength(0);
    expect(await repo.claim(d.id, 'C', later(200_000), later(260_000))).toBeTruthy();
    expect(await repo.settle(d.id, 'C', { status: 'failed', code: '43101', message: '会员未授权' }, later(200_000))).toBe(true);
    expect(await repo.deliveryCounts(['event_reminder'], { field: 'eventId', id: 9 })).toEqual([
      { kind: 'event_reminder', status: 'failed', code: '43101', message: '会员未授权', count: 1 },
    ]);
    // A withdrawn key: cancelled while waiting, re-armed by a new acceptance.
    await repo.queueKeyed({ key: 'k2', memberId, kind: 'event_reminder', payload: { eventId: 9 }, notBefore: later(1e6) }, T);
    expect(await repo.cancelKeyed('k2', T)).toBe(true);
    expect(await repo.cancelKeyed('k2', T)).toBe(false);
    expect(await repo.due(later(2e6), 10)).toHaveLength(0);
    expect(await repo.queueKeyed({ key: 'k2', memberId, kind: 'event_reminder', payload: { eventId: 9 }, notBefore: later(1e6) }, T)).toBe(true);
    expect(await repo.due(later(2e6), 10)).toHaveLength(1);
  });
});
