import { requireAdminOrg } from '../../core/admin-org';
import { loadExcel, workbookBase64 } from '../../core/excel';
import { defineAction } from '../../core/action';
import { AppError, notFound } from '../../core/errors';
import type { MemberContext } from '../../core/context';
import { maskName, maskPhone } from '../../contracts/format';
import { chinaDate, REGISTRATION_STATUS_LABEL, type SubscribeKind } from '../../contracts/classes-format';
import {
  classCancelInput,
  classCheckinInput,
  classExportInput,
  classGetInput,
  classListInput,
  classMessagesInput,
  classMyRegistrationsInput,
  classPublishInput,
  classRegisterInput,
  classRosterInput,
  classStatsInput,
  classSubscribeInput,
  classUpdateInput,
  type ClassDetail,
  type ClassSummary,
  type FormField,
  type MyRegistration,
  type RegistrationStatus,
  type RosterEntry,
} from '../../contracts/classes';
import type { ClassInput, ClassRow, RegistrationRow } from './repo';
import { NAME_LABEL, requirePrivacyConsent } from '../member/consent';

export const ATTENDANCE_POINTS = 5;

/** Ledger key of the n-th attendance tick of a registration (the first keeps the key used before un-ticking existed). */
export const attendanceRefKey = (registrationId: number, seq: number) => (seq <= 1 ? `class:attend:${registrationId}` : `class:attend:${registrationId}:${seq}`);

/**
 * Registered as a "before member delete" hook (cloud/actions.ts): the member's seats in classes not yet
 * started go to the head of each waitlist at once (with the in-app message), not at the next registration.
 */
export async function releaseClassesOfDeletedMember(ctx: MemberContext): Promise<void> {
  await ctx.store.classes.releaseMember(ctx.member.id, ctx.now());
}

function registrationState(c: ClassRow, now: Date): ClassSummary['registration'] {
  const t = now.getTime();
  if (t < Date.parse(c.regOpensAt)) return 'notYet';
  if (t > Date.parse(c.regClosesAt) || t >= Date.parse(c.startsAt)) return 'closed';
  return 'open';
}

function summaryOf(c: ClassRow, now: Date, myStatus: RegistrationStatus | null): ClassSummary {
  return {
    id: c.id,
    title: c.title,
    topic: c.topic,
    teacher: c.teacher,
    org: { id: c.orgId, name: c.orgName, level: c.orgLevel },
    venue: c.venue,
    onlineUrl: c.onlineUrl,
    startsAt: c.startsAt,
    endsAt: c.endsAt,
    regOpensAt: c.regOpensAt,
    regClosesAt: c.regClosesAt,
    capacity: c.capacity,
    confirmedCount: c.confirmedCount,
    waitlistCount: c.waitlistCount,
    waitlistOpen: c.waitlistOpen,
    ageMin: c.ageMin,
    ageMax: c.ageMax,
    cancelHours: c.cancelHours,
    registration: registrationState(c, now),
    myStatus,
  };
}

function cancelState(c: ClassRow, r: RegistrationRow, now: Date): { canCancel: boolean; cancelNote: string } {
  if (r.status === 'cancelled') return { canCancel: false, cancelNote: '' };
  if (Date.parse(c.startsAt) <= now.getTime()) return { canCancel: false, cancelNote: '课程已开始' };
  if (r.status === 'waitlisted') return { canCancel: true, cancelNote: '可随时退出候补' };
  if (c.cancelHours === null) return { canCancel: false, cancelNote: '本课程报名后不能取消' };
  const cutoff = Date.parse(c.startsAt) - c.cancelHours * 3600_000;
  if (now.getTime() > cutoff) return { canCancel: false, cancelNote: `开课前 ${c.cancelHours} 小时内不能取消` };
  return { canCancel: true, cancelNote: c.cancelHours > 0 ? `开课前 ${c.cancelHours} 小时之前可以取消` : '开课前可以取消' };
}

function myRegistrationOf(c: ClassRow, r: RegistrationRow, now: Date): MyRegistration {
  return {
    id: r.id,
    classId: c.id,
    classTitle: c.title,
    startsAt: c.startsAt,
    endsAt: c.endsAt,
    venueName: c.venue?.name ?? (c.onlineUrl ? '线上课堂' : null),
    status: r.status,
    position: r.position,
    code: r.code,
    childAge: r.childAge,
    answers: r.answers,
    fields: c.fields,
    ...cancelState(c, r, now),
    attendedAt: r.attendedAt,
    createdAt: r.createdAt,
  };
}

/** Phone answers are shown whole only to their owner and to admins in scope; everyone else gets 138****5678. */
function maskAnswers(fields: FormField[], answers: Record<string, string | number>): Record<string, string | number> {
  const out = { ...answers };
  for (const f of fields) if (f.type === 'phone' && typeof out[f.id] === 'string') out[f.id] = maskPhone(out[f.id] as string) ?? '';
  return out;
}

function rosterEntryOf(c: ClassRow, r: RegistrationRow, fullView: boolean): RosterEntry {
  const phoneField = c.fields.find((f) => f.type === 'phone');
  const phone = phoneField && typeof r.answers[phoneField.id] === 'string' ? (r.answers[phoneField.id] as string) : null;
  return {
    id: r.id,
    memberId: r.memberId,
    name: fullView ? r.name : (maskName(r.name) ?? ''),
    phone: fullView ? phone : maskPhone(phone),
    status: r.status,
    position: r.position,
    code: fullView ? r.code : '',
    childAge: r.childAge,
    answers: fullView ? r.answers : maskAnswers(c.fields, r.answers),
    attendedAt: r.attendedAt,
    createdAt: r.createdAt,
    cancelledAt: r.cancelledAt,
  };
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
        if (typeof v !== 'string') v = String(v);
        out[f.id] = v;
    }
  }
  return out;
}

/** Rules a class must satisfy, whoever writes it (publish, update, seed). */
export function checkClass(c: Omit<ClassInput, 'orgId'>): void {
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

async function classOr404(ctx: MemberContext, id: number): Promise<ClassRow> {
  const c = await ctx.store.classes.get(id);
  if (!c) throw notFound('该课程');
  return c;
}

async function detailOf(ctx: MemberContext, c: ClassRow): Promise<ClassDetail> {
  const now = ctx.now();
  const mine = await ctx.store.classes.activeOf(c.id, ctx.member.id);
  const last = await ctx.store.classes.lastOf(ctx.member.id);
  const answers: Record<string, string | number> = {};
  if (last) {
    for (const f of c.fields) {
      const prev = last.fields.find((p) => p.label === f.label && p.type === f.type);
      const v = prev ? last.answers[prev.id] : undefined;
      if (v !== undefined && (f.type !== 'choice' || (f.options ?? []).includes(String(v)))) answers[f.id] = v;
    }
  }
  for (const f of c.fields) {
    if (answers[f.id] !== undefined) continue;
    if (f.type === 'phone' && ctx.member.phone) answers[f.id] = ctx.member.phone;
    if (f.type === 'text' && /姓名/.test(f.label) && ctx.member.realName) answers[f.id] = ctx.member.realName;
  }
  return {
    ...summaryOf(c, now, mine?.status ?? null),
    description: c.description,
    fields: c.fields,
    myRegistration: mine ? myRegistrationOf(c, mine, now) : null,
    prefill: { childAge: last?.childAge ?? null, answers },
  };
}

export const classList = defineAction({
  name: 'class.list',
  input: classListInput,
  auth: 'member',
  async handler(ctx, p) {
    const now = ctx.now();
    if (p.adminOrgId) {
      const org = await ctx.store.orgs.getById(p.adminOrgId);
      if (!org) throw notFound('该单位');
      ctx.admin.require(org.path);
      const all = await ctx.store.classes.list({ from: null, topic: p.topic });
      return { classes: all.filter((c) => c.orgPath.startsWith(org.path)).reverse().map((c) => summaryOf(c, now, null)) };
    }
    let rows = await ctx.store.classes.list({ from: p.includePast ? null : now.toISOString(), topic: p.topic });
    if (p.date) rows = rows.filter((c) => chinaDate(c.startsAt) === p.date);
    const where = p.where ?? 'all';
    if (where !== 'all' && ctx.member.orgId) {
      const lineage = await ctx.store.orgs.lineage(ctx.member.orgId);
      const mine = lineage[lineage.length - 1];
      // 'org': my organisation and those above it; 'area': also everything in my 盟市 (or my own subtree if higher).
      const area = lineage.find((o) => o.level === 2) ?? mine;
      rows = rows.filter((c) => mine.path.startsWith(c.orgPath) || (where === 'area' && c.orgPath.startsWith(area.path)));
    }
    const statuses = await ctx.store.classes.statusesOf(ctx.member.id);
    return { classes: rows.map((c) => summaryOf(c, now, statuses.get(c.id) ?? null)) };
  },
});

export const classGet = defineAction({
  name: 'class.get',
  input: classGetInput,
  auth: 'member',
  handler: async (ctx, { classId }) => detailOf(ctx, await classOr404(ctx, classId)),
});

export const classRegister = defineAction({
  name: 'class.register',
  input: classRegisterInput,
  auth: 'member',
  async handler(ctx, p) {
    const c = await classOr404(ctx, p.classId);
    const now = ctx.now();
    const state = registrationState(c, now);
    if (state === 'notYet') throw new AppError('REGISTRATION_CLOSED', `报名尚未开始，${chinaDate(c.regOpensAt)} 起可以报名`);
    if (state === 'closed') throw new AppError('REGISTRATION_CLOSED', '报名已截止，请关注协会的下一期课堂');
    const childAge = p.childAge ?? null;
    if (c.ageMin !== null || c.ageMax !== null) {
      if (childAge === null) throw new AppError('INVALID_ANSWERS', '请填写孩子的年龄');
      if ((c.ageMin !== null && childAge < c.ageMin) || (c.ageMax !== null && childAge > c.ageMax)) {
        throw new AppError('NOT_ELIGIBLE', `本课程面向孩子 ${c.ageMin ?? 0}–${c.ageMax ?? 18} 岁的家长，您填写的孩子年龄不在范围内`);
      }
    }
    const answers = validateAnswers(c.fields, p.answers ?? {});
    // A phone number or a name in the form is personal information: stored only after consent (as on 我的).
    if (c.fields.some((f) => answers[f.id] !== undefined && (f.type === 'phone' || (f.type === 'text' && NAME_LABEL.test(f.label))))) {
      requirePrivacyConsent(ctx, '报名表中的姓名或手机号，需要您先阅读并同意《个人信息保护说明》后才能保存');
    }
    const out = await ctx.store.classes.register(c.id, ctx.member.id, { name: ctx.member.realName ?? ctx.member.nickname, childAge, answers }, now);
    if (out.kind === 'duplicate') throw new AppError('ALREADY_REGISTERED', '您已报名这门课程，可在“我的报名”中查看');
    if (out.kind === 'full') throw new AppError('CLASS_FULL', '名额已满，本课程不设候补');
    // myRegistrationOf reads only the class's fixed facts (title, times, rules), so the row read above serves.
    return { status: out.kind, position: out.registration.position, registration: myRegistrationOf(c, out.registration, now) };
  },
});

export const classCancel = defineAction({
  name: 'class.cancel',
  input: classCancelInput,
  auth: 'member',
  async handler(ctx, { registrationId }) {
    const { promoted } = await ctx.store.classes.cancel(registrationId, ctx.member.id, ctx.now());
    return { cancelled: true as const, promotedRegistrationId: promoted };
  },
});

export const classMyRegistrations = defineAction({
  name: 'class.myRegistrations',
  input: classMyRegistrationsInput,
  auth: 'member',
  async handler(ctx) {
    const now = ctx.now();
    const regs = await ctx.store.classes.ofMember(ctx.member.id);
    const classes = new Map<number, ClassRow>();
    const out: MyRegistration[] = [];
    for (const r of regs) {
      if (!classes.has(r.classId)) classes.set(r.classId, (await ctx.store.classes.get(r.classId))!);
      out.push(myRegistrationOf(classes.get(r.classId)!, r, now));
    }
    // Upcoming active ones first, then the rest, newest first.
    const rank = (m: MyRegistration) => (m.status !== 'cancelled' && Date.parse(m.endsAt) >= now.getTime() ? 0 : 1);
    out.sort((a, b) => rank(a) - rank(b) || (rank(a) === 0 ? Date.parse(a.startsAt) - Date.parse(b.startsAt) : b.id - a.id));
    return { registrations: out };
  },
});

export const classPublish = defineAction({
  name: 'class.publish',
  input: classPublishInput,
  auth: 'admin',
  async handler(ctx, p) {
    await requireAdminOrg(ctx, p.orgId);
    checkClass(p as ClassInput);
    const id = await ctx.store.classes.create(p as ClassInput, ctx.member.id, ctx.now());
    return detailOf(ctx, (await ctx.store.classes.get(id))!);
  },
});

export const classUpdate = defineAction({
  name: 'class.update',
  input: classUpdateInput,
  auth: 'admin',
  async handler(ctx, { classId, ...patch }) {
    const c = await classOr404(ctx, classId);
    ctx.admin.require(c.orgPath);
    const merged = { ...c, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } as ClassRow;
    checkClass(merged);
    if (patch.fields && c.confirmedCount + c.waitlistCount > 0 && JSON.stringify(patch.fields) !== JSON.stringify(c.fields)) {
      throw new AppError('CONFLICT', '已有家长报名，报名表不能再修改');
    }
    await ctx.store.classes.update(classId, patch, ctx.now());
    return detailOf(ctx, (await ctx.store.classes.get(classId))!);
  },
});

async function attendance(ctx: MemberContext, classId: number) {
  const roster = await ctx.store.classes.roster(classId);
  const confirmed = roster.filter((r) => r.status === 'confirmed');
  const attended = confirmed.filter((r) => r.attendedAt).length;
  return { roster, attended, attendanceRate: confirmed.length ? attended / confirmed.length : 0 };
}

export const classRoster = defineAction({
  name: 'class.roster',
  input: classRosterInput,
  auth: 'admin',
  async handler(ctx, { classId }) {
    const c = await classOr404(ctx, classId);
    // Admins outside the class's org see the roster with names and phones masked.
    const fullView = ctx.admin.covers(c.orgPath);
    const { roster, attended, attendanceRate } = await attendance(ctx, classId);
    return {
      class: summaryOf(c, ctx.now(), null),
      fields: c.fields,
      entries: roster.map((r) => rosterEntryOf(c, r, fullView)),
      attended,
      attendanceRate,
      masked: !fullView,
    };
  },
});

export const classCheckin = defineAction({
  name: 'class.checkin',
  input: classCheckinInput,
  auth: 'admin',
  async handler(ctx, p) {
    const c = await classOr404(ctx, p.classId);
    ctx.admin.require(c.orgPath);
    const r = p.code ? await ctx.store.classes.registrationByCode(c.id, p.code) : await ctx.store.classes.registration(p.registrationId!);
    if (!r || r.classId !== c.id) throw new AppError('TICKET_INVALID', '没有找到这张入场码对应的报名，请确认是本课程的入场码');
    if (r.status !== 'confirmed') throw new AppError('NOT_CONFIRMED', `该报名${r.status === 'waitlisted' ? '仍在候补中' : '已取消'}，不能签到`);
    const now = ctx.now();
    const { changed, seq } = await ctx.store.classes.setAttended(r.id, p.undo ? null : now);
    if (r.memberId !== null && seq > 0) {
      // Tick n pays under its own key and un-tick n writes the matching reversal: both idempotent, so a retried
      // request (changed = false) pays or reverses nothing twice, and the ledger keeps the whole history.
      const refKey = attendanceRefKey(r.id, seq);
      if (p.undo) await ctx.store.points.award({ memberId: r.memberId, delta: -ATTENDANCE_POINTS, reason: '家长课堂签到已撤销', refKey: `${refKey}:undo`, at: now });
      else await ctx.store.points.award({ memberId: r.memberId, delta: ATTENDANCE_POINTS, reason: '参加家长课堂', refKey, at: now });
    }
    const fresh = (await ctx.store.classes.registration(r.id))!;
    const { attended, attendanceRate } = await attendance(ctx, c.id);
    return { entry: rosterEntryOf(c, fresh, true), alreadyCheckedIn: !p.undo && !changed, attended, attendanceRate };
  },
});

export const classStats = defineAction({
  name: 'class.stats',
  input: classStatsInput,
  auth: 'admin',
  async handler(ctx, p) {
    const org = p.orgId ? await ctx.store.orgs.getById(p.orgId) : ctx.admin.orgs[0];
    if (!org) throw notFound('该单位');
    ctx.admin.require(org.path);
    const rows = (await ctx.store.classes.list({ from: null })).filter((c) => c.orgPath.startsWith(org.path));
    const out = [];
    for (const c of rows) {
      const { attended } = await attendance(ctx, c.id);
      out.push({
        classId: c.id,
        title: c.title,
        orgName: c.orgName,
        startsAt: c.startsAt,
        capacity: c.capacity,
        confirmed: c.confirmedCount,
        waitlisted: c.waitlistCount,
        attended,
        fillRate: c.confirmedCount / c.capacity,
        attendanceRate: c.confirmedCount ? attended / c.confirmedCount : 0,
      });
    }
    return { rows: out };
  },
});

export const classExport = defineAction({
  name: 'class.export',
  input: classExportInput,
  auth: 'admin',
  async handler(ctx, { classId }) {
    const c = await classOr404(ctx, classId);
    ctx.admin.require(c.orgPath);
    const roster = await ctx.store.classes.roster(classId);
    // Loaded on first export only: exceljs is large and most requests never need it.
    const wb = new (await loadExcel()).Workbook();
    const ws = wb.addWorksheet('报名名单');
    ws.columns = [
      { header: '序号', key: 'n', width: 6 },
      { header: '姓名', key: 'name', width: 14 },
      { header: '状态', key: 'status', width: 10 },
      { header: '候补位次', key: 'position', width: 10 },
      { header: '入场码', key: 'code', width: 12 },
      { header: '孩子年龄', key: 'childAge', width: 10 },
      ...c.fields.map((f) => ({ header: f.label, key: `f_${f.id}`, width: 16 })),
      { header: '报名时间', key: 'createdAt', width: 22 },
      { header: '签到时间', key: 'attendedAt', width: 22 },
    ];
    roster.forEach((r, i) =>
      ws.addRow({
        n: i + 1,
        name: r.name,
        status: REGISTRATION_STATUS_LABEL[r.status],
        position: r.position ?? '',
        code: r.code,
        childAge: r.childAge ?? '',
        ...Object.fromEntries(c.fields.map((f) => [`f_${f.id}`, r.answers[f.id] ?? ''])),
        createdAt: r.createdAt,
        attendedAt: r.attendedAt ?? '',
      }),
    );
    ws.getRow(1).font = { bold: true };
    return { fileName: `${c.title}-报名名单.xlsx`, base64: await workbookBase64(wb) };
  },
});

export const classMessages = defineAction({
  name: 'class.messages',
  input: classMessagesInput,
  auth: 'member',
  async handler(ctx, p) {
    const messages = await ctx.store.classes.messages(ctx.member.id);
    if (p.markRead) await ctx.store.classes.markMessagesRead(ctx.member.id, ctx.now());
    return {
      messages: messages.map(({ memberId: _m, ...m }) => m),
      unread: messages.filter((m) => !m.readAt).length,
    };
  },
});

export const classSubscribe = defineAction({
  name: 'class.subscribe',
  input: classSubscribeInput,
  auth: 'member',
  async handler(ctx, { decisions }) {
    await ctx.store.classes.setSubscriptions(ctx.member.id, decisions, ctx.now());
    const all = await ctx.store.classes.subscriptions(ctx.member.id);
    return { accepted: all.filter((s) => s.accepted).map((s) => s.kind as SubscribeKind) };
  },
});

export const classActions = [
  classList,
  classGet,
  classRegister,
  classCancel,
  classMyRegistrations,
  classPublish,
  classUpdate,
  classRoster,
  classCheckin,
  classStats,
  classExport,
  classMessages,
  classSubscribe,
];
