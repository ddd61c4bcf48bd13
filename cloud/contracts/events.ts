import { z } from 'zod';
import { orgId } from './org';
import { EVENT_TYPES, QR_PREFIX, checkinLinkParts, type EventType } from './events-shared';

export { EVENT_TYPES };
export type { EventType };

export interface EventVenue {
  name: string;
  address: string;
  lat: number | null;
  lng: number | null;
  /** Geofence radius in metres. */
  radius: number;
}

export interface EventSummary {
  id: number;
  title: string;
  type: EventType;
  /** A plain notice has no venue or check-in. */
  kind: 'event' | 'notice';
  cover: string | null;
  startsAt: string;
  endsAt: string;
  venueName: string;
  org: { id: string; name: string; level: number };
  audience: 'org' | 'all';
  points: number;
  intentCount: number;
  published: boolean;
}

export interface EventDetail extends EventSummary {
  body: string;
  venue: EventVenue;
  checkinOpensAt: string;
  checkinClosesAt: string;
  locationRequired: boolean;
  /** For the caller: did they say 我要参加, and their check-in if any. */
  intending: boolean;
  myCheckin: MyCheckin | null;
  /** The caller administers this event's org (organiser screen, stats). */
  canManage: boolean;
  checkinCount: number;
}

export interface MyCheckin {
  eventId: number;
  title: string;
  checkedInAt: string;
  scannedAt: string | null;
  offline: boolean;
  voided: boolean;
  points: number;
}

export interface CheckinResult {
  /** False when this member had already checked in: the time is the first check-in's. */
  firstTime: boolean;
  checkedInAt: string;
  offline: boolean;
  points: number;
  distance: number | null;
}

const text = (max: number, label: string) => z.string().trim().max(max, `${label}最多 ${max} 个字`);
const isoDate = z
  .string()
  .max(40)
  .refine((s) => !Number.isNaN(Date.parse(s)), '时间格式不正确');
const eventId = z.number().int().positive().max(1e9);
const lat = z.number().min(-90).max(90);
const lng = z.number().min(-180).max(180);

const eventFields = {
  title: text(60, '标题').min(2, '标题至少 2 个字'),
  type: z.enum(EVENT_TYPES, { message: '请选择活动类型' }),
  kind: z.enum(['event', 'notice']).default('event'),
  cover: z
    .string()
    .trim()
    .max(500)
    .regex(/^(https:\/\/|cloud:\/\/|\/media\/)/, '封面图片地址不正确，请重新上传封面')
    .nullable()
    .optional(),
  body: z.string().max(20000, '正文最多 20000 字').default(''),
  startsAt: isoDate,
  endsAt: isoDate,
  venue: z
    .object({
      name: text(60, '地点名称').default(''),
      address: text(120, '地址').default(''),
      lat: lat.nullable().default(null),
      lng: lng.nullable().default(null),
      radius: z.number().int().min(20, '签到范围至少 20 米').max(50000).default(500),
    })
    .strict()
    .default({ name: '', address: '', lat: null, lng: null, radius: 500 }),
  checkinOpensAt: isoDate.optional(),
  checkinClosesAt: isoDate.optional(),
  locationRequired: z.boolean().default(false),
  points: z.number().int().min(0).max(1000).default(0),
  audience: z.enum(['org', 'all']).default('org'),
};

export const eventPublishInput = z.object({ orgId, ...eventFields, draft: z.boolean().default(false) }).strict();
export const eventUpdateInput = z.object({ id: eventId, ...eventFields }).strict();
export const eventSetPublishedInput = z.object({ id: eventId, published: z.boolean() }).strict();
export const eventListInput = z
  .object({
    when: z.enum(['upcoming', 'past', 'all']).default('upcoming'),
    /** mine: my org and the levels above it; all: plus everything published for everyone. manage: admin view with drafts. */
    scope: z.enum(['mine', 'all', 'manage']).default('all'),
    limit: z.number().int().min(1).max(100).default(50),
  })
  .strict();
export const eventGetInput = z.object({ id: eventId }).strict();
export const eventIntendInput = z.object({ id: eventId, intend: z.boolean() }).strict();
/** A typed code is 6 digits; a scanned one is a QR payload or a check-in link. Anything else is refused here, with what is wrong with it. */
const checkinCode = z
  .string()
  .trim()
  .max(300, '签到码格式不正确，请扫描现场大屏上的二维码')
  .superRefine((code, ctx) => {
    if (/^\d{6}$/.test(code) || code.startsWith(`${QR_PREFIX}:`) || checkinLinkParts(code)) return;
    const message =
      code === ''
        ? '请输入 6 位签到码'
        : /^\d+$/.test(code)
          ? `签到码是 6 位数字，您输入了 ${code.length} 位，请核对现场大屏上的签到码`
          : '签到码应为 6 位数字，请核对现场大屏上的签到码，或扫描大屏上的二维码';
    ctx.addIssue({ code: 'custom', message });
  });
export const eventCheckinInput = z
  .object({
    eventId,
    /** The 6-digit code typed by the member, or the QR payload scanned. */
    code: checkinCode,
    location: z
      .object({ lat, lng, accuracy: z.number().min(0).max(100000).optional() })
      .strict()
      .nullable()
      .optional(),
    /** Set by the app when it queued the scan offline: the time of the scan on the device. */
    scannedAt: isoDate.optional(),
  })
  .strict();
export const eventMyCheckinsInput = z.object({}).strict();
export const eventIdInput = z.object({ id: eventId }).strict();
export const eventVoidInput = z.object({ checkinId: z.number().int().positive().max(1e12), void: z.boolean().default(true) }).strict();

export interface EventCode {
  eventId: number;
  code: string;
  qr: string;
  window: number;
  /** When this code stops being the current one (a new one appears). */
  rotatesAt: string;
  serverNow: string;
}

export interface CheckinRow {
  id: number;
  name: string;
  phoneMasked: string | null;
  org: string | null;
  checkedInAt: string;
  scannedAt: string | null;
  offline: boolean;
  voided: boolean;
}

export interface EventLive {
  eventId: number;
  title: string;
  count: number;
  offlineCount: number;
  latest: CheckinRow[];
  offline: CheckinRow[];
  serverNow: string;
}

export interface EventStats {
  eventId: number;
  title: string;
  total: number;
  voided: number;
  offline: number;
  intentCount: number;
  /** Check-ins per time bucket (10-minute buckets across the check-in period). */
  overTime: { label: string; at: string; count: number }[];
  byOrg: { orgId: string | null; name: string; count: number }[];
  list: CheckinRow[];
}

export type EventActions = {
  'event.list': { payload: z.input<typeof eventListInput>; result: { items: EventSummary[]; serverNow: string } };
  'event.get': { payload: z.input<typeof eventGetInput>; result: EventDetail };
  'event.intend': { payload: z.input<typeof eventIntendInput>; result: { intending: boolean; intentCount: number } };
  'event.checkin': { payload: z.input<typeof eventCheckinInput>; result: CheckinResult };
  'event.myCheckins': { payload: z.input<typeof eventMyCheckinsInput>; result: { items: MyCheckin[] } };
  'event.admin.publish': { payload: z.input<typeof eventPublishInput>; result: EventDetail };
  'event.admin.update': { payload: z.input<typeof eventUpdateInput>; result: EventDetail };
  'event.admin.setPublished': { payload: z.input<typeof eventSetPublishedInput>; result: EventDetail };
  'event.admin.code': { payload: z.input<typeof eventIdInput>; result: EventCode };
  'event.admin.live': { payload: z.input<typeof eventIdInput>; result: EventLive };
  'event.admin.stats': { payload: z.input<typeof eventIdInput>; result: EventStats };
  'event.admin.export': { payload: z.input<typeof eventIdInput>; result: { fileName: string; base64: string } };
  'event.admin.voidCheckin': { payload: z.input<typeof eventVoidInput>; result: CheckinRow };
};
