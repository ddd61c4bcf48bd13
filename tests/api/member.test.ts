import { startTestApp, type TestApp } from '../support/app';
import { PRIVACY_NOTICE_VERSION } from '../../cloud/contracts/privacy';

let app: TestApp;
beforeEach(async () => {
  app = await startTestApp();
});
afterEach(() => app.close());

test('a first WeChat contact creates the member, and member.me returns their profile', async () => {
  const me = await app.as('wx-openid-1').call('member.me', {});
  expect(me).toMatchObject({ nickname: '微信用户', realName: null, phone: null, org: null, points: 0, adminOrgs: [] });
  const again = await app.as('wx-openid-1').call('member.me', {});
  expect(again.id).toBe(me.id);
});

test('a real name or phone is refused before consent and stored after it', async () => {
  const m = app.as('wx-consent');
  const refused = await m.raw('member.update', { realName: '王其其格', phone: '13912345678' });
  expect(refused.status).toBe(403);
  expect(refused.body).toEqual({ ok: false, error: { code: 'CONSENT_REQUIRED', message: expect.stringContaining('《个人信息保护说明》') } });
  expect((await m.call('member.me', {})).realName).toBeNull();

  await m.call('member.consent', { version: PRIVACY_NOTICE_VERSION });
  const updated = await m.call('member.update', { realName: '王其其格', phone: '13912345678', orgId: '150426', nickname: '格桑花' });
  expect(updated).toMatchObject({ realName: '王其其格', phone: '13912345678', phoneMasked: '139****5678', nickname: '格桑花' });
  expect(updated.org).toEqual({ id: '150426', name: '翁牛特旗计生协', level: 3 });
  expect(updated.orgPath.map((o) => o.id)).toEqual(['150000', '150400', '150426']);
  expect(updated.consentVersion).toBe(PRIVACY_NOTICE_VERSION);
});

test('nickname and org can change without consent; clearing values works; unknown orgs are refused', async () => {
  const m = app.as('wx-plain');
  expect((await m.call('member.update', { nickname: '草原', orgId: '150100' })).org?.name).toBe('呼和浩特市计生协');
  const bad = await m.raw('member.update', { orgId: '999999' });
  expect(bad.status).toBe(404);
  expect((bad.body as any).error.message).toBe('所选单位不存在，请重新选择');
  expect((await m.call('member.update', { orgId: null })).org).toBeNull();
});

test('长辈模式 is remembered per member: off at first, on after member.update, and kept by other edits', async () => {
  const m = app.as('wx-elder');
  expect((await m.call('member.me', {})).elderMode).toBe(false);
  expect((await m.call('member.update', { elderMode: true })).elderMode).toBe(true);
  expect((await m.call('member.update', { nickname: '老王' })).elderMode).toBe(true);
  expect(await m.call('member.me', {})).toMatchObject({ nickname: '老王', elderMode: true });
  expect((await app.as('wx-someone-else').call('member.me', {})).elderMode).toBe(false);
  const bad = await m.raw('member.update', { elderMode: 'yes' } as never);
  expect(bad.status).toBe(400);
  expect((bad.body as any).error).toMatchObject({ code: 'INVALID_PAYLOAD', message: '长辈模式只能是开或关', field: 'elderMode' });
  expect((await m.call('member.update', { elderMode: false })).elderMode).toBe(false);
  expect((await m.call('member.me', {})).elderMode).toBe(false);
});

test('identity comes from the caller, never the payload', async () => {
  const a = await app.as('wx-a').call('member.me', {});
  const r = await app.as('wx-b').raw('member.update', { id: a.id, nickname: '冒名' } as never);
  expect(r.status).toBe(400);
  expect((await app.as('wx-a').call('member.me', {})).nickname).toBe('微信用户');
  expect((await app.anonymous.raw('member.me', {})).status).toBe(401);
});

test('export shows everything stored; delete removes the person and keeps aggregate counts', async () => {
  const m = app.as('wx-delete');
  await m.call('member.consent', { version: PRIVACY_NOTICE_VERSION });
  const me = await m.call('member.update', { realName: '张三', phone: '13800001111', orgId: '150100' });
  await app.store.points.award({ memberId: me.id, delta: 5, reason: '参加知识竞赛', refKey: 'test:1', at: new Date() });

  const data = await m.call('member.exportData', {});
  expect(data.profile.realName).toBe('张三');
  expect(data.consents).toHaveLength(1);
  expect(data.points).toEqual([expect.objectContaining({ delta: 5, reason: '参加知识竞赛' })]);

  expect((await m.raw('member.delete', { confirm: '好' })).status).toBe(400);
  await m.call('member.delete', { confirm: '注销' });

  const { sql } = app;
  expect(await sql.value('SELECT COUNT(*) FROM members WHERE openid = ?', 'wx-delete')).toBe(0);
  expect(await sql.value("SELECT COUNT(*) FROM members WHERE real_name = '张三' OR phone = '13800001111'")).toBe(0);
  expect(await sql.value('SELECT COUNT(*) FROM privacy_consents WHERE member_id = ?', me.id)).toBe(0);
  // The points paid still count per org, linked to nobody.
  expect(await sql.rows("SELECT member_id, org_id, delta FROM points_ledger WHERE ref_key = 'test:1'")).toEqual([
    { member_id: null, org_id: '150100', delta: 5 },
  ]);
  expect(await sql.value('SELECT COUNT(*) FROM deleted_members WHERE org_id = ?', '150100')).toBe(1);
});

test('points are paid once per cause, and the balance follows the ledger', async () => {
  const me = await app.as('wx-points').call('member.me', {});
  const award = { memberId: me.id, delta: 10, reason: '活动签到', refKey: 'event:1:checkin', at: new Date() };
  const results = await Promise.all([
    app.store.points.award(award),
    app.store.points.award(award),
    app.store.points.award({ ...award, refKey: 'event:2:checkin' }),
  ]);
  expect(results.filter(Boolean)).toHaveLength(2);
  const p = await app.as('wx-points').call('member.points', {});
  expect(p.balance).toBe(20);
  expect(p.entries).toHaveLength(2);
  expect(await app.store.points.sumSince(me.id, 'event:1', new Date(Date.now() - 60_000))).toBe(10);
});

test('demo admins are seeded with their scope', async () => {
  const nm = await app.as('dev-admin-nm').call('member.me', {});
  expect(nm.adminOrgs).toEqual([{ id: '150000', name: '内蒙古自治区计划生育协会', level: 1 }]);
  const hhht = await app.as('dev-admin-hhht').call('member.me', {});
  expect(hhht.adminOrgs.map((o) => o.id)).toEqual(['150100']);
});

test('devLogin works in dev mode only', async () => {
  const r = await app.anonymous.call('auth.devLogin', { openid: 'dev-1', nickname: '测试' });
  expect(r.token).toMatch(/^\d+\.\d+\./);
  expect(r.member.nickname).toBe('测试');
  const prod = await startTestApp({ mode: 'production' });
  try {
    const refused = await prod.anonymous.raw('auth.devLogin', { openid: 'dev-1' });
    expect(refused.status).toBe(403);
    expect((refused.body as any).error.code).toBe('DEV_LOGIN_DISABLED');
  } finally {
    await prod.close();
  }
});

test('a registration form with a name or phone is stored only after consent, like the profile', async () => {
  const m = app.as('wx-reg-consent');
  const open = (await m.call('class.list', {})).classes.filter((c) => c.registration === 'open');
  const details = await Promise.all(open.map((c) => m.call('class.get', { classId: c.id })));
  const personal = details.find((c) => c.fields.some((f) => f.type === 'phone') && c.confirmedCount < c.capacity)!;
  expect(personal).toBeDefined();
  const answers: Record<string, string | number> = {};
  for (const f of personal.fields) {
    if (f.type === 'phone') answers[f.id] = '13912345678';
    else if (f.type === 'choice') answers[f.id] = f.options![0];
    else if (f.type === 'number') answers[f.id] = 1;
    else answers[f.id] = '王其其格';
  }
  const payload = { classId: personal.id, answers, ...(personal.ageMin !== null || personal.ageMax !== null ? { childAge: personal.ageMin ?? 3 } : {}) };

  const refused = await m.raw('class.register', payload);
  expect(refused.status).toBe(403);
  expect(refused.body).toEqual({ ok: false, error: { code: 'CONSENT_REQUIRED', message: expect.stringContaining('个人信息保护说明') } });
  const me = await m.call('member.me', {});
  expect(await app.sql.value('SELECT COUNT(*) FROM class_registrations WHERE member_id = ?', me.id)).toBe(0);

  await m.call('member.consent', { version: PRIVACY_NOTICE_VERSION });
  expect((await m.call('class.register', payload)).status).toMatch(/confirmed|waitlisted/);
});
