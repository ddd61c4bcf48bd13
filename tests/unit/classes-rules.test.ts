import {
  answersArePersonal,
  attendancePoints,
  cancelRefusal,
  checkRegistrationAllowed,
  maskPersonalAnswers,
  newTicketCode,
  promotionNotice,
  promotionsDue,
  reminderDueAt,
  reminderNotice,
  remindersFor,
  seatFor,
  TICKET_CODE_ALPHABET,
  validateAnswers,
  withPersonalFlags,
} from '../../cloud/features/classes/rules';
import { ageRangeText, cancelPolicyText, cancelVerdict, isPersonalField } from '../../cloud/contracts/classes-format';
import type { FormField } from '../../cloud/contracts/classes';

const H = 3600_000;
const START = '2026-12-10T02:00:00.000Z';
const at = (hoursBeforeStart: number) => new Date(Date.parse(START) - hoursBeforeStart * H);
const seats = (capacity: number, confirmed: number, waitlisted: number, waitlistOpen = true) => ({ capacity, confirmed, waitlisted, waitlistOpen });
const code = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return `${(e as { code: string }).code} ${(e as Error).message}`;
  }
  return 'ok';
};

test('a seat while one is free, else the waitlist if the class keeps one, else full', () => {
  expect(seatFor(seats(2, 1, 0))).toBe('confirmed');
  expect(seatFor(seats(2, 2, 0))).toBe('waitlisted');
  expect(seatFor(seats(2, 2, 5))).toBe('waitlisted');
  expect(seatFor(seats(2, 2, 0, false))).toBe('full');
  expect(seatFor(seats(2, 1, 0, false))).toBe('confirmed');
});

test('every free seat goes at once to the head of the waitlist, never more than are waiting', () => {
  expect(promotionsDue(seats(2, 2, 3))).toBe(0);
  expect(promotionsDue(seats(3, 2, 3))).toBe(1);
  expect(promotionsDue(seats(10, 2, 3))).toBe(3);
  expect(promotionsDue(seats(10, 2, 0))).toBe(0);
  expect(promotionsDue(seats(2, 3, 1))).toBe(0); // never negative
});

test("a promotion's message and WeChat notice name the class", () => {
  const n = promotionNotice({ classId: 7, title: '科学养育', startsAt: START, cancelHours: 24 }, 42);
  expect(n.message.title).toBe('候补成功，已为您保留名额');
  expect(n.message.body).toContain('《科学养育》');
  expect(n.outbox).toEqual({ template: 'class_promoted', payload: { classId: 7, registrationId: 42, title: '科学养育', startsAt: START } });
});

test('reminders 24 h and 1 h before the start, only those still ahead; their text', () => {
  expect(remindersFor(START, at(48))).toEqual([
    { kind: '24h', dueAt: '2026-12-09T02:00:00.000Z' },
    { kind: '1h', dueAt: '2026-12-10T01:00:00.000Z' },
  ]);
  expect(remindersFor(START, at(5)).map((r) => r.kind)).toEqual(['1h']);
  expect(remindersFor(START, at(0.5))).toEqual([]);
  expect(reminderDueAt('1h', '2026-12-11T02:00:00.000Z')).toBe('2026-12-11T01:00:00.000Z');
  const r = { id: 1, kind: '24h' as const, registrationId: 3, memberId: 4, classId: 5, classTitle: '沟通之道', startsAt: START, venueName: '向日葵亲子小屋' };
  const n = reminderNotice(r);
  expect(n.title).toBe('上课提醒：《沟通之道》明天开课');
  expect(n.body).toBe('12月10日 周四 10:00 开课，地点：向日葵亲子小屋。请带好“我的报名”中的入场码准时参加。');
  expect(n.outbox).toEqual({ template: 'class_reminder', payload: { classId: 5, registrationId: 3, kind: '24h', startsAt: START } });
  expect(reminderNotice({ ...r, kind: '1h', venueName: null }).title).toContain('1 小时后');
});

test('the cancellation window: waitlist any time before the start; a seat until N hours before, or never', () => {
  const c = { startsAt: START, cancelHours: 24 };
  expect(cancelVerdict(c, 'confirmed', at(25))).toEqual({ allowed: true, note: '开课前 24 小时之前可以取消' });
  expect(cancelVerdict(c, 'confirmed', at(23))).toMatchObject({ allowed: false, note: '开课前 24 小时内不能取消' });
  expect(cancelVerdict(c, 'waitlisted', at(1))).toEqual({ allowed: true, note: '可随时退出候补' });
  expect(cancelVerdict(c, 'waitlisted', at(0))).toMatchObject({ allowed: false, note: '课程已开始' });
  expect(cancelVerdict({ startsAt: START, cancelHours: 0 }, 'confirmed', at(0.1))).toEqual({ allowed: true, note: '开课前可以取消' });
  expect(cancelVerdict({ startsAt: START, cancelHours: null }, 'confirmed', at(100))).toMatchObject({ allowed: false, note: '本课程报名后不能取消' });
  expect(cancelPolicyText(null)).toBe('报名后不能取消');
  expect(cancelPolicyText(12)).toBe('开课前 12 小时之前可以取消');

  expect(cancelRefusal(c, 'confirmed', at(25))).toBeNull();
  expect(cancelRefusal(c, 'confirmed', at(23))).toMatchObject({ code: 'CANCEL_NOT_ALLOWED', message: expect.stringContaining('24 小时内不能取消报名') });
  expect(cancelRefusal({ startsAt: START, cancelHours: null }, 'confirmed', at(100))).toMatchObject({ code: 'CANCEL_NOT_ALLOWED' });
  expect(cancelRefusal(c, 'cancelled', at(100))).toMatchObject({ code: 'ALREADY_CANCELLED' });
});

test('registration opens and closes on time and checks the age range, in words', () => {
  const c = { regOpensAt: '2026-12-01T00:00:00.000Z', regClosesAt: '2026-12-09T00:00:00.000Z', startsAt: START, ageMin: 0, ageMax: 6 };
  const now = new Date('2026-12-05T00:00:00.000Z');
  expect(code(() => checkRegistrationAllowed(c, 3, now))).toBe('ok');
  expect(code(() => checkRegistrationAllowed(c, 7, now))).toBe('NOT_ELIGIBLE 本课程面向孩子 0–6 岁的家长，您填写的孩子年龄不在范围内');
  expect(code(() => checkRegistrationAllowed(c, null, now))).toBe('INVALID_ANSWERS 请填写孩子的年龄');
  expect(code(() => checkRegistrationAllowed(c, 3, new Date('2026-11-30T00:00:00.000Z')))).toMatch(/^REGISTRATION_CLOSED 报名尚未开始/);
  expect(code(() => checkRegistrationAllowed(c, 3, new Date('2026-12-09T00:00:01.000Z')))).toMatch(/^REGISTRATION_CLOSED 报名已截止/);
  expect(code(() => checkRegistrationAllowed({ ...c, ageMin: null, ageMax: null }, null, now))).toBe('ok');
  expect(ageRangeText(null, null)).toBeNull();
  expect(ageRangeText(12, null)).toBe('12–18 岁');
  expect(ageRangeText(null, 3)).toBe('0–3 岁');
});

test('ticket codes: 8 symbols without look-alikes, practically never repeated', () => {
  const codes = new Set(Array.from({ length: 5000 }, newTicketCode));
  expect(codes.size).toBe(5000);
  for (const c of codes) expect(c).toMatch(new RegExp(`^[${TICKET_CODE_ALPHABET}]{8}$`));
  expect(TICKET_CODE_ALPHABET).not.toMatch(/[01IO]/);
});

test('attendance pays under a key per tick, and an un-tick reverses exactly that tick', () => {
  const now = new Date();
  expect(attendancePoints({ registrationId: 9, memberId: 3, seq: 1 }, true, now)).toEqual({
    memberId: 3,
    delta: 5,
    reason: '参加家长课堂',
    refKey: 'class:attend:9',
    at: now,
  });
  expect(attendancePoints({ registrationId: 9, memberId: 3, seq: 2 }, true, now)?.refKey).toBe('class:attend:9:2');
  expect(attendancePoints({ registrationId: 9, memberId: 3, seq: 2 }, false, now)).toMatchObject({ delta: -5, refKey: 'class:attend:9:2:undo' });
  expect(attendancePoints({ registrationId: 9, memberId: null, seq: 1 }, true, now)).toBeNull(); // account deleted
  expect(attendancePoints({ registrationId: 9, memberId: 3, seq: 0 }, false, now)).toBeNull(); // never ticked
});

test('personal data is what a field is (name and phone kinds, or ticked), never what its label says', () => {
  const fields: FormField[] = [
    { id: 'who', label: '称呼', type: 'name', required: true, personal: false },
    { id: 'tel', label: '电话', type: 'phone', required: true, personal: false },
    { id: 'addr', label: '住址', type: 'text', required: false, personal: true },
    { id: 'nick', label: '宝宝姓名', type: 'text', required: false, personal: false },
    { id: 'n', label: '孩子人数', type: 'number', required: false, personal: false },
  ];
  expect(fields.map(isPersonalField)).toEqual([true, true, true, false, false]);
  expect(withPersonalFlags(fields).map((f) => f.personal)).toEqual([true, true, true, false, false]);
  expect(maskPersonalAnswers(fields, { who: '王其其格', tel: '13912345678', addr: '新华大街', nick: '小明', n: 2 })).toEqual({
    who: '王***',
    tel: '139****5678',
    addr: '新***',
    nick: '小明',
    n: 2,
  });
  expect(answersArePersonal(fields, { nick: '小明', n: 1 })).toBe(false);
  expect(answersArePersonal(fields, { addr: 'x' })).toBe(true);
  expect(validateAnswers(fields, { who: ' 王 ', tel: '13912345678', n: '2' })).toEqual({ who: '王', tel: '13912345678', n: 2 });
  expect(code(() => validateAnswers(fields, { who: '王', tel: '123' }))).toBe('INVALID_ANSWERS “电话”请填写 11 位手机号码');
});
