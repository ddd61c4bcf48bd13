import { z } from 'zod';
import { orgId } from './org';
import type { OrgRef } from './member';
import { FIELD_TYPE_LABEL, SUBSCRIBE_KINDS, type FieldType, type RegistrationStatus, type SubscribeKind } from './classes-format';

export type { RegistrationStatus } from './classes-format';

export type { FieldType } from './classes-format';

/** A question of a class's registration form. `personal`: its answers are personal data (name and phone kinds always are). */
export type FormField = z.output<typeof fieldSchema>;
export type ClassVenue = z.output<typeof venueSchema>;

export interface ClassSummary extends Pick<
  ClassFields,
  | 'title'
  | 'topic'
  | 'teacher'
  | 'venue'
  | 'onlineUrl'
  | 'startsAt'
  | 'endsAt'
  | 'regOpensAt'
  | 'regClosesAt'
  | 'capacity'
  | 'waitlistOpen'
  | 'ageMin'
  | 'ageMax'
  | 'cancelHours'
> {
  id: number;
  org: OrgRef;
  confirmedCount: number;
  waitlistCount: number;
  /** 'open' | 'notYet' | 'closed' at the time of the call. */
  registration: 'open' | 'notYet' | 'closed';
  /** The caller's active registration, if any. */
  myStatus: RegistrationStatus | null;
}

export interface ClassDetail extends ClassSummary {
  description: string;
  fields: FormField[];
  myRegistration: MyRegistration | null;
  /** Answers from the caller's last registration, matched by field label and type. */
  prefill: { childAge: number | null; answers: Record<string, string | number> };
}

export interface MyRegistration {
  id: number;
  classId: number;
  classTitle: string;
  startsAt: string;
  endsAt: string;
  venueName: string | null;
  status: RegistrationStatus;
  /** 1-based position while waitlisted. */
  position: number | null;
  /** Entry ticket code, shown as a QR code. */
  code: string;
  childAge: number | null;
  answers: Record<string, string | number>;
  fields: FormField[];
  /** Whether class.cancel is allowed right now, and why not. */
  canCancel: boolean;
  cancelNote: string;
  attendedAt: string | null;
  createdAt: string;
}

export interface RosterEntry {
  id: number;
  memberId: number | null;
  name: string;
  phone: string | null;
  status: RegistrationStatus;
  position: number | null;
  code: string;
  childAge: number | null;
  answers: Record<string, string | number>;
  attendedAt: string | null;
  createdAt: string;
  cancelledAt: string | null;
}

export interface ClassMessage {
  id: number;
  kind: 'promoted' | 'reminder' | 'info';
  title: string;
  body: string;
  classId: number | null;
  createdAt: string;
  readAt: string | null;
}

// ---- schemas ----
const id = z.number().int().positive().max(2_147_483_647);
const iso = z.iso.datetime({ offset: true, message: '时间格式不正确' });
const shortText = (label: string, max: number) => z.string().trim().min(1, `请填写${label}`).max(max, `${label}最多 ${max} 个字`);

const fieldSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_]{0,19}$/, '字段编号只能是小写字母、数字和下划线'),
    label: shortText('字段名称', 20),
    type: z.enum(Object.keys(FIELD_TYPE_LABEL) as [FieldType, ...FieldType[]]),
    required: z.boolean(),
    /** Ticked by the organiser; name and phone kinds are personal whatever it says (isPersonalField). */
    personal: z.boolean().default(false),
    options: z.array(shortText('选项', 20)).min(2, '单选至少要有 2 个选项').max(10).optional(),
  })
  .strict()
  .refine((f) => f.type !== 'choice' || (f.options?.length ?? 0) >= 2, { message: '单选字段至少要有 2 个选项', path: ['options'] });

const venueSchema = z
  .object({
    name: shortText('地点名称', 40),
    address: z.string().trim().max(100),
    lat: z.number().min(-90).max(90).nullable(),
    lng: z.number().min(-180).max(180).nullable(),
  })
  .strict();

const classBody = {
  orgId,
  title: shortText('课程名称', 40),
  topic: shortText('主题', 20),
  teacher: shortText('授课老师', 20),
  description: z.string().trim().max(2000, '简介最多 2000 字'),
  venue: venueSchema.nullable(),
  onlineUrl: z
    .string()
    .trim()
    .max(300)
    .regex(/^https?:\/\/\S+$/, '线上链接须以 http(s):// 开头')
    .nullable(),
  startsAt: iso,
  endsAt: iso,
  regOpensAt: iso,
  regClosesAt: iso,
  capacity: z.number().int().min(1, '名额至少 1 个').max(10_000, '名额最多 10000 个'),
  ageMin: z.number().int().min(0).max(18).nullable(),
  ageMax: z.number().int().min(0).max(18).nullable(),
  fields: z.array(fieldSchema).max(10, '最多 10 个报名字段'),
  /** Hours before start until which a confirmed seat may be given back; null = not at all. */
  cancelHours: z.number().int().min(0).max(720).nullable(),
  waitlistOpen: z.boolean(),
};

export const classPublishInput = z.object(classBody).strict();
/** A class as its organiser writes it (class.admin.publish), after validation. */
export type ClassPublishFields = z.output<typeof classPublishInput>;
/** The organiser's part of a class, without the org it belongs to (the edit form's payload, an update's fields). */
export type ClassFields = Omit<ClassPublishFields, 'orgId'>;
export const classUpdateInput = z.object(classBody).omit({ orgId: true }).partial().extend({ classId: id }).strict();

export const classListInput = z
  .object({
    where: z.enum(['all', 'org', 'area']).optional(),
    topic: z.string().trim().max(20).optional(),
    date: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 2026-12-01')
      .optional(),
    includePast: z.boolean().optional(),
    /** Admin view: classes of this org's subtree. */
    adminOrgId: orgId.optional(),
  })
  .strict();
export const classGetInput = z.object({ classId: id }).strict();
const answerValue = z.union([z.string().max(200, '填写内容最多 200 字'), z.number().finite()]);
export const classRegisterInput = z
  .object({
    classId: id,
    childAge: z.number().int().min(0).max(30).nullable().optional(),
    answers: z
      .record(z.string().max(20), answerValue)
      .refine((r) => Object.keys(r).length <= 10, '报名字段太多')
      .optional(),
  })
  .strict();
export const classCancelInput = z.object({ registrationId: id }).strict();
export const classMyRegistrationsInput = z.object({}).strict();
export const classRosterInput = z.object({ classId: id }).strict();
export const classCheckinInput = z
  .object({
    classId: id,
    code: z
      .string()
      .trim()
      .regex(/^[A-Z0-9]{4,16}$/, '票码不正确')
      .optional(),
    registrationId: id.optional(),
    undo: z.boolean().optional(),
  })
  .strict()
  .refine((p) => p.code !== undefined || p.registrationId !== undefined, '请扫描票码或选择报名人');
export const classStatsInput = z.object({ orgId: orgId.optional() }).strict();
export const classExportInput = z.object({ classId: id }).strict();
export const classMessagesInput = z.object({ markRead: z.boolean().optional() }).strict();
export const classSubscribeInput = z
  .object({
    decisions: z
      .array(
        z
          .object({
            kind: z.enum(SUBSCRIBE_KINDS),
            templateId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, '模板编号不正确'),
            accepted: z.boolean(),
          })
          .strict(),
      )
      .min(1, '请至少提交一项订阅结果')
      .max(SUBSCRIBE_KINDS.length),
  })
  .strict();

export interface RegisterResult {
  status: 'confirmed' | 'waitlisted';
  position: number | null;
  registration: MyRegistration;
}

export interface ClassStatsRow {
  classId: number;
  title: string;
  orgName: string;
  startsAt: string;
  capacity: number;
  confirmed: number;
  waitlisted: number;
  attended: number;
  /** confirmed / capacity, 0..1 */
  fillRate: number;
  /** attended / confirmed, 0..1 (0 when nobody is confirmed) */
  attendanceRate: number;
}

export type ClassActions = {
  'class.list': { payload: z.input<typeof classListInput>; result: { classes: ClassSummary[] } };
  'class.get': { payload: z.input<typeof classGetInput>; result: ClassDetail };
  'class.register': { payload: z.input<typeof classRegisterInput>; result: RegisterResult };
  'class.cancel': { payload: z.input<typeof classCancelInput>; result: { cancelled: true; promotedRegistrationId: number | null } };
  'class.myRegistrations': { payload: z.input<typeof classMyRegistrationsInput>; result: { registrations: MyRegistration[] } };
  'class.admin.publish': { payload: z.input<typeof classPublishInput>; result: ClassDetail };
  'class.admin.update': { payload: z.input<typeof classUpdateInput>; result: ClassDetail };
  'class.admin.roster': {
    payload: z.input<typeof classRosterInput>;
    result: { class: ClassSummary; entries: RosterEntry[]; fields: FormField[]; attended: number; attendanceRate: number };
  };
  'class.admin.checkin': {
    payload: z.input<typeof classCheckinInput>;
    result: { entry: RosterEntry; alreadyCheckedIn: boolean; attended: number; attendanceRate: number };
  };
  'class.admin.stats': { payload: z.input<typeof classStatsInput>; result: { rows: ClassStatsRow[] } };
  'class.admin.export': { payload: z.input<typeof classExportInput>; result: { fileName: string; base64: string } };
  'class.subscribe': { payload: z.input<typeof classSubscribeInput>; result: { accepted: SubscribeKind[] } };
  'class.messages': { payload: z.input<typeof classMessagesInput>; result: { messages: ClassMessage[]; unread: number } };
};
