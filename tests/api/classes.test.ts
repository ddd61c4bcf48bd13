import { startTestApp, type TestApp } from '../support/app';
import { PRIVACY_NOTICE_VERSION } from '../../cloud/contracts/privacy';
import { deliverDueReminders, startReminderScheduler, type ReminderSender } from '../../cloud/features/classes/reminders';
import type { ClassDetail } from '../../cloud/contracts/classes';
import ExcelJS from 'exceljs';
import { classPolicy } from '../../cloud/features/classes/rules';

const H = 3600_000;
let app: TestApp;
let clock: Date;
const T0 = new Date('2026-12-01T02:00:00.000Z');

beforeEach(async () => {
  clock = new Date(T0);
  // Parents who fill in names and phones have agreed to the privacy notice (without it, see member.test.ts).
  app = await startTestApp({ now: () => clock, consented: true });
});
afterEach(() => app.close());

const admin = () => app.as('dev-admin-hhht');

async function publish(over: Record<string, unknown> = {}): Promise<ClassDetail> {
  return admin().call('class.admin.publish', {
    orgId: '150100',
    title: '测试课堂',
    topic: '科学养育',
    teacher: '王老师',
    description: '简介',
    venue: { name: '向日葵亲子小屋', address: '新华大街 1 号', lat: 40.8, lng: 111.7 },
    onlineUrl: null,
    startsAt: new Date(T0.getTime() + 72 * H).toISOString(),
    endsAt: new Date(T0.getTime() + 74 * H).toISOString(),
    regOpensAt: new Date(T0.getTime() - 24 * H).toISOString(),
    regClosesAt: new Date(T0.getTime() + 70 * H).toISOString(),
    capacity: 2,
    ageMin: 0,
    ageMax: 6,
    fields: [
      { id: 'parent_name', label: '家长姓名', type: 'name', required: true },
      { id: 'phone', label: '联系电话', type: 'phone', required: true },
      { id: 'relation', label: '与孩子关系', type: 'choice', required: true, options: ['妈妈', '爸爸'] },
      { id: 'kids', label: '孩子人数', type: 'number', required: false },
      { id: 'address', label: '家庭住址', type: 'text', required: false, personal: true },
      { id: 'nick', label: '宝宝名字', type: 'text', required: false },
    ],
    cancelHours: 24,
    waitlistOpen: true,
    ...over,
  } as never);
}

const form = (n: number) => ({ parent_name: `家长${n}`, phone: `1380000${String(n).padStart(4, '0')}`, relation: '妈妈' });

test('seeds at least 8 classes across several orgs; list is upcoming first and filters by topic, date and area', async () => {
  clock = new Date(); // the seeds are dated relative to the real day they ran
  const m = app.as('parent-list');
  await m.call('member.update', { orgId: '150426100' });
  const all = (await m.call('class.list', {})).classes;
  expect(all.length).toBeGreaterThanOrEqual(8);
  expect(new Set(all.map((c) => c.org.id)).size).toBeGreaterThanOrEqual(5);
  expect(all.map((c) => c.startsAt)).toEqual([...all.map((c) => c.startsAt)].sort());
  expect(all.every((c) => Date.parse(c.endsAt) >= clock.getTime())).toBe(true);
  expect(all.some((c) => c.title.includes('沟通之道'))).toBe(true);
  expect(all.some((c) => c.venue?.name.includes('向日葵亲子小屋'))).toBe(true);

  const teen = (await m.call('class.list', { topic: '青春期沟通' })).classes;
  expect(teen.length).toBeGreaterThan(0);
  expect(teen.every((c) => c.topic === '青春期沟通')).toBe(true);

  // 乌丹镇 member: 'org' = 乌丹镇 and its ancestors; 'area' adds the rest of 赤峰.
  const org = (await m.call('class.list', { where: 'org' })).classes.map((c) => c.org.id);
  expect(org).toEqual(expect.arrayContaining(['150426100', '150000', '150400']));
  expect(org).not.toContain('150404');
  const area = (await m.call('class.list', { where: 'area' })).classes.map((c) => c.org.id);
  expect(area).toContain('150404');
  expect(area).not.toContain('150100');

  const day = all[0].startsAt;
  const chinaDay = new Date(Date.parse(day) + 8 * H).toISOString().slice(0, 10);
  const onDay = (await m.call('class.list', { date: chinaDay })).classes;
  expect(onDay.map((c) => c.id)).toContain(all[0].id);
  expect((await m.call('class.list', { includePast: true })).classes.length).toBeGreaterThan(all.length);
});

test('register: confirmed, then waitlisted with position; seats line data; refusals are clear', async () => {
  const c = await publish();
  const r1 = await app.as('p1').call('class.register', { classId: c.id, childAge: 3, answers: form(1) });
  expect(r1).toMatchObject({ status: 'confirmed', position: null, registration: { status: 'confirmed' } });
  expect(r1.registration.code).toMatch(/^[A-Z0-9]{8}$/);
  await app.as('p2').call('class.register', { classId: c.id, childAge: 3, answers: form(2) });
  const r3 = await app.as('p3').call('class.register', { classId: c.id, childAge: 3, answers: form(3) });
  expect(r3).toMatchObject({ status: 'waitlisted', position: 1 });
  const r4 = await app.as('p4').call('class.register', { classId: c.id, childAge: 3, answers: form(4) });
  expect(r4.position).toBe(2);
  const listed = (await app.as('p4').call('class.list', {})).classes.find((x) => x.id === c.id)!;
  expect(listed).toMatchObject({ confirmedCount: 2, waitlistCount: 2, myStatus: 'waitlisted' });

  const dup = await app.as('p1').raw('class.register', { classId: c.id, childAge: 3, answers: form(1) });
  expect(dup.status).toBe(409);
  expect(dup.body).toMatchObject({ ok: false, error: { code: 'ALREADY_REGISTERED', message: expect.stringContaining('已报名') } });

  const old = await app.as('p5').raw('class.register', { classId: c.id, childAge: 9, answers: form(5) });
  expect(old.status).toBe(403);
  expect(old.body).toMatchObject({ error: { code: 'NOT_ELIGIBLE', message: expect.stringContaining('0–6 岁') } });

  clock = new Date(T0.getTime() + 71 * H);
  const closed = await app.as('p6').raw('class.register', { classId: c.id, childAge: 3, answers: form(6) });
  expect(closed.body).toMatchObject({ error: { code: 'REGISTRATION_CLOSED', message: expect.stringContaining('截止') } });
  clock = new Date(T0.getTime() - 48 * H);
  const early = await app.as('p6').raw('class.register', { classId: c.id, childAge: 3, answers: form(6) });
  expect(early.body).toMatchObject({ error: { code: 'REGISTRATION_CLOSED', message: expect.stringContaining('尚未开始') } });
});

test('a full class without a waitlist refuses with CLASS_FULL', async () => {
  const c = await publish({ capacity: 1, waitlistOpen: false, ageMin: null, ageMax: null });
  await app.as('a').call('class.register', { classId: c.id, answers: form(1) });
  const r = await app.as('b').raw('class.register', { classId: c.id, answers: form(2) });
  expect(r.status).toBe(409);
  expect(r.body).toMatchObject({ error: { code: 'CLASS_FULL', message: expect.stringContaining('名额已满') } });
});

test("answers are validated against the class's own form fields", async () => {
  const c = await publish();
  const p = app.as('f');
  const bad = async (answers: Record<string, unknown>, childAge: number | null = 2) =>
    ((await p.raw('class.register', { classId: c.id, childAge, answers })).body as any).error;
  expect(await bad({ phone: '13800000000', relation: '妈妈' })).toMatchObject({ code: 'INVALID_ANSWERS', message: '请填写“家长姓名”' });
  expect((await bad({ ...form(1), phone: '12345' })).message).toBe('“联系电话”请填写 11 位手机号码');
  expect((await bad({ ...form(1), relation: '叔叔' })).message).toBe('“与孩子关系”请从选项中选择');
  expect((await bad({ ...form(1), kids: 'two' })).message).toBe('“孩子人数”请填写数字');
  expect((await bad({ ...form(1), extra: 'x' })).code).toBe('INVALID_ANSWERS');
  expect((await bad(form(1), null)).message).toBe('请填写孩子的年龄');
  const ok = await p.call('class.register', { classId: c.id, childAge: 2, answers: { ...form(1), kids: '2' } });
  expect(ok.registration.answers).toEqual({ ...form(1), kids: 2 });
  // Bad payload shapes are 400 in the envelope.
  const shape = await p.raw('class.register', { classId: 'x', answers: [] });
  expect(shape.status).toBe(400);
});

test('the form is prefilled from my last registration, matched by label and type', async () => {
  const a = await publish();
  const b = await publish({
    title: '第二课',
    fields: [
      { id: 'tel', label: '联系电话', type: 'phone', required: true },
      { id: 'parent_name', label: '家长姓名', type: 'name', required: true },
    ],
  });
  const p = app.as('prefill');
  expect((await p.call('class.get', { classId: b.id })).prefill).toEqual({ childAge: null, answers: {} });
  await p.call('class.register', { classId: a.id, childAge: 4, answers: form(7) });
  expect((await p.call('class.get', { classId: b.id })).prefill).toEqual({ childAge: 4, answers: { tel: form(7).phone, parent_name: '家长7' } });
});

test('cancel promotes the first waitlisted in arrival order, with an in-app message and an outbox row', async () => {
  const c = await publish();
  const regs = [];
  for (let i = 1; i <= 4; i++) regs.push(await app.as(`q${i}`).call('class.register', { classId: c.id, childAge: 1, answers: form(i) }));
  await app.as('q3').call('class.subscribe', { decisions: [{ kind: 'class_promoted', templateId: 'TPL_PROMOTED', accepted: true }] });
  const out = await app.as('q1').call('class.cancel', { registrationId: regs[0].registration.id });
  expect(out).toEqual({ cancelled: true, promotedRegistrationId: regs[2].registration.id });
  const mine3 = (await app.as('q3').call('class.myRegistrations', {})).registrations[0];
  expect(mine3).toMatchObject({ status: 'confirmed', position: null });
  expect((await app.as('q4').call('class.myRegistrations', {})).registrations[0]).toMatchObject({ status: 'waitlisted', position: 1 });
  const msgs = await app.as('q3').call('class.messages', {});
  expect(msgs.unread).toBe(1);
  expect(msgs.messages[0]).toMatchObject({ kind: 'promoted', title: expect.stringContaining('候补成功'), classId: c.id });
  expect((await app.as('q3').call('class.messages', { markRead: true })).unread).toBe(1);
  expect((await app.as('q3').call('class.messages', {})).unread).toBe(0);
  const q3 = await app.store.members.getByOpenid('q3');
  expect(await app.store.classes.outbox(q3!.id)).toEqual([expect.objectContaining({ template: 'class_promoted' })]);

  // A waitlisted parent may leave; a cancelled one cannot cancel again; others' registrations are not found.
  await app.as('q4').call('class.cancel', { registrationId: regs[3].registration.id });
  expect(((await app.as('q4').raw('class.cancel', { registrationId: regs[3].registration.id })).body as any).error.code).toBe('ALREADY_CANCELLED');
  expect((await app.as('q2').raw('class.cancel', { registrationId: regs[2].registration.id })).status).toBe(404);
  // Re-registering after cancelling is allowed (a fresh place at the end).
  const again = await app.as('q1').call('class.register', { classId: c.id, childAge: 1, answers: form(1) });
  expect(again.status).toBe('waitlisted');
});

test('the cancellation rule: until N hours before start, or not at all', async () => {
  const c = await publish({ cancelHours: 24 });
  const r = await app.as('c1').call('class.register', { classId: c.id, childAge: 1, answers: form(1) });
  expect(r.registration.canCancel).toBe(true);
  clock = new Date(T0.getTime() + 50 * H);
  const late = await app.as('c1').raw('class.cancel', { registrationId: r.registration.id });
  expect(late.status).toBe(409);
  expect(late.body).toMatchObject({ error: { code: 'CANCEL_NOT_ALLOWED', message: expect.stringContaining('24 小时内不能取消') } });
  expect((await app.as('c1').call('class.myRegistrations', {})).registrations[0]).toMatchObject({ canCancel: false });

  clock = new Date(T0);
  const never = await publish({ cancelHours: null });
  const r2 = await app.as('c2').call('class.register', { classId: never.id, childAge: 1, answers: form(2) });
  expect(r2.registration).toMatchObject({ canCancel: false, cancelNote: '本课程报名后不能取消' });
  expect(((await app.as('c2').raw('class.cancel', { registrationId: r2.registration.id })).body as any).error.code).toBe('CANCEL_NOT_ALLOWED');
});

test('capacity: lowering below the confirmed count is refused; raising it promotes the waitlist', async () => {
  const c = await publish({ capacity: 3 });
  for (let i = 1; i <= 5; i++) await app.as(`k${i}`).call('class.register', { classId: c.id, childAge: 1, answers: form(i) });
  const low = await admin().raw('class.admin.update', { classId: c.id, capacity: 2 });
  expect(low.status).toBe(409);
  expect(low.body).toMatchObject({ error: { code: 'CAPACITY_BELOW_CONFIRMED', message: expect.stringContaining('已有 3 人确认报名') } });
  expect((await admin().call('class.admin.update', { classId: c.id, capacity: 4, title: '改名了' })).confirmedCount).toBe(4);
  expect((await app.as('k4').call('class.myRegistrations', {})).registrations[0].status).toBe('confirmed');
  expect((await app.as('k5').call('class.myRegistrations', {})).registrations[0].position).toBe(1);
  // Out-of-scope admins and members cannot edit.
  const chifeng = await app.as('member-x').raw('class.admin.update', { classId: c.id, capacity: 9 });
  expect(chifeng.status).toBe(403);
});

test('the roster masks what the form marks personal (by kind and flag, not label); admins elsewhere get 403; check-in pays points once', async () => {
  const c = await publish();
  const answers = { ...form(42), parent_name: '王其其格', address: '新华大街 8 号', nick: '小明' };
  const r = await app.as('ph').call('class.register', { classId: c.id, childAge: 1, answers });
  expect(r.registration.answers).toMatchObject({ phone: '13800000042', parent_name: '王其其格', address: '新华大街 8 号' }); // the owner sees all
  const roster = await admin().call('class.admin.roster', { classId: c.id });
  expect(roster).not.toHaveProperty('masked');
  expect(roster.entries[0]).toMatchObject({
    name: '微信用户', // the registrant's own (account) name, for the roll call
    phone: '138****0042',
    code: r.registration.code,
    // name and phone kinds are always personal; 家庭住址 was ticked personal; 宝宝名字 was not, whatever its label says.
    answers: { phone: '138****0042', parent_name: '王***', address: '新*******', relation: '妈妈', nick: '小明' },
  });
  expect(JSON.stringify(roster)).not.toContain('王其其格');
  expect(roster.fields.map((f) => [f.id, f.personal])).toEqual([
    ['parent_name', true],
    ['phone', true],
    ['relation', false],
    ['kids', false],
    ['address', true],
    ['nick', false],
  ]);

  // An admin of a sibling area (赤峰 for a 呼和浩特 class) gets 403 from every class admin action, and learns nothing.
  await app.store.admins.grant('dev-admin-chifeng', '150400', new Date());
  const sibling = app.as('dev-admin-chifeng');
  const attempts: [string, unknown][] = [
    ['class.admin.roster', { classId: c.id }],
    ['class.admin.checkin', { classId: c.id, code: r.registration.code }],
    ['class.admin.checkin', { classId: c.id, registrationId: r.registration.id }],
    ['class.admin.export', { classId: c.id }],
    ['class.admin.update', { classId: c.id, title: '改名' }],
    ['class.admin.stats', { orgId: '150100' }],
    ['class.list', { adminOrgId: '150100' }],
    ['class.admin.publish', { ...(await validPayload()), orgId: '150100' }],
  ];
  for (const [action, payload] of attempts) {
    const res = await sibling.raw(action, payload);
    expect([action, res.status, (res.body as any).error?.code]).toEqual([action, 403, 'FORBIDDEN']);
    expect(JSON.stringify(res.body)).not.toContain('王其其格');
  }
  expect((await app.as('ph').raw('class.admin.roster', { classId: c.id })).status).toBe(403);

  const ck = await admin().call('class.admin.checkin', { classId: c.id, code: r.registration.code });
  expect(ck).toMatchObject({ alreadyCheckedIn: false, attended: 1, attendanceRate: 1 });
  const again = await admin().call('class.admin.checkin', { classId: c.id, registrationId: r.registration.id });
  expect(again.alreadyCheckedIn).toBe(true);
  expect((await app.as('ph').call('member.points', {})).balance).toBe(5);
  const badCode = await admin().raw('class.admin.checkin', { classId: c.id, code: 'ZZZZZZZZ' });
  expect(badCode.body).toMatchObject({ error: { code: 'TICKET_INVALID' } });

  const stats = await admin().call('class.admin.stats', {});
  expect(stats.rows.find((s) => s.classId === c.id)).toMatchObject({ capacity: 2, confirmed: 1, attended: 1, fillRate: 0.5, attendanceRate: 1 });

  const xlsx = await admin().call('class.admin.export', { classId: c.id });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(xlsx.base64, 'base64') as never);
  const ws = wb.getWorksheet('报名名单')!;
  expect(ws.getRow(1).values).toEqual(expect.arrayContaining(['姓名', '状态', '入场码', '联系电话']));
  // The organiser's export carries the answers in full, to reach the parents.
  expect(ws.getRow(2).values).toEqual(expect.arrayContaining(['已确认', r.registration.code, '13800000042', '王其其格', '新华大街 8 号']));

  // "我的数据" lists the registration.
  await app.as('ph').call('member.consent', { version: PRIVACY_NOTICE_VERSION });
  const data = await app.as('ph').call('member.exportData', {});
  expect(data.sections.find((s) => s.title.includes('家长课堂'))?.rows[0]).toMatchObject({ 课程: '测试课堂', 入场码: r.registration.code });
});

test('admins publish only within their scope and invalid classes are refused clearly', async () => {
  const bad = await admin().raw('class.admin.publish', { ...(await validPayload()), orgId: '150400' });
  expect(bad.status).toBe(403);
  const ends = await admin().raw('class.admin.publish', { ...(await validPayload()), endsAt: new Date(T0.getTime()).toISOString() });
  expect(ends.body).toMatchObject({ error: { code: 'INVALID_PAYLOAD', message: '结束时间须晚于开始时间' } });
  const member = await app.as('plain').raw('class.admin.publish', await validPayload());
  expect(member.status).toBe(403);
  const listed = await admin().call('class.list', { adminOrgId: '150100' });
  expect(listed.classes.every((c) => ['150100', '150105', '150121100'].includes(c.org.id))).toBe(true);
});

async function validPayload() {
  return {
    orgId: '150100',
    title: 't',
    topic: '科学养育',
    teacher: '王',
    description: '',
    venue: null,
    onlineUrl: 'https://x.org/a',
    startsAt: new Date(T0.getTime() + 72 * H).toISOString(),
    endsAt: new Date(T0.getTime() + 73 * H).toISOString(),
    regOpensAt: T0.toISOString(),
    regClosesAt: new Date(T0.getTime() + 70 * H).toISOString(),
    capacity: 5,
    ageMin: null,
    ageMax: null,
    fields: [],
    cancelHours: 0,
    waitlistOpen: false,
  };
}

test('reminders 24 h and 1 h before start are delivered once each, only to confirmed parents', async () => {
  const c = await publish({ capacity: 1 });
  const a = await app.as('ra').call('class.register', { classId: c.id, childAge: 1, answers: form(1) });
  await app.as('ra').call('class.subscribe', { decisions: [{ kind: 'class_reminder', templateId: 'TPL_REMIND', accepted: true }] });
  await app.as('rb').call('class.register', { classId: c.id, childAge: 1, answers: form(2) }); // waitlisted
  const log: string[] = [];
  const sent: { memberId: number; title: string }[] = [];
  const sender: ReminderSender = async (store, n, at) => {
    sent.push({ memberId: n.memberId, title: n.title });
    await store.classes.addMessage({ memberId: n.memberId, kind: 'reminder', title: n.title, body: n.body, classId: n.classId, createdAt: at.toISOString() });
    log.push(n.title);
  };
  const start = Date.parse(c.startsAt);
  expect(await deliverDueReminders(app.store, new Date(start - 25 * H), sender)).toBe(0);
  expect(await deliverDueReminders(app.store, new Date(start - 24 * H + 1000), sender)).toBe(1);
  expect(await deliverDueReminders(app.store, new Date(start - 23 * H), sender)).toBe(0);
  expect(sent[0].title).toContain('明天开课');
  expect(await deliverDueReminders(app.store, new Date(start - 30 * 60_000), sender)).toBe(1);
  expect(sent[1].title).toContain('1 小时后');
  expect(await deliverDueReminders(app.store, new Date(start - 10 * 60_000), sender)).toBe(0);
  const ra = await app.store.members.getByOpenid('ra');
  expect(new Set(sent.map((s) => s.memberId))).toEqual(new Set([ra!.id]));
  expect((await app.as('ra').call('class.messages', {})).messages.filter((m) => m.kind === 'reminder')).toHaveLength(2);
  expect((await app.store.classes.outbox(ra!.id)).filter((o) => o.template === 'class_reminder')).toHaveLength(2);
  expect(a.status).toBe('confirmed');
});

test('a promoted parent gets reminders; a cancelled one does not', async () => {
  const c = await publish({ capacity: 1 });
  const a = await app.as('sa').call('class.register', { classId: c.id, childAge: 1, answers: form(1) });
  await app.as('sb').call('class.register', { classId: c.id, childAge: 1, answers: form(2) });
  await app.as('sa').call('class.cancel', { registrationId: a.registration.id });
  const sent: number[] = [];
  await deliverDueReminders(app.store, new Date(Date.parse(c.startsAt) - 30 * 60_000), async (_s, n) => void sent.push(n.memberId));
  const sb = await app.store.members.getByOpenid('sb');
  expect(sent).toEqual([sb!.id, sb!.id]);
});

test('a member deleting their account gives their seat to the head of the waitlist at once, with the message', async () => {
  const c = await publish({ capacity: 1 });
  const other = await publish({ capacity: 1, title: '另一门课' });
  await app.as('del-a').call('class.register', { classId: c.id, childAge: 1, answers: form(1) });
  await app.as('del-a').call('class.register', { classId: other.id, childAge: 1, answers: form(1) }); // confirmed
  const b = await app.as('del-b').call('class.register', { classId: c.id, childAge: 1, answers: form(2) });
  await app.as('del-b').call('class.register', { classId: other.id, childAge: 1, answers: form(2) }); // waitlisted 1
  await app.as('del-c').call('class.register', { classId: c.id, childAge: 1, answers: form(3) }); // waitlisted 2
  await app.as('del-b').call('class.subscribe', { decisions: [{ kind: 'class_promoted', templateId: 'TPL_PROMOTED', accepted: true }] });
  expect(b).toMatchObject({ status: 'waitlisted', position: 1 });

  await app.as('del-a').call('member.delete', { confirm: '注销' });
  // Promoted at once, before anyone else acts: counts, statuses, positions, message and outbox.
  expect((await admin().call('class.get', { classId: c.id })).confirmedCount).toBe(1);
  expect((await admin().call('class.get', { classId: c.id })).waitlistCount).toBe(1);
  const bRegs = (await app.as('del-b').call('class.myRegistrations', {})).registrations;
  expect(bRegs.map((r) => [r.classId, r.status]).sort()).toEqual(
    [
      [c.id, 'confirmed'],
      [other.id, 'confirmed'],
    ].sort(),
  );
  const msgs = (await app.as('del-b').call('class.messages', {})).messages;
  expect(
    msgs
      .filter((m) => m.kind === 'promoted')
      .map((m) => m.classId)
      .sort(),
  ).toEqual([c.id, other.id].sort());
  const bId = (await app.store.members.getByOpenid('del-b'))!.id;
  expect((await app.store.classes.outbox(bId)).filter((o) => o.template === 'class_promoted')).toHaveLength(2);
  expect((await app.as('del-c').call('class.myRegistrations', {})).registrations[0]).toMatchObject({ status: 'waitlisted', position: 1 });
  const roster = await admin().call('class.admin.roster', { classId: c.id });
  expect(roster.entries.map((e) => e.status)).toEqual(['confirmed', 'waitlisted']);
  expect(roster.entries.some((e) => e.name.includes('del-a'))).toBe(false);
  // The promoted parent has her reminders.
  const sent: number[] = [];
  await deliverDueReminders(app.store, new Date(Date.parse(c.startsAt) - 30 * 60_000), async (_s, n) => void sent.push(n.classId));
  expect(sent.filter((id) => id === c.id)).toHaveLength(2);
});

test('a deleted member holding a seat in a class already started releases nothing there (no promotion after the start)', async () => {
  const c = await publish({
    capacity: 1,
    startsAt: new Date(T0.getTime() + 2 * H).toISOString(),
    endsAt: new Date(T0.getTime() + 4 * H).toISOString(),
    regClosesAt: new Date(T0.getTime() + H).toISOString(),
  });
  await app.as('old-a').call('class.register', { classId: c.id, childAge: 1, answers: form(1) });
  await app.as('old-b').call('class.register', { classId: c.id, childAge: 1, answers: form(2) });
  clock = new Date(T0.getTime() + 3 * H); // class is running
  await app.as('old-a').call('member.delete', { confirm: '注销' });
  expect((await app.as('old-b').call('class.myRegistrations', {})).registrations[0].status).toBe('waitlisted');
  expect((await app.as('old-b').call('class.messages', {})).messages).toEqual([]);
});

test('the host scheduler delivers due reminders on its timer', async () => {
  const c = await publish({ capacity: 1 });
  await app.as('tm').call('class.register', { classId: c.id, childAge: 1, answers: form(1) });
  const sent: string[] = [];
  const stop = startReminderScheduler(app.store, {
    intervalMs: 10,
    now: () => new Date(Date.parse(c.startsAt) - 23 * H),
    sender: async (_s, n) => void sent.push(n.title),
  });
  await new Promise((r) => setTimeout(r, 80));
  stop();
  expect(sent).toEqual([expect.stringContaining('明天开课')]);
});

test('un-ticking attendance reverses its points in the ledger; re-ticking pays again exactly once', async () => {
  const c = await publish();
  const r = await app.as('att').call('class.register', { classId: c.id, childAge: 1, answers: form(5) });
  const points = async () => app.as('att').call('member.points', {});
  const tick = (undo?: boolean) => admin().call('class.admin.checkin', { classId: c.id, registrationId: r.registration.id, ...(undo ? { undo } : {}) });

  await tick();
  expect((await points()).balance).toBe(5);
  const undone = await tick(true);
  expect(undone).toMatchObject({ attended: 0, entry: { attendedAt: null } });
  expect((await points()).balance).toBe(0);
  await tick(true); // a retried un-tick reverses nothing more
  await admin().call('class.admin.checkin', { classId: c.id, code: r.registration.code, undo: true });
  expect((await points()).balance).toBe(0);
  await Promise.all([tick(), tick(), admin().call('class.admin.checkin', { classId: c.id, code: r.registration.code })]); // re-tick, double taps
  expect((await points()).balance).toBe(5);
  await tick(true);
  await tick();
  expect((await points()).balance).toBe(5);
  // History kept, newest first: +5 −5 +5 −5 +5.
  const entries = (await points()).entries.map((e) => [e.delta, e.reason]);
  expect(entries).toEqual([
    [5, '参加家长课堂'],
    [-5, '家长课堂签到已撤销'],
    [5, '参加家长课堂'],
    [-5, '家长课堂签到已撤销'],
    [5, '参加家长课堂'],
  ]);
  const stats = await admin().call('class.admin.stats', {});
  expect(stats.rows.find((s) => s.classId === c.id)).toMatchObject({ attended: 1 });
});

test('attendance and its points commit together: when paying fails, the tick is not recorded either', async () => {
  const c = await publish();
  const r = await app.as('att-crash').call('class.register', { classId: c.id, childAge: 1, answers: form(6) });
  const failingLedger = () => {
    throw new Error('ledger write failed');
  };
  await expect(app.store.classes.setAttended(r.registration.id, new Date(T0), failingLedger)).rejects.toThrow('ledger write failed');
  expect((await admin().call('class.admin.roster', { classId: c.id })).entries[0].attendedAt).toBeNull();
  expect((await app.as('att-crash').call('member.points', {})).balance).toBe(0);
  // The retry (the admin taps again) records both.
  expect(await admin().call('class.admin.checkin', { classId: c.id, registrationId: r.registration.id })).toMatchObject({
    alreadyCheckedIn: false,
    attended: 1,
  });
  expect((await app.as('att-crash').call('member.points', {})).balance).toBe(5);
});

test('subscribe messages: the outbox queues a WeChat delivery only for templates the member accepted (latest answer wins)', async () => {
  const c = await publish({ capacity: 1 });
  const first = await app.as('sub-0').call('class.register', { classId: c.id, childAge: 1, answers: form(0) });
  const who = ['sub-yes', 'sub-no', 'sub-never'];
  for (const [i, o] of who.entries()) await app.as(o).call('class.register', { classId: c.id, childAge: 1, answers: form(i + 1) });
  expect(
    await app.as('sub-yes').call('class.subscribe', {
      decisions: [
        { kind: 'class_promoted', templateId: 'TPL_PROMOTED', accepted: true },
        { kind: 'class_reminder', templateId: 'TPL_REMIND', accepted: false },
      ],
    }),
  ).toEqual({ accepted: ['class_promoted'] });
  await app.as('sub-no').call('class.subscribe', { decisions: [{ kind: 'class_promoted', templateId: 'TPL_PROMOTED', accepted: true }] });
  expect(await app.as('sub-no').call('class.subscribe', { decisions: [{ kind: 'class_promoted', templateId: 'TPL_PROMOTED', accepted: false }] })).toEqual({
    accepted: [],
  });

  // Promote sub-yes, then (sub-yes leaving) sub-no, then sub-never: only sub-yes's promotion is queued.
  await app.as('sub-0').call('class.cancel', { registrationId: first.registration.id });
  const idOf = async (o: string) => (await app.store.members.getByOpenid(o))!.id;
  expect(await app.store.classes.outbox(await idOf('sub-yes'))).toEqual([
    expect.objectContaining({ template: 'class_promoted', payload: expect.objectContaining({ classId: c.id }) }),
  ]);
  const yesReg = (await app.as('sub-yes').call('class.myRegistrations', {})).registrations[0];
  await app.as('sub-yes').call('class.cancel', { registrationId: yesReg.id });
  expect((await app.as('sub-no').call('class.messages', {})).messages[0].kind).toBe('promoted'); // in-app message always
  expect(await app.store.classes.outbox(await idOf('sub-no'))).toEqual([]);
  // Reminders: sub-no is confirmed, refused; nothing queued although the in-app reminder is sent.
  await deliverDueReminders(app.store, new Date(Date.parse(c.startsAt) - 30 * 60_000), async () => undefined);
  expect(await app.store.classes.outbox(await idOf('sub-no'))).toEqual([]);
  expect(await app.store.classes.outbox(await idOf('sub-never'))).toEqual([]);

  // "我的数据" lists the answers kept about the member.
  const mine = (await app.as('sub-yes').call('member.exportData', {})).sections.find((x) => x.title.includes('家长课堂'))!;
  expect(mine.rows.filter((r) => r.状态 === '微信订阅消息').map((r) => r.报名表)).toEqual(['候补递补通知：允许', '上课提醒：拒绝']);
  // … and the WeChat messages queued for them, with the content that will be sent.
  expect(mine.rows.filter((r) => r.状态 === '待发送的微信消息').map((r) => r.报名表)).toEqual([expect.stringMatching(/^候补递补通知：.*测试课堂/)]);

  // Bad payloads are 400s with the envelope.
  for (const bad of [
    {},
    { decisions: [] },
    { decisions: [{ kind: 'other', templateId: 'x', accepted: true }] },
    { decisions: [{ kind: 'class_promoted', templateId: 'a b', accepted: true }] },
  ]) {
    const res = await app.as('sub-yes').raw('class.subscribe', bad);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
  }
});

test('registrations decided together stay independent: a failing one leaves the others; positions are unique and gapless', async () => {
  const c = await publish({ capacity: 2 });
  const ids = await Promise.all(['gc-1', 'gc-2', 'gc-3'].map(async (o) => (await app.store.members.findOrCreateByOpenid(o, o)).id));
  const data = { name: 'x', childAge: 1, answers: {} };
  const at = new Date(T0);
  const out = await Promise.all([
    app.store.classes.register(c.id, ids[0], data, at, classPolicy),
    app.store.classes.register(999_999, ids[1], data, at, classPolicy),
    app.store.classes.register(c.id, ids[1], data, at, classPolicy),
    app.store.classes.register(c.id, ids[1], data, at, classPolicy),
    app.store.classes.register(c.id, ids[2], data, at, classPolicy),
  ]);
  const kinds = out.map((o) => o.kind);
  expect(kinds[1]).toBe('notFound');
  expect([kinds[2], kinds[3]].filter((k) => k === 'duplicate')).toHaveLength(1); // the same member twice: one place only
  expect([...kinds].sort()).toEqual(['confirmed', 'confirmed', 'duplicate', 'notFound', 'waitlisted']);
  const roster = await admin().call('class.admin.roster', { classId: c.id });
  expect(roster.entries.map((e) => e.status).sort()).toEqual(['confirmed', 'confirmed', 'waitlisted']);
  expect(new Set(roster.entries.map((e) => e.memberId))).toEqual(new Set(ids));
  // What each caller was told is what the roster says.
  for (const o of out)
    if (o.kind === 'confirmed' || o.kind === 'waitlisted')
      expect(roster.entries.find((e) => e.id === o.registration.id)).toMatchObject({ status: o.kind, position: o.registration.position });

  // 150 at once for 10 seats: 10 confirmed, waitlist positions 1..140 each once, as the roster has them.
  const big = await publish({ capacity: 10 });
  const many = await Promise.all(Array.from({ length: 150 }, (_, i) => app.store.members.findOrCreateByOpenid(`gc-many-${i}`, 'x')));
  const outs = await Promise.all(many.map((m) => app.store.classes.register(big.id, m.id, data, at, classPolicy)));
  const positions = outs.map((o) => (o.kind === 'confirmed' || o.kind === 'waitlisted' ? o.registration.position : o.kind));
  expect(positions.filter((p) => p === null)).toHaveLength(10);
  expect((positions.filter((p) => typeof p === 'number') as number[]).sort((a, b) => a - b)).toEqual(Array.from({ length: 140 }, (_, i) => i + 1));
  const bigRoster = await admin().call('class.admin.roster', { classId: big.id });
  for (const o of outs) if (o.kind === 'waitlisted') expect(bigRoster.entries.find((e) => e.id === o.registration.id)?.position).toBe(o.registration.position);
  // A burst is decided in call order: in one group commit on SQLite (across its 64-per-commit batches too), in groups
  // of one transaction each on MySQL.
  expect(positions).toEqual([...Array(10).fill(null), ...Array.from({ length: 140 }, (_, i) => i + 1)]);
  // Each confirmed registration got its two reminders, and only those.
  const reminded = await app.sql.rows<{ registrationId: number }>(
    'SELECT m.registration_id AS registrationId FROM class_reminders m JOIN class_registrations r ON r.id = m.registration_id WHERE r.class_id = ?',
    big.id,
  );
  const confirmedIds = outs.filter((o) => o.kind === 'confirmed').map((o) => (o.kind === 'confirmed' ? o.registration.id : 0));
  expect(reminded.map((r) => Number(r.registrationId)).sort((a, b) => a - b)).toEqual(confirmedIds.flatMap((id) => [id, id]).sort((a, b) => a - b));
});

test('registrations decided together whose ticket code is drawn twice each still get a seat, a code of their own and reminders', async () => {
  const c = await publish({ capacity: 5 });
  const ids = await Promise.all(['tc-1', 'tc-2', 'tc-3'].map(async (o) => (await app.store.members.findOrCreateByOpenid(o, o)).id));
  let drawn = 0;
  const policy = { ...classPolicy, newTicketCode: () => (drawn++ < 2 ? 'SAMECODE' : `CODE${drawn}`) };
  const data = { name: 'x', childAge: 1, answers: {} };
  const out = await Promise.all(ids.map((id) => app.store.classes.register(c.id, id, data, new Date(T0), policy)));
  expect(out.map((o) => o.kind)).toEqual(['confirmed', 'confirmed', 'confirmed']);
  const codes = out.map((o) => (o.kind === 'confirmed' ? o.registration.code : ''));
  expect(new Set(codes).size).toBe(3);
  const roster = await admin().call('class.admin.roster', { classId: c.id });
  expect(roster.entries.map((e) => [e.memberId, e.status]).sort()).toEqual(ids.map((id) => [id, 'confirmed']).sort());
  for (const o of out) if (o.kind === 'confirmed') expect((await app.store.classes.registration(o.registration.id))?.code).toBe(o.registration.code);
  expect(await app.sql.value('SELECT COUNT(*) FROM class_reminders m JOIN class_registrations r ON r.id = m.registration_id WHERE r.class_id = ?', c.id)).toBe(
    6,
  );
  expect((await app.store.classes.get(c.id))?.confirmedCount).toBe(3);
});
