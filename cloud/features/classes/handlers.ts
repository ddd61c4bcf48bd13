import { requireAdminOrg } from '../../core/admin-org';
import { sheetBase64 } from '../../core/excel';
import { defineAction, type MemberContext } from '../context';
import { AppError, notFound } from '../../core/errors';
import { maskPhone } from '../../contracts/format';
import { cancelVerdict, REGISTRATION_STATUS_LABEL, type SubscribeKind } from '../../contracts/classes-format';
import { chinaDay } from '../../contracts/china-time';
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
  type MyRegistration,
  type RegistrationStatus,
  type RosterEntry,
} from '../../contracts/classes';
import type { ClassRow, RegistrationRow } from './repo';
import {
  answersArePersonal,
  attendancePoints,
  cancelRefusal,
  capacityRefusal,
  checkClass,
  checkRegistrationAllowed,
  classPolicy,
  maskPersonalAnswers,
  registrationState,
  validateAnswers,
  withPersonalFlags,
} from './rules';
import { requirePrivacyConsent } from '../member/consent';

/**
 * Registered as a "before member delete" hook (cloud/app.ts): the member's seats in classes not yet
 * started go to the head of each waitlist at once (with the in-app message), not at the next registration.
 */
export async function releaseClassesOfDeletedMember(ctx: MemberContext): Promise<void> {
  await ctx.store.classes.releaseMember(ctx.member.id, ctx.now(), classPolicy);
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

function myRegistrationOf(c: ClassRow, r: RegistrationRow, now: Date): MyRegistration {
  const cancel = cancelVerdict(c, r.status, now);
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
    canCancel: cancel.allowed,
    cancelNote: cancel.note,
    attendedAt: r.attendedAt,
    createdAt: r.createdAt,
  };
}

/**
 * A roster line as admins in scope see it: the registrant's name whole (the roll call at the door goes by it),
 * the answers to every personal form field masked (by what the field is, never by its label), as in lists seen
 * by someone other than the member. The organiser's export carries the answers in full.
 */
function rosterEntryOf(c: ClassRow, r: RegistrationRow): RosterEntry {
  const phoneField = c.fields.find((f) => f.type === 'phone');
  const phone = phoneField && typeof r.answers[phoneField.id] === 'string' ? (r.answers[phoneField.id] as string) : null;
  return {
    id: r.id,
    memberId: r.memberId,
    name: r.name,
    phone: maskPhone(phone),
    status: r.status,
    position: r.position,
    code: r.code,
    childAge: r.childAge,
    answers: maskPersonalAnswers(c.fields, r.answers),
    attendedAt: r.attendedAt,
    createdAt: r.createdAt,
    cancelledAt: r.cancelledAt,
  };
}

async function classOr404(ctx: MemberContext, id: number): Promise<ClassRow> {
  const c = await ctx.store.classes.get(id);
  if (!c) throw notFound('该课程');
  return c;
}

/** A class an admin acts on: it exists and lies in the admin's own subtree (else 403, like every admin action). */
async function adminClass(ctx: MemberContext, id: number): Promise<ClassRow> {
  ctx.admin.requireAny();
  const c = await classOr404(ctx, id);
  ctx.admin.require(c.orgPath);
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
    if (f.type === 'name' && ctx.member.realName) answers[f.id] = ctx.member.realName;
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
      return {
        classes: all
          .filter((c) => c.orgPath.startsWith(org.path))
          .reverse()
          .map((c) => summaryOf(c, now, null)),
      };
    }
    let rows = await ctx.store.classes.list({ from: p.includePast ? null : now.toISOString(), topic: p.topic });
    if (p.date) rows = rows.filter((c) => chinaDay(c.startsAt) === p.date);
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
    const childAge = p.childAge ?? null;
    checkRegistrationAllowed(c, childAge, now);
    const answers = validateAnswers(c.fields, p.answers ?? {});
    // Personal data in the form (a name, a phone, whatever the organiser marked) is stored only after consent (as on 我的).
    if (answersArePersonal(c.fields, answers)) {
      requirePrivacyConsent(ctx, '报名表中的姓名、手机号等个人信息，需要您先阅读并同意《个人信息保护说明》后才能保存');
    }
    const out = await ctx.store.classes.register(
      c.id,
      ctx.member.id,
      { name: ctx.member.realName ?? ctx.member.nickname, childAge, answers },
      now,
      classPolicy,
    );
    if (out.kind === 'notFound') throw notFound('该课程');
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
    const now = ctx.now();
    const out = await ctx.store.classes.cancel(registrationId, ctx.member.id, now, classPolicy, (c, status) => cancelRefusal(c, status, now));
    if (out.kind === 'notFound') throw new AppError('NOT_FOUND', '没有找到这条报名记录');
    if (out.kind === 'refused') throw out.refusal;
    return { cancelled: true as const, promotedRegistrationId: out.promoted };
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
  name: 'class.admin.publish',
  input: classPublishInput,
  auth: 'admin',
  async handler(ctx, p) {
    await requireAdminOrg(ctx, p.orgId);
    const input = { ...p, fields: withPersonalFlags(p.fields) };
    checkClass(input);
    const id = await ctx.store.classes.create(input, ctx.member.id, ctx.now());
    return detailOf(ctx, (await ctx.store.classes.get(id))!);
  },
});

export const classUpdate = defineAction({
  name: 'class.admin.update',
  input: classUpdateInput,
  auth: 'admin',
  async handler(ctx, { classId, ...p }) {
    const c = await adminClass(ctx, classId);
    const patch = p.fields ? { ...p, fields: withPersonalFlags(p.fields) } : p;
    const merged = { ...c, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } as ClassRow;
    checkClass(merged);
    if (patch.fields && c.confirmedCount + c.waitlistCount > 0 && JSON.stringify(patch.fields) !== JSON.stringify(c.fields)) {
      throw new AppError('CONFLICT', '已有家长报名，报名表不能再修改');
    }
    const out = await ctx.store.classes.update(classId, patch, ctx.now(), classPolicy);
    if (out.kind === 'notFound') throw notFound('该课程');
    if (out.kind === 'belowConfirmed') throw capacityRefusal(out.confirmed);
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
  name: 'class.admin.roster',
  input: classRosterInput,
  auth: 'admin',
  async handler(ctx, { classId }) {
    const c = await adminClass(ctx, classId);
    const { roster, attended, attendanceRate } = await attendance(ctx, classId);
    return {
      class: summaryOf(c, ctx.now(), null),
      fields: c.fields,
      entries: roster.map((r) => rosterEntryOf(c, r)),
      attended,
      attendanceRate,
    };
  },
});

export const classCheckin = defineAction({
  name: 'class.admin.checkin',
  input: classCheckinInput,
  auth: 'admin',
  async handler(ctx, p) {
    const c = await adminClass(ctx, p.classId);
    const r = p.code ? await ctx.store.classes.registrationByCode(c.id, p.code) : await ctx.store.classes.registration(p.registrationId!);
    if (!r || r.classId !== c.id) throw new AppError('TICKET_INVALID', '没有找到这张入场码对应的报名，请确认是本课程的入场码');
    if (r.status !== 'confirmed') throw new AppError('NOT_CONFIRMED', `该报名${r.status === 'waitlisted' ? '仍在候补中' : '已取消'}，不能签到`);
    const now = ctx.now();
    const attended = !p.undo;
    const { changed } = await ctx.store.classes.setAttended(r.id, attended ? now : null, (tick) => attendancePoints(tick, attended, now));
    const fresh = (await ctx.store.classes.registration(r.id))!;
    const { attended: attendedCount, attendanceRate } = await attendance(ctx, c.id);
    return { entry: rosterEntryOf(c, fresh), alreadyCheckedIn: attended && !changed, attended: attendedCount, attendanceRate };
  },
});

export const classStats = defineAction({
  name: 'class.admin.stats',
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
  name: 'class.admin.export',
  input: classExportInput,
  auth: 'admin',
  async handler(ctx, { classId }) {
    const c = await adminClass(ctx, classId);
    const roster = await ctx.store.classes.roster(classId);
    // The organiser's working list, to reach the parents: answers in full (an admin of the class's own subtree only).
    const base64 = await sheetBase64(
      '报名名单',
      [
        { header: '序号', width: 6 },
        { header: '姓名' },
        { header: '状态', width: 10 },
        { header: '候补位次', width: 10 },
        { header: '入场码', width: 12 },
        { header: '孩子年龄', width: 10 },
        ...c.fields.map((f) => ({ header: f.label, width: 16 })),
        { header: '报名时间', width: 22 },
        { header: '签到时间', width: 22 },
      ],
      roster.map((r, i) => [
        i + 1,
        r.name,
        REGISTRATION_STATUS_LABEL[r.status],
        r.position,
        r.code,
        r.childAge,
        ...c.fields.map((f) => r.answers[f.id]),
        r.createdAt,
        r.attendedAt,
      ]),
    );
    return { fileName: `${c.title}-报名名单.xlsx`, base64 };
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
