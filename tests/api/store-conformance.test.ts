import type { StoreChoice } from '../../cloud/app';
import type { Store } from '../../cloud/features/store';
import { openSqliteStore } from '../../cloud/adapters/sqlite/sqlite';
import { openMysqlStore } from '../../cloud/adapters/mysql/store';
import { runSeeds } from '../../cloud/core/seed';
import type { Seeder } from '../../cloud/features/context';
import { saveOrgs } from '../../cloud/features/org/save';
import { sharedSessionSecret } from '../../cloud/hosts/http/session';
import { testStoreChoice } from '../support/app';

// One Store conformance suite, run against both adapters: what members, orgs, admins, points, media, seeds and
// the session secret promise, including with two hosts (two stores opened on one database) acting at once.

const openStore = (choice: StoreChoice): Promise<Store> =>
  choice.engine === 'sqlite' ? Promise.resolve(openSqliteStore(choice.dataDir)) : openMysqlStore(choice.config);

/** A later request: SQLite's row caches look for other connections' commits once per event-loop turn. */
const nextRequest = () => new Promise((r) => setImmediate(r));

const TREE = [
  { id: '150000', name: '自治区计生协', level: 1 as const, parentId: null },
  { id: '150100', name: '呼和浩特市计生协', level: 2 as const, parentId: '150000' },
  { id: '150400', name: '赤峰市计生协', level: 2 as const, parentId: '150000' },
  { id: '150426', name: '翁牛特旗计生协', level: 3 as const, parentId: '150400', memberCount: 1200 },
];

const PNG_BYTES = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

describe.each(['sqlite', 'mysql'] as const)('Store on %s', (engine) => {
  let store: Store;
  /** A second host: another store opened on the same database. */
  let other: Store;
  let dispose: () => Promise<void>;
  let choice: StoreChoice;

  beforeAll(async () => {
    const fresh = await testStoreChoice(engine);
    choice = fresh.choice;
    dispose = fresh.dispose;
    store = await openStore(choice);
    other = await openStore(choice);
    await saveOrgs(store.orgs, TREE);
  });
  afterAll(async () => {
    await store.close();
    await other.close();
    await dispose();
  });

  describe('members', () => {
    test('two first contacts at once, on two hosts, make one member; openids differ by case', async () => {
      const made = await Promise.all([store, other, store, other].map((s) => s.members.findOrCreateByOpenid('oConform1', '微信用户')));
      expect(new Set(made.map((m) => m.id)).size).toBe(1);
      expect(made[0]).toMatchObject({
        openid: 'oConform1',
        nickname: '微信用户',
        realName: null,
        phone: null,
        orgId: null,
        points: 0,
        consentVersion: null,
        elderMode: false,
      });
      const lower = await store.members.findOrCreateByOpenid('oconform1', '小写');
      expect(lower.id).not.toBe(made[0].id);
      expect((await other.members.getByOpenid('oConform1'))?.id).toBe(made[0].id);
      expect(await store.members.getById(999_999)).toBeUndefined();
    });

    test('an update sets only what the patch names, null clears, 长辈模式 is a boolean; another host sees it on its next read', async () => {
      const m = await store.members.findOrCreateByOpenid('oConform2', '微信用户');
      expect((await other.members.getById(m.id))?.nickname).toBe('微信用户'); // now held by the other host, if it caches
      const at = new Date('2026-12-06T10:00:00.000Z');
      const saved = await store.members.update(m.id, { realName: '王其其格', phone: '13912345678', orgId: '150426', elderMode: true }, at);
      expect(saved).toMatchObject({
        nickname: '微信用户',
        realName: '王其其格',
        phone: '13912345678',
        orgId: '150426',
        elderMode: true,
        updatedAt: at.toISOString(),
      });
      await nextRequest();
      expect(await other.members.getById(m.id)).toEqual(saved);
      const cleared = await other.members.update(m.id, { phone: null, elderMode: false }, at);
      expect(cleared).toMatchObject({ realName: '王其其格', phone: null, orgId: '150426', elderMode: false });
      await nextRequest();
      expect(await store.members.getById(m.id)).toEqual(cleared);
    });

    test('consents are recorded in order; deletion removes the member and their consents, keeps the paid points anonymously', async () => {
      const m = await store.members.findOrCreateByOpenid('oConform3', '微信用户');
      await store.members.update(m.id, { orgId: '150100' }, new Date());
      const agreed = await store.members.recordConsent(m.id, '2026-11', new Date('2026-12-01T00:00:00.000Z'));
      expect(agreed).toMatchObject({ consentVersion: '2026-11', consentAt: '2026-12-01T00:00:00.000Z' });
      await store.members.recordConsent(m.id, '2026-12', new Date('2026-12-02T00:00:00.000Z'));
      expect((await store.members.consents(m.id)).map((c) => c.version)).toEqual(['2026-11', '2026-12']);
      expect(await store.points.award({ memberId: m.id, delta: 3, reason: '测试', refKey: 'conform:delete', at: new Date() })).toBe(true);

      await other.members.delete(m.id, new Date());
      await nextRequest();
      expect(await store.members.getById(m.id)).toBeUndefined();
      expect(await store.members.getByOpenid('oConform3')).toBeUndefined();
      expect(await store.members.consents(m.id)).toEqual([]);
      expect(await store.points.entries(m.id)).toEqual([]);
      // The ref key stays paid: a retry after the deletion pays nobody.
      expect(await store.points.award({ memberId: m.id, delta: 3, reason: '测试', refKey: 'conform:delete', at: new Date() })).toBe(false);
      await store.members.delete(m.id, new Date()); // deleting twice is harmless
    });
  });

  describe('orgs', () => {
    test('the tree: children with hasChildren, lineage top down, all by level', async () => {
      expect(await store.orgs.children(null)).toEqual([{ id: '150000', name: '自治区计生协', level: 1, parentId: null, memberCount: null, hasChildren: true }]);
      expect((await store.orgs.children('150000')).map((o) => [o.id, o.hasChildren])).toEqual([
        ['150100', false],
        ['150400', true],
      ]);
      expect(await store.orgs.getById('150426')).toEqual({
        id: '150426',
        name: '翁牛特旗计生协',
        level: 3,
        parentId: '150400',
        path: '/150000/150400/150426/',
        memberCount: 1200,
      });
      expect((await store.orgs.lineage('150426')).map((o) => o.id)).toEqual(['150000', '150400', '150426']);
      expect(await store.orgs.lineage('nope')).toEqual([]);
      expect((await store.orgs.all()).map((o) => o.id)).toEqual(['150000', '150100', '150400', '150426']);
    });

    test('a rename by another host keeps the org in its place and is seen on the next read', async () => {
      expect((await store.orgs.getById('150100'))?.name).toBe('呼和浩特市计生协');
      await saveOrgs(other.orgs, [{ id: '150100', name: '呼和浩特市计划生育协会', level: 2, parentId: '150000' }]);
      await nextRequest();
      expect(await store.orgs.getById('150100')).toMatchObject({ name: '呼和浩特市计划生育协会', path: '/150000/150100/' });
      await saveOrgs(store.orgs, [{ id: '150100', name: '呼和浩特市计生协', level: 2, parentId: '150000' }]);
    });
  });

  describe('admins', () => {
    test('a grant is kept once, listed by level; a grant or revoke on one host counts on the other at once', async () => {
      expect(await other.admins.orgsOf('oAdmin')).toEqual([]);
      const at = new Date('2026-12-06T00:00:00.000Z');
      await store.admins.grant('oAdmin', '150426', at);
      await store.admins.grant('oAdmin', '150426', at);
      await store.admins.grant('oAdmin', '150100', at);
      await nextRequest();
      expect(await other.admins.orgsOf('oAdmin')).toEqual([
        { id: '150100', name: '呼和浩特市计生协', level: 2, path: '/150000/150100/' },
        { id: '150426', name: '翁牛特旗计生协', level: 3, path: '/150000/150400/150426/' },
      ]);
      expect(await other.admins.orgsOf('oadmin')).toEqual([]);
      expect((await store.admins.list()).filter((g) => g.openid === 'oAdmin')).toEqual([
        { openid: 'oAdmin', orgId: '150100', orgName: '呼和浩特市计生协', grantedAt: at.toISOString() },
        { openid: 'oAdmin', orgId: '150426', orgName: '翁牛特旗计生协', grantedAt: at.toISOString() },
      ]);
      expect(await store.admins.revoke('oAdmin', '150100')).toBe(1);
      expect(await store.admins.revoke('oAdmin', '150100')).toBe(0);
      await nextRequest();
      expect((await other.admins.orgsOf('oAdmin')).map((o) => o.id)).toEqual(['150426']);
      expect(await store.admins.revoke('oAdmin')).toBe(1);
      await nextRequest();
      expect(await other.admins.orgsOf('oAdmin')).toEqual([]);
    });
  });

  describe('points', () => {
    test('one ref key pays once, however many hosts try at once; the balance follows the ledger', async () => {
      const m = await store.members.findOrCreateByOpenid('oPoints', '微信用户');
      await store.members.update(m.id, { orgId: '150426' }, new Date());
      const award = { memberId: m.id, delta: 10, reason: '活动签到', refKey: 'event:1:checkin', at: new Date() };
      const paid = await Promise.all([store, other, store, other, store, other].map((s) => s.points.award(award)));
      expect(paid.filter(Boolean)).toHaveLength(1);
      expect(await other.points.award({ ...award, refKey: 'event:2:checkin', delta: 5, at: new Date(Date.now() + 1000) })).toBe(true);
      await nextRequest();
      expect((await store.members.getById(m.id))?.points).toBe(15);
      expect(await store.points.entries(m.id)).toEqual([
        { delta: 5, reason: '活动签到', createdAt: expect.any(String) },
        { delta: 10, reason: '活动签到', createdAt: award.at.toISOString() },
      ]);
      expect(await store.points.entries(m.id, 1)).toHaveLength(1);
      expect(await store.points.sumSince(m.id, 'event:1', new Date(Date.now() - 60_000))).toBe(10);
      expect(await store.points.sumSince(m.id, 'event:', new Date(Date.now() - 60_000))).toBe(15);
      expect(await store.points.sumSince(m.id, 'event:', new Date(Date.now() + 60_000))).toBe(0);
      expect(await store.points.award({ ...award, memberId: 999_999, refKey: 'nobody' })).toBe(false);
    });
  });

  describe('media', () => {
    test('the same bytes stored from two hosts at once are kept once; every upload is recorded', async () => {
      const m = await store.members.findOrCreateByOpenid('oMedia', '微信用户');
      const sha256 = 'a'.repeat(64);
      const input = {
        sha256,
        type: 'image/png' as const,
        data: PNG_BYTES,
        width: 1,
        height: 1,
        memberId: m.id,
        orgId: '150426',
        at: new Date('2026-12-06T08:00:00.000Z'),
      };
      const puts = await Promise.all([store.media.put(input), other.media.put(input), store.media.put({ ...input, at: new Date('2026-12-06T09:00:00.000Z') })]);
      expect(puts.filter((p) => !p.reused)).toHaveLength(1);
      expect(await other.media.get(sha256)).toEqual({ sha256, type: 'image/png', size: PNG_BYTES.length, width: 1, height: 1, data: PNG_BYTES });
      expect(await store.media.exists(sha256)).toBe(true);
      expect(await store.media.exists('b'.repeat(64))).toBe(false);
      expect(await store.media.get('b'.repeat(64))).toBeNull();
      const uploads = await store.media.uploadsBy(m.id);
      expect(uploads).toHaveLength(3);
      expect(uploads[0]).toEqual({ sha256, type: 'image/png', orgId: '150426', orgName: '翁牛特旗计生协', uploadedAt: '2026-12-06T09:00:00.000Z' });
    });
  });

  describe('seeds', () => {
    test('two hosts starting at once run each seed once, and a later seed runs only after the one it needs', async () => {
      const runs: string[] = [];
      const seeders: Seeder[] = [
        {
          name: `conform-orgs-${engine}`,
          async run(s) {
            runs.push('orgs');
            await new Promise((r) => setTimeout(r, 300)); // long enough for the other host to try meanwhile
            await saveOrgs(s.orgs, [{ id: '150499', name: '新设单位', level: 3, parentId: '150400' }]);
          },
        },
        {
          name: `conform-admins-${engine}`,
          async run(s, _files, now) {
            runs.push(`admins:${(await s.orgs.getById('150499'))?.name ?? 'missing'}`);
            await s.admins.grant('oSeeded', '150499', now);
          },
        },
      ];
      const [a, b] = await Promise.all([runSeeds(store, seeders, '/nonexistent'), runSeeds(other, seeders, '/nonexistent')]);
      expect(runs).toEqual(['orgs', 'admins:新设单位']);
      expect([...a, ...b].sort()).toEqual(seeders.map((s) => s.name).sort());
      expect(await runSeeds(other, seeders, '/nonexistent')).toEqual([]);
      expect((await store.admins.orgsOf('oSeeded')).map((o) => o.id)).toEqual(['150499']);
    });

    test('a seed that fails gives up its claim, so the next start runs it again', async () => {
      let attempts = 0;
      const flaky: Seeder = {
        name: `conform-flaky-${engine}`,
        async run() {
          attempts++;
          if (attempts === 1) throw new Error('seed file unreadable');
        },
      };
      await expect(runSeeds(store, [flaky], '/nonexistent')).rejects.toThrow('seed file unreadable');
      expect(await runSeeds(other, [flaky], '/nonexistent')).toEqual([flaky.name]);
      expect(attempts).toBe(2);
    });
  });

  describe('seed claims', () => {
    test('a claim left by a host that died while seeding is taken over once stale, and run once', async () => {
      const name = `conform-stale-${engine}`;
      expect(await other.meta.claimSeed(name, new Date(Date.now() - 3 * 60_000))).toMatchObject({ kind: 'claimed' });
      let runs = 0;
      const seeder: Seeder = { name, run: async () => void runs++ };
      expect(await runSeeds(store, [seeder], '/nonexistent')).toEqual([name]);
      expect(runs).toBe(1);
      expect(await other.meta.claimSeed(name, new Date())).toEqual({ kind: 'done' });
    });

    test('a fresh claim of another host is waited for, not taken over', async () => {
      const name = `conform-held-${engine}`;
      const claim = await other.meta.claimSeed(name, new Date());
      expect(claim.kind).toBe('claimed');
      expect(await store.meta.claimSeed(name, new Date())).toEqual({ kind: 'held', since: claim.kind === 'claimed' ? claim.since : '' });
      let runs = 0;
      const waiting = runSeeds(store, [{ name, run: async () => void runs++ }], '/nonexistent');
      await new Promise((r) => setTimeout(r, 300));
      await other.meta.finishSeed(name, new Date());
      expect(await waiting).toEqual([]);
      expect(runs).toBe(0);
    });
  });

  describe('session secret', () => {
    test('every host of one database gets the same secret, made once', async () => {
      const [a, b] = await Promise.all([sharedSessionSecret(store.meta), sharedSessionSecret(other.meta)]);
      expect(a.length).toBe(32);
      expect(b.equals(a)).toBe(true);
      const third = await openStore(choice);
      try {
        expect((await sharedSessionSecret(third.meta)).equals(a)).toBe(true);
      } finally {
        await third.close();
      }
    });

    test('another database has a secret of its own', async () => {
      const fresh = await testStoreChoice(engine);
      const elsewhere = await openStore(fresh.choice);
      try {
        expect((await sharedSessionSecret(elsewhere.meta)).equals(await sharedSessionSecret(store.meta))).toBe(false);
      } finally {
        await elsewhere.close();
        await fresh.dispose();
      }
    });
  });
});
