import ExcelJS from 'exceljs';
import { startTestApp, type TestApp } from '../support/app';
import { codeSigner, distanceMeters, windowOf } from '../../cloud/features/events/codes';

// 2027-05-29 10:00 Beijing: the seeded 5·29 (check-in 08:30–13:00 Beijing) is open.
const MEMBER_DAY = Date.parse('2027-05-29T02:00:00.000Z');
let clock = MEMBER_DAY;
let app: TestApp;
const NM = 'dev-admin-nm';
const HHHT = 'dev-admin-hhht';
const VENUE = { lat: 40.8175, lng: 111.6708 };

beforeAll(async () => {
  app = await startTestApp({ now: () => new Date(clock) });
  // Members in 乌丹一村 (赤峰) and 新城区 (呼和浩特).
  for (const [openid, orgId] of [
    ['m-wudan', '150426100201'],
    ['m-xincheng', '150102'],
    ['m-other', '150426100202'],
  ]) {
    await app.as(openid).call('member.update', { orgId });
  }
});
afterAll(() => app.close());
beforeEach(() => {
  clock = MEMBER_DAY;
});

const codeErr = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return (e as { code: string }).code;
  }
  throw new Error('expected a refusal');
};

async function memberDay() {
  const { items } = await app.as('m-wudan').call('event.list', { when: 'all', scope: 'all' });
  return items.find((e) => e.title.includes('2027年“5·29'))!;
}

async function newEvent(over: Record<string, unknown> = {}) {
  return app.as(NM).call('event.admin.publish', {
    orgId: '150000',
    title: '测试活动',
    type: '会员活动日',
    startsAt: new Date(clock - 3600_000).toISOString(),
    endsAt: new Date(clock + 3600_000).toISOString(),
    venue: { name: '新华广场', address: '新城区', ...VENUE, radius: 200 },
    points: 7,
    audience: 'all',
    ...over,
  } as never);
}

describe('listing and visibility', () => {
  test('a village member sees their org and the levels above it; 我的地区 leaves out other areas', async () => {
    clock = Date.parse('2026-11-23T02:00:00.000Z');
    const up = await app.as('m-wudan').call('event.list', { when: 'upcoming', scope: 'all' });
    const titles = up.items.map((e) => e.title);
    expect(titles).toContain('2027年“5·29会员活动日”主题宣传活动');
    expect(titles).toContain('乌丹一村“向日葵亲子小屋”开放日');
    expect(titles).toContain('2027年“7·11世界人口日”宣传服务活动'); // 赤峰, a level above
    expect(titles).not.toContain('“好家风·健康行”家庭健康讲座'); // 呼和浩特's own members only
    expect(titles).not.toContain('2026年“5·29会员活动日”主题宣传活动'); // ended
    // Upcoming are in start order: the notice (already started) first, the 2027 5·29 before 7·11.
    expect(titles.indexOf('2027年“5·29会员活动日”主题宣传活动')).toBeLessThan(titles.indexOf('2027年“7·11世界人口日”宣传服务活动'));
    const past = await app.as('m-wudan').call('event.list', { when: 'past', scope: 'all' });
    expect(past.items.map((e) => e.title)).toEqual(['乌丹一村新型婚育文化宣传进农家', '2026年“5·29会员活动日”主题宣传活动']);

    const other = await app.as('m-other').call('event.list', { when: 'upcoming', scope: 'mine' });
    expect(other.items.map((e) => e.title)).not.toContain('乌丹一村“向日葵亲子小屋”开放日');
    const xin = await app.as('m-xincheng').call('event.list', { when: 'upcoming', scope: 'mine' });
    expect(xin.items.map((e) => e.title)).toContain('“好家风·健康行”家庭健康讲座');
    expect(xin.items.map((e) => e.title)).not.toContain('2027年“7·11世界人口日”宣传服务活动');
    // A member without an org sees only what is for everyone.
    const none = await app.as('m-no-org').call('event.list', { when: 'upcoming', scope: 'all' });
    expect(none.items.every((e) => e.audience === 'all')).toBe(true);
    const noneMine = await app.as('m-no-org').call('event.list', { when: 'upcoming', scope: 'mine' });
    expect(noneMine.items).toEqual([]);
    // An org-only event of another area cannot be opened by id either.
    const lecture = xin.items.find((e) => e.title === '“好家风·健康行”家庭健康讲座')!;
    expect(await codeErr(app.as('m-wudan').call('event.get', { id: lecture.id }))).toBe('NOT_IN_AUDIENCE');
  });

  test('drafts, scope of publishing, and a higher level unpublishing a lower one', async () => {
    expect(
      await codeErr(
        app.as(HHHT).call('event.admin.publish', {
          orgId: '150400',
          title: '越权',
          type: '其他',
          startsAt: '2027-01-01T00:00:00Z',
          endsAt: '2027-01-01T02:00:00Z',
          venue: { name: '某地' },
        } as never),
      ),
    ).toBe('FORBIDDEN');
    expect(
      await codeErr(
        app.as('m-wudan').call('event.admin.publish', {
          orgId: '150000',
          title: '越权',
          type: '其他',
          startsAt: '2027-01-01T00:00:00Z',
          endsAt: '2027-01-01T02:00:00Z',
        } as never),
      ),
    ).toBe('FORBIDDEN');
    const draft = await app.as(HHHT).call('event.admin.publish', {
      orgId: '150100',
      title: '呼市草稿',
      type: '宣传活动',
      startsAt: new Date(clock + 86400_000).toISOString(),
      endsAt: new Date(clock + 90000_000).toISOString(),
      venue: { name: '青城公园' },
      draft: true,
    } as never);
    expect(draft.published).toBe(false);
    expect(await codeErr(app.as('m-xincheng').call('event.get', { id: draft.id }))).toBe('NOT_FOUND');
    const nmView = await app.as(NM).call('event.list', { when: 'all', scope: 'manage' });
    expect(nmView.items.map((e) => e.id)).toContain(draft.id);
    await app.as(HHHT).call('event.admin.setPublished', { id: draft.id, published: true });
    expect((await app.as('m-xincheng').call('event.get', { id: draft.id })).title).toBe('呼市草稿');
    // 自治区 unpublishes what 呼和浩特 published; 呼和浩特 cannot touch 自治区's.
    await app.as(NM).call('event.admin.setPublished', { id: draft.id, published: false });
    expect(await codeErr(app.as('m-xincheng').call('event.get', { id: draft.id }))).toBe('NOT_FOUND');
    expect(await codeErr(app.as(HHHT).call('event.admin.setPublished', { id: (await memberDay()).id, published: false }))).toBe('FORBIDDEN');
    const updated = await app.as(HHHT).call('event.admin.update', {
      id: draft.id,
      title: '呼市草稿（改）',
      type: '宣传活动',
      startsAt: new Date(clock + 86400_000).toISOString(),
      endsAt: new Date(clock + 90000_000).toISOString(),
      venue: { name: '青城公园' },
    } as never);
    expect(updated.title).toBe('呼市草稿（改）');
    expect(updated.published).toBe(false);
  });

  test('我要参加 counts intentions once per member and can be taken back', async () => {
    clock = Date.parse('2026-11-23T02:00:00.000Z');
    const ev = await memberDay();
    await app.as('m-wudan').call('event.intend', { id: ev.id, intend: true });
    await app.as('m-wudan').call('event.intend', { id: ev.id, intend: true });
    const r = await app.as('m-xincheng').call('event.intend', { id: ev.id, intend: true });
    expect(r).toEqual({ intending: true, intentCount: 2 });
    expect(await app.as('m-xincheng').call('event.intend', { id: ev.id, intend: false })).toEqual({ intending: false, intentCount: 1 });
    const d = await app.as('m-wudan').call('event.get', { id: ev.id });
    expect(d.intending).toBe(true);
    expect(d.intentCount).toBe(1);
  });
});

describe('rotating codes', () => {
  test('the code changes every 30 s, is 6 digits, and the QR carries event and window', async () => {
    const ev = await memberDay();
    clock = Math.floor(MEMBER_DAY / 30_000) * 30_000 + 1000;
    const a = await app.as(NM).call('event.admin.code', { id: ev.id });
    clock += 20_000;
    const b = await app.as(NM).call('event.admin.code', { id: ev.id });
    clock += 10_000;
    const c = await app.as(NM).call('event.admin.code', { id: ev.id });
    expect(a.code).toMatch(/^\d{6}$/);
    expect(b.code).toBe(a.code);
    expect(c.code).not.toBe(a.code);
    expect(c.window).toBe(a.window + 1);
    expect(a.qr).toMatch(new RegExp(`^HYZJ-CHECKIN:${ev.id}:${a.window}:`));
    expect(Date.parse(a.rotatesAt)).toBe((a.window + 1) * 30_000);
    expect(await codeErr(app.as('m-wudan').call('event.admin.code', { id: ev.id }))).toBe('FORBIDDEN');
    expect(await codeErr(app.as(HHHT).call('event.admin.code', { id: ev.id }))).toBe('FORBIDDEN');
  });

  test('the secret belongs to the data dir: a signer with another key forges nothing', () => {
    const s1 = codeSigner(Buffer.alloc(32, 1));
    const s2 = codeSigner(Buffer.alloc(32, 2));
    expect(s1.verifyQr(s1.issue(5, 100).qr)).toEqual({ eventId: 5, window: 100 });
    expect(s1.verifyQr(s2.issue(5, 100).qr)).toBeNull();
    expect(windowOf(59_999)).toBe(1);
  });

  test('refusals: stale (two windows ago), another event, forged; the previous window still works', async () => {
    const ev = await memberDay();
    const other = await newEvent({ title: '另一场活动' });
    clock = Math.floor(MEMBER_DAY / 30_000) * 30_000 + 5000;
    const old = await app.as(NM).call('event.admin.code', { id: ev.id });
    const otherCode = await app.as(NM).call('event.admin.code', { id: other.id });
    clock += 60_000; // two windows later
    const loc = { location: VENUE };
    expect(await codeErr(app.as('r1').call('event.checkin', { eventId: ev.id, code: old.qr, ...loc }))).toBe('CHECKIN_CODE_EXPIRED');
    expect(await codeErr(app.as('r1').call('event.checkin', { eventId: ev.id, code: old.code, ...loc }))).toBe('CHECKIN_CODE_EXPIRED');
    expect(await codeErr(app.as('r1').call('event.checkin', { eventId: ev.id, code: otherCode.qr, ...loc }))).toBe('CHECKIN_CODE_OTHER_EVENT');
    const forged = old.qr.replace(/:[^:]+$/, ':AAAAAAAAAAAAAAAAAAAAAA');
    expect(await codeErr(app.as('r1').call('event.checkin', { eventId: ev.id, code: forged, ...loc }))).toBe('CHECKIN_CODE_FORGED');
    // Changing the window of a real code breaks its signature too.
    const [, , , w, sig] = old.qr.split(':');
    expect(await codeErr(app.as('r1').call('event.checkin', { eventId: ev.id, code: `HYZJ-CHECKIN:${ev.id}:${Number(w) + 2}:${sig}`, ...loc }))).toBe(
      'CHECKIN_CODE_FORGED',
    );
    const raw = await app.as('r1').raw('event.checkin', { eventId: ev.id, code: '000000', ...loc });
    expect(raw.status).toBe(400);
    clock -= 30_000; // one window later: still accepted (a code lives up to 60 s)
    const ok = await app.as('r1').call('event.checkin', { eventId: ev.id, code: old.code, ...loc });
    expect(ok.firstTime).toBe(true);
  });

  test('a code of the wrong length or shape is refused as a bad payload that says so (not as a forged QR), and is not a guess', async () => {
    const ev = await memberDay();
    const refusal = async (code: string) => (await app.as('shape').raw('event.checkin', { eventId: ev.id, code, location: VENUE })).body as any;
    const seven = await refusal('1234567');
    expect(seven).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD', message: expect.stringContaining('签到码是 6 位数字，您输入了 7 位') } });
    expect(seven.error.message).not.toContain('二维码');
    expect((await refusal('12345')).error.message).toContain('您输入了 5 位');
    expect(await refusal('12a456')).toMatchObject({ error: { code: 'INVALID_PAYLOAD', message: expect.stringContaining('6 位数字') } });
    expect(await refusal('')).toMatchObject({ error: { code: 'INVALID_PAYLOAD', message: expect.stringContaining('请输入 6 位签到码') } });
    // A QR-shaped payload with a bad signature is still a forged QR.
    expect(await refusal('HYZJ-CHECKIN:1:2:AAAAAAAAAAAAAAAAAAAAAA')).toMatchObject({ error: { code: 'CHECKIN_CODE_FORGED' } });
    // None of the malformed ones used up the allowance: the right code still checks in after 12 of them.
    for (let i = 0; i < 12; i++) await refusal('1234567');
    const ok = await app
      .as('shape')
      .call('event.checkin', { eventId: ev.id, code: (await app.as(NM).call('event.admin.code', { id: ev.id })).code, location: VENUE });
    expect(ok.firstTime).toBe(true);
  });

  test('guessing is throttled after 10 wrong codes', async () => {
    const ev = await memberDay();
    for (let i = 0; i < 10; i++) await codeErr(app.as('guesser').call('event.checkin', { eventId: ev.id, code: String(100000 + i), location: VENUE }));
    expect(await codeErr(app.as('guesser').call('event.checkin', { eventId: ev.id, code: '123456', location: VENUE }))).toBe('TOO_MANY_REQUESTS');
  });
});

describe('check-in rules', () => {
  const current = async (id: number) => (await app.as(NM).call('event.admin.code', { id })).code;

  test('haversine distance: 0.001° of latitude is about 111 m', () => {
    expect(Math.round(distanceMeters({ lat: 40, lng: 111 }, { lat: 40.001, lng: 111 }))).toBe(111);
  });

  test('geofence in and out, and a member who refuses location', async () => {
    const ev = await memberDay();
    const code = await current(ev.id);
    const out = await app.as('g1').raw('event.checkin', { eventId: ev.id, code, location: { lat: 40.83, lng: 111.6708 } });
    expect(out.status).toBe(403);
    expect(out.body).toMatchObject({ ok: false, error: { code: 'OUT_OF_RANGE' } });
    expect((out.body as any).error.message).toMatch(/1\.4 公里.*500 米/);
    const none = await app.as('g1').raw('event.checkin', { eventId: ev.id, code });
    expect(none.body).toMatchObject({ ok: false, error: { code: 'LOCATION_REQUIRED' } });
    expect((none.body as any).error.message).toContain('允许');
    const inside = await app.as('g1').call('event.checkin', { eventId: ev.id, code, location: { lat: 40.8195, lng: 111.6708 } });
    expect(inside.distance).toBeGreaterThan(200);
    expect(inside.distance).toBeLessThan(500);
  });

  test('exactly once: a second check-in returns the first time; points are paid once', async () => {
    const ev = await memberDay();
    const before = (await app.as('once').call('member.me', {})).points;
    const first = await app.as('once').call('event.checkin', { eventId: ev.id, code: await current(ev.id), location: VENUE });
    clock += 120_000;
    const second = await app.as('once').call('event.checkin', { eventId: ev.id, code: await current(ev.id), location: VENUE });
    expect(second.firstTime).toBe(false);
    expect(second.checkedInAt).toBe(first.checkedInAt);
    expect((await app.as('once').call('member.me', {})).points).toBe(before + 20);
    const mine = await app.as('once').call('event.myCheckins', {});
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0]).toMatchObject({ eventId: ev.id, offline: false, voided: false, points: 20 });
    const data = await app.as('once').call('member.exportData', {});
    expect(data.sections.find((s) => s.title === '活动签到')?.rows).toHaveLength(1);
  });

  test('我的数据 shows each check-in with the location the phone sent, and 我要参加; deletion forgets the place and keeps the counts', async () => {
    const ev = await newEvent({ title: '数据导出用活动', locationRequired: true });
    const m = app.as('data-export');
    await m.call('event.intend', { id: ev.id, intend: true });
    await m.call('event.checkin', { eventId: ev.id, code: await current(ev.id), location: { lat: 40.8176, lng: 111.6709 } });
    const data = await m.call('member.exportData', {});
    const checkin = data.sections.find((s) => s.title === '活动签到')!.rows[0];
    expect(checkin).toMatchObject({
      活动: '数据导出用活动',
      方式: '现场签到',
      签到位置: '纬度 40.81760，经度 111.67090',
      距活动地点: expect.stringMatching(/^\d+ 米$/),
    });
    expect(data.sections.find((s) => s.title === '活动报名（我要参加）')!.rows).toEqual([
      expect.objectContaining({ 活动: '数据导出用活动', 活动时间: ev.startsAt }),
    ]);

    await m.call('member.delete', { confirm: '注销' });
    const rows = await app.sql.rows('SELECT member_id, lat, lng, distance FROM event_checkins WHERE event_id = ?', ev.id);
    expect(rows).toEqual([{ member_id: null, lat: null, lng: null, distance: null }]);
    expect((await app.as(NM).call('event.get', { id: ev.id })).intentCount).toBe(1);
  });

  test('the check-in window', async () => {
    const ev = await memberDay();
    clock = Date.parse('2027-05-29T00:10:00.000Z'); // 08:10 Beijing, opens 08:30
    const early = await app.as('w1').raw('event.checkin', { eventId: ev.id, code: await current(ev.id), location: VENUE });
    expect(early.body).toMatchObject({ ok: false, error: { code: 'CHECKIN_NOT_OPEN', message: expect.stringContaining('2027年5月29日 08:30') } });
    clock = Date.parse('2027-05-29T05:00:30.000Z');
    const late = await app.as('w1').raw('event.checkin', { eventId: ev.id, code: await current(ev.id), location: VENUE });
    expect(late.body).toMatchObject({ ok: false, error: { code: 'CHECKIN_CLOSED' } });
    const notice = (await app.as('w1').call('event.list', { when: 'all', scope: 'all' })).items.find((e) => e.kind === 'notice')!;
    expect(await codeErr(app.as('w1').call('event.checkin', { eventId: notice.id, code: '123456' }))).toBe('CONFLICT');
  });
});

describe('the store (the same primitives on every engine)', () => {
  test('when paying the points fails, the check-in is not recorded either, so a retry checks in and pays', async () => {
    const ev = await newEvent({ title: '原子签到' });
    const member = await app.store.members.findOrCreateByOpenid('atomic-1', '微信用户');
    const checkin = {
      eventId: ev.id,
      memberId: member.id,
      orgId: null,
      at: new Date(clock),
      scannedAt: null,
      offline: false,
      codeWindow: 1,
      lat: null,
      lng: null,
      distance: null,
    };
    const award = { memberId: member.id, delta: 7, reason: '活动签到：原子签到', refKey: `event:checkin:${ev.id}:${member.id}`, at: new Date(clock) };
    // A ledger row the database refuses (reason NOT NULL) stands for a crash between the two writes.
    // (Compared as text: the driver's error class may come from another realm than the test's.)
    const failure = await app.store.events.checkin(checkin, { ...award, reason: null as never }).then(
      () => 'committed',
      (e: unknown) => String(e),
    );
    expect(failure).toMatch(/reason/);
    expect(await app.store.events.checkinOf(ev.id, member.id)).toBeUndefined();
    expect((await app.store.members.getById(member.id))!.points).toBe(0);

    expect((await app.store.events.checkin(checkin, award)).kind).toBe('created');
    expect((await app.store.events.checkin(checkin, award)).kind).toBe('duplicate');
    expect((await app.store.members.getById(member.id))!.points).toBe(7);
    expect(await app.store.points.entries(member.id)).toEqual([expect.objectContaining({ delta: 7, reason: '活动签到：原子签到' })]);
  });
  test('the primitives answer the same on every engine: missing rows, void and restore, the wrong-code window, forgetting a place', async () => {
    const store = app.store.events;
    const ev = await newEvent({ title: '存储原语' });
    const input = { ...(await store.getById(ev.id))!, orgId: 'no-such-org' };
    expect(await store.create(input, null, new Date(clock))).toBeUndefined();
    expect(await store.update(999_999_999, input, new Date(clock))).toBeUndefined();
    expect(await store.setPublished(999_999_999, true, new Date(clock))).toBeUndefined();
    expect(await store.setVoided(999_999_999, true, 1, new Date(clock), null)).toBeUndefined();

    const member = await app.store.members.findOrCreateByOpenid('primitives-1', '微信用户');
    const at = new Date(clock);
    const { record } = await store.checkin(
      { eventId: ev.id, memberId: member.id, orgId: null, at, scannedAt: at, offline: true, codeWindow: 1, lat: 40.8, lng: 111.6, distance: 12 },
      { memberId: member.id, delta: 7, reason: '活动签到：存储原语', refKey: `event:checkin:${ev.id}:${member.id}`, at },
    );
    const pay = (delta: number, key: string) => ({ memberId: member.id, delta, reason: '作废或恢复', refKey: key, at });
    expect(await store.setVoided(record.id, true, member.id, at, pay(-7, 'p-void-1'))).toMatchObject({ changed: true, record: { voided: true } });
    expect(await store.setVoided(record.id, true, member.id, at, pay(-7, 'p-void-2'))).toMatchObject({ changed: false, record: { voided: true } });
    expect((await app.store.members.getById(member.id))!.points).toBe(0); // paid 7, taken back once
    expect(await store.setVoided(record.id, false, member.id, at, pay(7, 'p-restore-1'))).toMatchObject({ changed: true, record: { voided: false } });
    expect((await app.store.members.getById(member.id))!.points).toBe(7);
    expect(await store.counts(ev.id)).toEqual({ total: 1, offline: 1, voided: 0 });

    // The window is (at - window, at]: a wrong code made exactly one window ago no longer counts.
    const t0 = clock;
    for (let i = 0; i < 3; i++) expect(await store.recordWrongCode(ev.id, member.id, new Date(t0 + i), 60_000, 3)).toBe(true);
    expect(await store.recordWrongCode(ev.id, member.id, new Date(t0 + 10), 60_000, 3)).toBe(false);
    expect(await store.wrongCodeCount(ev.id, member.id, new Date(t0 + 10), 60_000)).toBe(3);
    expect(await store.wrongCodeCount(ev.id, member.id, new Date(t0 + 60_000), 60_000)).toBe(2);
    expect(await store.recordWrongCode(ev.id, member.id, new Date(t0 + 60_000), 60_000, 3)).toBe(true);
    expect(await store.wrongCodeCount(ev.id, member.id, new Date(t0 + 60_000), 60_000)).toBe(3);

    await store.forgetMember(member.id);
    expect((await store.memberData(member.id)).checkins).toEqual([expect.objectContaining({ lat: null, lng: null, distance: null, offline: true })]);
  });
});

describe('offline check-ins', () => {
  test('accepted inside the rules, marked 离线签到, listed apart, voidable', async () => {
    const ev = await memberDay();
    const scannedAt = MEMBER_DAY + 10_000;
    clock = scannedAt;
    const { qr } = await app.as(NM).call('event.admin.code', { id: ev.id });
    clock = scannedAt + 6 * 3600_000; // back online six hours later, after the event
    const r = await app.as('off1').call('event.checkin', { eventId: ev.id, code: qr, scannedAt: new Date(scannedAt).toISOString(), location: VENUE });
    expect(r).toMatchObject({ firstTime: true, offline: true });
    const live = await app.as(NM).call('event.admin.live', { id: ev.id });
    const row = live.offline.find((o) => o.scannedAt === new Date(scannedAt).toISOString())!;
    expect(row.offline).toBe(true);
    expect(live.latest.some((l) => l.id === row.id)).toBe(false);
    const pts = (await app.as('off1').call('member.me', {})).points;
    expect(await codeErr(app.as(HHHT).call('event.admin.voidCheckin', { checkinId: row.id }))).toBe('FORBIDDEN');
    const voided = await app.as(NM).call('event.admin.voidCheckin', { checkinId: row.id });
    expect(voided.voided).toBe(true);
    await app.as(NM).call('event.admin.voidCheckin', { checkinId: row.id }); // twice: no second deduction
    expect((await app.as('off1').call('member.me', {})).points).toBe(pts - 20);
    expect(
      await codeErr(app.as('off1').call('event.checkin', { eventId: ev.id, code: qr, scannedAt: new Date(scannedAt).toISOString(), location: VENUE })),
    ).toBe('CHECKIN_VOIDED');
    expect((await app.as('off1').call('event.myCheckins', {})).items[0]).toMatchObject({ offline: true, voided: true });
    // An on-site check-in cannot be voided.
    const onsite = live.latest[0];
    expect(await codeErr(app.as(NM).call('event.admin.voidCheckin', { checkinId: onsite.id }))).toBe('CONFLICT');
  });

  test('refused outside the rules: after 24 h, a scan time the code was not valid at, a scan time outside the check-in window', async () => {
    const ev = await memberDay();
    const scannedAt = MEMBER_DAY;
    clock = scannedAt;
    const { qr, code } = await app.as(NM).call('event.admin.code', { id: ev.id });
    clock = scannedAt + 24 * 3600_000 + 60_000;
    expect(
      await codeErr(app.as('off2').call('event.checkin', { eventId: ev.id, code: qr, scannedAt: new Date(scannedAt).toISOString(), location: VENUE })),
    ).toBe('OFFLINE_TOO_LATE');
    clock = scannedAt + 3600_000;
    // "Scanned" five minutes after the code's window: a forwarded photo replayed later.
    expect(
      await codeErr(
        app.as('off2').call('event.checkin', { eventId: ev.id, code: qr, scannedAt: new Date(scannedAt + 300_000).toISOString(), location: VENUE }),
      ),
    ).toBe('CHECKIN_CODE_EXPIRED');
    expect(
      await codeErr(app.as('off2').call('event.checkin', { eventId: ev.id, code, scannedAt: new Date(scannedAt + 300_000).toISOString(), location: VENUE })),
    ).toBe('CHECKIN_CODE_EXPIRED');
    // A scan time in the future of the server.
    expect(
      await codeErr(app.as('off2').call('event.checkin', { eventId: ev.id, code: qr, scannedAt: new Date(clock + 3600_000).toISOString(), location: VENUE })),
    ).toBe('INVALID_PAYLOAD');
    // A code shown before the check-in opened (organiser testing the screen early).
    const before = Date.parse('2027-05-29T00:20:00.000Z');
    clock = before;
    const early = await app.as(NM).call('event.admin.code', { id: ev.id });
    clock = before + 3600_000;
    expect(
      await codeErr(app.as('off2').call('event.checkin', { eventId: ev.id, code: early.qr, scannedAt: new Date(before).toISOString(), location: VENUE })),
    ).toBe('CHECKIN_NOT_OPEN');
    // Typed code still valid at the server's now: an ordinary (online) check-in even with scannedAt.
    clock = scannedAt + 20_000;
    const fresh = await app.as('off2').call('event.checkin', { eventId: ev.id, code: qr, scannedAt: new Date(scannedAt).toISOString(), location: VENUE });
    expect(fresh.offline).toBe(false);
  });
});

describe('association view', () => {
  test('stats by time and org, masked phones, and an .xlsx export', async () => {
    const ev = await newEvent({ title: '统计用活动', locationRequired: false });
    await app.as('s1').call('member.update', { orgId: '150426100201' });
    await app.as('s1').call('member.consent', { version: '2026-11' });
    await app.as('s1').call('member.update', { realName: '乌兰图雅', phone: '13812345678' });
    await app.as('s2').call('member.update', { orgId: '150102' });
    for (const m of ['s1', 's2']) {
      await app.as(m).call('event.checkin', { eventId: ev.id, code: (await app.as(NM).call('event.admin.code', { id: ev.id })).code });
      clock += 15 * 60_000;
    }
    const s = await app.as(NM).call('event.admin.stats', { id: ev.id });
    expect(s.total).toBe(2);
    expect(s.overTime.reduce((a, b) => a + b.count, 0)).toBe(2);
    expect(s.byOrg.map((o) => o.name).sort()).toEqual(['乌丹一村计生协', '新城区计生协']);
    const s1 = s.list.find((r) => r.phoneMasked)!;
    expect(s1).toMatchObject({ name: '乌***', phoneMasked: '138****5678' });
    expect(JSON.stringify(s)).not.toContain('13812345678');
    expect(JSON.stringify(s)).not.toContain('乌兰图雅');
    expect(await codeErr(app.as(HHHT).call('event.admin.stats', { id: ev.id }))).toBe('FORBIDDEN');

    const x = await app.as(NM).call('event.admin.export', { id: ev.id });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(x.base64, 'base64') as never);
    const sheet = wb.getWorksheet('签到名单')!;
    expect(sheet.rowCount).toBe(3);
    const cells = JSON.stringify(sheet.getSheetValues());
    expect(cells).toContain('138****5678');
    expect(cells).not.toContain('13812345678');
    expect(sheet.getRow(1).values).toEqual([undefined, '序号', '姓名', '手机号（打码）', '单位', '签到时间', '方式', '扫码时间', '状态']);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.getRow(2).getCell(6).value).toBe('现场签到');
    expect(sheet.getRow(2).getCell(7).value).toBe(''); // no scan time: an empty cell
    const byOrg = wb.getWorksheet('按单位')!;
    expect(byOrg.getRow(1).values).toEqual([undefined, '单位', '签到人数']);
    expect(byOrg.getColumn(1).values.slice(2).sort()).toEqual(['乌丹一村计生协', '新城区计生协']);
    const info = wb.getWorksheet('活动')!;
    expect(info.getRow(1).values).toEqual([undefined, '活动', '统计用活动']);
    expect(info.getRow(3).values).toEqual([undefined, '有效签到', 2]);
  });

  test('bad payloads are 4xx', async () => {
    for (const [a, p] of [
      ['event.checkin', { eventId: 1, code: 'x'.repeat(500) }],
      ['event.checkin', { eventId: -1, code: '123456' }],
      ['event.list', { when: 'soon' }],
      ['event.admin.publish', { orgId: '150000', title: 'x' }],
      ['event.checkin', { eventId: 1, code: '123456', location: { lat: 100, lng: 0 } }],
    ] as const) {
      const r = await app.as(NM).raw(a, p);
      expect(r.status).toBe(400);
    }
    const r = await app.as(NM).raw('event.admin.publish', {
      orgId: '150000',
      title: '时间反了',
      type: '其他',
      startsAt: '2027-01-02T00:00:00Z',
      endsAt: '2027-01-01T00:00:00Z',
      venue: { name: 'x' },
    });
    expect(r.body).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD', message: '结束时间应晚于开始时间' } });
  });
});
