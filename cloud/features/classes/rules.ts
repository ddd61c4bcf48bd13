import crypto from 'node:crypto';
import { AppError } from '../../core/errors';
import { maskName, maskPhone } from '../../contracts/format';
import { chinaDay } from '../../contracts/china-time';
import { ageRangeText, cancelVerdict, classTime, isPersonalField, PROMOTION_TITLE, type RegistrationStatus } from '../../contracts/classes-format';
import type { ClassFields, ClassSummary, FormField } from '../../contracts/classes';
import type { PointsAward } from '../points/repo';
import type { ClassFacts, ClassPolicy, DueReminder, PromotionNotice, ReminderKind, SeatDecision, SeatState } from './repo';

/**
 * 家长课堂's rules, in one place and free of storage: who gets a seat, who is promoted and what they are told,
 * when reminders go out, what a member may cancel, what an admin sees. The adapters apply the ones that must be
 * decided under the class lock (classPolicy); the handlers apply the rest.
 */

// ---- seats and the waitlist ----

/** A free seat goes to the newcomer; with none, the end of the waitlist if the class keeps one; else full. */
export function seatFor(s: SeatState): SeatDecision {
  if (s.confirmed < s.capacity) return 'confirmed';
  return s.waitlistOpen ? 'waitlisted' : 'full';
}

/**
 * How many waitlisted registrations to confirm now: every free seat goes at once to the head of the waitlist,
 * in arrival order (first come, first promoted), so a seat never stays free while someone waits.
 */
export function promotionsDue(s: SeatState): number {
  return Math.max(0, Math.min(s.capacity - s.confirmed, s.waitlisted));
}

/** What a promoted parent is told: the in-app message, and the WeChat subscribe message queued if they allowed it. */
export function promotionNotice(c: ClassFacts, registrationId: number): PromotionNotice {
  return {
    message: {
      title: PROMOTION_TITLE,
      body: `您候补的课程《${c.title}》有名额空出，已自动为您确认报名。请按时参加，凭“我的报名”中的入场码签到。`,
    },
    outbox: { template: 'class_promoted', payload: { classId: c.classId, registrationId, title: c.title, startsAt: c.startsAt } },
  };
}

// ---- reminders ----

/** Reminders before a class starts: the day before, and an hour before. */
export const REMINDER_SCHEDULE: readonly { kind: ReminderKind; hoursBefore: number }[] = [
  { kind: '24h', hoursBefore: 24 },
  { kind: '1h', hoursBefore: 1 },
];

export function reminderDueAt(kind: ReminderKind, startsAt: string): string {
  const r = REMINDER_SCHEDULE.find((x) => x.kind === kind)!;
  return new Date(Date.parse(startsAt) - r.hoursBefore * 3600_000).toISOString();
}

/** Reminders to schedule for a seat confirmed at `at`: those not already past. */
export function remindersFor(startsAt: string, at: Date): { kind: ReminderKind; dueAt: string }[] {
  return REMINDER_SCHEDULE.map((r) => ({ kind: r.kind, dueAt: reminderDueAt(r.kind, startsAt) })).filter((r) => Date.parse(r.dueAt) > at.getTime());
}

/** The text of a reminder and the payload of its WeChat subscribe message. */
export function reminderNotice(r: DueReminder): { title: string; body: string; outbox: { template: string; payload: unknown } } {
  const when = r.kind === '24h' ? '明天' : '1 小时后';
  return {
    title: `上课提醒：《${r.classTitle}》${when}开课`,
    body: `${classTime(r.startsAt)} 开课${r.venueName ? `，地点：${r.venueName}` : ''}。请带好“我的报名”中的入场码准时参加。`,
    outbox: { template: 'class_reminder', payload: { classId: r.classId, registrationId: r.registrationId, kind: r.kind, startsAt: r.startsAt } },
  };
}

// ---- ticket codes ----

/** No 0/O, 1/I: codes are read aloud and typed at the door. */
export const TICKET_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const TICKET_CODE_LENGTH = 8;
// Random bytes drawn from the CSPRNG in 4 KB refills rather than one system call per ticket code.
const pool = Buffer.alloc(4096);
let poolAt = pool.length;
/** A fresh entry ticket code (8 of 32 symbols, 40 bits: guessing one is hopeless, a clash is retried by the store). */
export function newTicketCode(): string {
  if (poolAt + TICKET_CODE_LENGTH > pool.length) {
    crypto.randomFillSync(pool);
    poolAt = 0;
  }
  let s = '';
  for (let i = 0; i < TICKET_CODE_LENGTH; i++) s += TICKET_CODE_ALPHABET[pool[poolAt++] % TICKET_CODE_ALPHABET.length];
  return s;
}

/** The rules the store applies inside its atomic steps (under the class lock). */
export const classPolicy: ClassPolicy = { seatFor, promotionsDue, promotionNotice, remindersFor, reminderDueAt, newTicketCode };

// ---- registration ----

export function registrationState(c: Pick<ClassSummary, 'regOpensAt' | 'regClosesAt' | 'startsAt'>, now: Date): ClassSummary['registration'] {
  const t = now.getTime();
  if (t < Date.parse(c.regOpensAt)) return 'notYet';
  if (t > Date.parse(c.regClosesAt) || t >= Date.parse(c.startsAt)) return 'closed';
  return 'open';
}

/** Refuses a registration the class is not open to (timing, the child's age). */
export function checkRegistrationAllowed(
  c: Pick<ClassFields, 'regOpensAt' | 'regClosesAt' | 'startsAt' | 'ageMin' | 'ageMax'>,
  childAge: number | null,
  now: Date,
): void {
  const state = registrationState(c, now);
  if (state === 'notYet') throw new AppError('REGISTRATION_CLOSED', `报名尚未开始，${chinaDay(c.regOpensAt)} 起可以报名`);
  if (state === 'closed') throw new AppError('REGISTRATION_CLOSED', '报名已截止，请关注协会的下一期课堂');
  const range = ageRangeText(c.ageMin, c.ageMax);
  if (range !== null) {
    if (childAge === null) throw new AppError('INVALID_ANSWERS', '请填写孩子的年龄');
    if ((c.ageMin !== null && childAge < c.ageMin) || (c.ageMax !== null && childAge > c.ageMax)) {
      throw new AppError('NOT_ELIGIBLE', `本课程面向孩子 ${range}的家长，您填写的孩子年龄不在范围内`);
    }
  }
}

/** Checks answers against the class's own form definition; returns them cleaned (trimmed, only known fields). */
export function validateAnswers(fields: FormField[], answers: Record<string, string | number>): Record<string, string | number> {
  const known = new Set(fields.map((f) => f.id));
  for (const k of Object.keys(answers)) if (!known.has(k)) throw new AppError('INVALID_ANSWERS', '报名表已更新，请刷新页面后重新填写');
  const out: Record<string, string | number> = {};
  for (const f of fields) {
    let v = answers[f.id];
    if (typeof v === 'string') v = v.trim();
    if (v === undefined || v === '') {
      if (f.required) throw new AppError('INVALID_ANSWERS', `请填写“${f.label}”`);
      continue;
    }
    switch (f.type) {
      case 'number': {
        const n = typeof v === 'number' ? v : Number(v);
        if (!Number.isFinite(n) || (typeof v === 'string' && !/^-?\d+(\.\d+)?$/.test(v))) throw new AppError('INVALID_ANSWERS', `“${f.label}”请填写数字`);
        out[f.id] = n;
        break;
      }
      case 'phone':
        if (typeof v !== 'string' || !/^1[3-9]\d{9}$/.test(v)) throw new AppError('INVALID_ANSWERS', `“${f.label}”请填写 11 位手机号码`);
        out[f.id] = v;
        break;
      case 'choice':
        if (typeof v !== 'string' || !(f.options ?? []).includes(v)) throw new AppError('INVALID_ANSWERS', `“${f.label}”请从选项中选择`);
        out[f.id] = v;
        break;
      default:
        out[f.id] = typeof v === 'string' ? v : String(v);
    }
  }
  return out;
}

/** Whether answers hold personal data (then they are stored only after the privacy consent). */
export const answersArePersonal = (fields: FormField[], answers: Record<string, string | number>): boolean =>
  fields.some((f) => answers[f.id] !== undefined && isPersonalField(f));

/** The form as stored: each field's `personal` says the truth (name and phone kinds are personal whatever was ticked). */
export const withPersonalFlags = (fields: FormField[]): FormField[] => fields.map((f) => ({ ...f, personal: isPersonalField(f) }));

/** Rules a class must satisfy, whoever writes it (publish, update, seed). */
export function checkClass(c: ClassFields): void {
  const bad = (m: string) => new AppError('INVALID_PAYLOAD', m);
  if (Date.parse(c.endsAt) <= Date.parse(c.startsAt)) throw bad('结束时间须晚于开始时间');
  if (Date.parse(c.regClosesAt) <= Date.parse(c.regOpensAt)) throw bad('报名截止时间须晚于报名开始时间');
  if (Date.parse(c.regClosesAt) > Date.parse(c.startsAt)) throw bad('报名截止时间不能晚于开课时间');
  if (c.ageMin !== null && c.ageMax !== null && c.ageMin > c.ageMax) throw bad('孩子年龄范围不正确：最小年龄大于最大年龄');
  if (!c.venue && !c.onlineUrl) throw bad('请填写上课地点或线上链接');
  const ids = new Set<string>();
  for (const f of c.fields) {
    if (ids.has(f.id)) throw bad(`报名字段编号“${f.id}”重复了`);
    ids.add(f.id);
    if (f.type === 'choice' && (f.options?.length ?? 0) < 2) throw bad(`“${f.label}”是单选，至少要有 2 个选项`);
  }
}

/** A lowered capacity may not drop below the seats already confirmed. */
export const capacityRefusal = (confirmed: number): AppError =>
  new AppError('CAPACITY_BELOW_CONFIRMED', `已有 ${confirmed} 人确认报名，名额不能少于 ${confirmed} 个。如需减少，请先与已报名的家长沟通并取消其报名`);

// ---- cancelling ----

/** The refusal class.cancel answers with, or null when the cancellation may go ahead (cancelVerdict is the rule). */
export function cancelRefusal(c: Pick<ClassFacts, 'startsAt' | 'cancelHours'>, status: RegistrationStatus, now: Date): AppError | null {
  const v = cancelVerdict(c, status, now);
  if (v.allowed) return null;
  return new AppError(status === 'cancelled' ? 'ALREADY_CANCELLED' : 'CANCEL_NOT_ALLOWED', v.refusal);
}

// ---- attendance ----

export const ATTENDANCE_POINTS = 5;

/** Ledger key of the n-th attendance tick of a registration (the first keeps the key used before un-ticking existed). */
export const attendanceRefKey = (registrationId: number, seq: number) =>
  seq <= 1 ? `class:attend:${registrationId}` : `class:attend:${registrationId}:${seq}`;

/**
 * Points for an attendance tick, or the reversal of an un-tick. Tick n pays under its own key and un-tick n
 * writes the matching reversal: both idempotent, so a retry pays nothing twice and the ledger keeps the history.
 */
export function attendancePoints(r: { registrationId: number; memberId: number | null; seq: number }, attended: boolean, at: Date): PointsAward | null {
  if (r.memberId === null || r.seq <= 0) return null;
  const refKey = attendanceRefKey(r.registrationId, r.seq);
  return attended
    ? { memberId: r.memberId, delta: ATTENDANCE_POINTS, reason: '参加家长课堂', refKey, at }
    : { memberId: r.memberId, delta: -ATTENDANCE_POINTS, reason: '家长课堂签到已撤销', refKey: `${refKey}:undo`, at };
}

// ---- what an admin sees ----

/** A personal answer as lists show it: 138****5678 for a phone, 王** for anything else. */
export function maskAnswer(f: FormField, v: string | number): string {
  return (f.type === 'phone' ? maskPhone(String(v)) : maskName(String(v))) ?? '';
}

/** Answers with every personal field masked (by what the field is, never by its label). */
export function maskPersonalAnswers(fields: FormField[], answers: Record<string, string | number>): Record<string, string | number> {
  const out = { ...answers };
  for (const f of fields) if (isPersonalField(f) && out[f.id] !== undefined) out[f.id] = maskAnswer(f, out[f.id]);
  return out;
}
