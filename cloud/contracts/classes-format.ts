import { chinaParts } from './china-time';
/**
 * 家长课堂: values the client needs at run time (labels, topics), kept free of zod so they can
 * be imported into the weapp bundle.
 */
export const CLASS_TOPICS = ['科学养育', '婴幼儿早期发展', '青春期沟通', '家庭健康', '优生优育'] as const;

export const REGISTRATION_STATUS_LABEL = {
  confirmed: '已确认',
  waitlisted: '候补中',
  cancelled: '已取消',
} as const;

export type RegistrationStatus = keyof typeof REGISTRATION_STATUS_LABEL;

export const FIELD_TYPE_LABEL = { text: '文字', name: '姓名', number: '数字', choice: '单选', phone: '手机号' } as const;
export type FieldType = keyof typeof FIELD_TYPE_LABEL;

/** A name or a phone number is always personal data, whatever the organiser ticked. */
export const ALWAYS_PERSONAL_TYPES: readonly FieldType[] = ['name', 'phone'];

/** Whether a form field holds personal data: by what the field is (its kind and the organiser's flag), never by its label. */
export function isPersonalField(f: { type: FieldType; personal?: boolean }): boolean {
  return ALWAYS_PERSONAL_TYPES.includes(f.type) || f.personal === true;
}

/** "0–6 岁" for a class's child age range; null when the class is open to every age. */
export function ageRangeText(ageMin: number | null, ageMax: number | null): string | null {
  if (ageMin === null && ageMax === null) return null;
  return `${ageMin ?? 0}–${ageMax ?? 18} 岁`;
}

/** The class's cancellation rule in words: "报名后不能取消" / "开课前可以取消" / "开课前 24 小时之前可以取消". */
export function cancelPolicyText(cancelHours: number | null): string {
  if (cancelHours === null) return '报名后不能取消';
  return cancelHours > 0 ? `开课前 ${cancelHours} 小时之前可以取消` : '开课前可以取消';
}

export type CancelVerdict =
  /** `note`: what the member is shown beside the registration. */
  | { allowed: true; note: string }
  /** `refusal`: the message class.cancel answers with. */
  | { allowed: false; note: string; refusal: string };

/**
 * The one cancellation rule (server and client): a waitlisted place may be given up until the class starts;
 * a confirmed seat until `cancelHours` before the start, or never when the class says so (null).
 */
export function cancelVerdict(c: { startsAt: string; cancelHours: number | null }, status: RegistrationStatus, now: Date): CancelVerdict {
  const t = now.getTime();
  const start = Date.parse(c.startsAt);
  if (status === 'cancelled') return { allowed: false, note: '', refusal: '这条报名已经取消过了' };
  if (start <= t) return { allowed: false, note: '课程已开始', refusal: '课程已开始，不能再取消报名' };
  if (status === 'waitlisted') return { allowed: true, note: '可随时退出候补' };
  if (c.cancelHours === null) return { allowed: false, note: `本课程${cancelPolicyText(null)}`, refusal: '这门课程报名后不能取消，如有特殊情况请联系举办协会' };
  if (t > start - c.cancelHours * 3600_000) {
    return {
      allowed: false,
      note: `开课前 ${c.cancelHours} 小时内不能取消`,
      refusal: `开课前 ${c.cancelHours} 小时内不能取消报名，如有特殊情况请联系举办协会`,
    };
  }
  return { allowed: true, note: cancelPolicyText(c.cancelHours) };
}

/** "剩余 3 个名额" / "候补 5 人" / "名额已满" — the one line a class card shows about seats. */
export function seatLine(c: { capacity: number; confirmedCount: number; waitlistCount: number; waitlistOpen: boolean }): string {
  const left = c.capacity - c.confirmedCount;
  if (left > 0) return `剩余 ${left} 个名额`;
  if (c.waitlistCount > 0) return `候补 ${c.waitlistCount} 人`;
  return c.waitlistOpen ? '名额已满，可候补' : '名额已满';
}

/** 2026-12-05T02:00:00Z -> "12月5日 周六 10:00" in China time (UTC+8, no DST). */
export function classTime(iso: string): string {
  const t = chinaParts(iso);
  return `${t.m}月${t.d}日 周${'日一二三四五六'[t.weekday]} ${t.hh}:${t.mm}`;
}

/** The notices a parent can allow as WeChat subscribe messages; each maps to one template of the mini-program account. */
export const SUBSCRIBE_KINDS = ['class_promoted', 'class_reminder'] as const;
export type SubscribeKind = (typeof SUBSCRIBE_KINDS)[number];

/**
 * Parses the template configuration (build-time env CLASS_SUBSCRIBE_TEMPLATE_IDS, see README):
 * "class_promoted:<templateId>,class_reminder:<templateId>". Unknown kinds, empty ids and blanks are skipped,
 * so an empty or unset value means "no templates: do not ask".
 */
export function parseSubscribeTemplates(config: string | undefined | null): { kind: SubscribeKind; templateId: string }[] {
  const out: { kind: SubscribeKind; templateId: string }[] = [];
  for (const part of (config ?? '').split(',')) {
    const i = part.indexOf(':');
    if (i < 0) continue;
    const kind = part.slice(0, i).trim() as SubscribeKind;
    const templateId = part.slice(i + 1).trim();
    if (SUBSCRIBE_KINDS.includes(kind) && /^[A-Za-z0-9_-]{1,64}$/.test(templateId) && !out.some((o) => o.kind === kind)) out.push({ kind, templateId });
  }
  return out;
}

/** The title a promoted parent reads, in the app and in the WeChat 候补递补 message. */
export const PROMOTION_TITLE = '候补成功，已为您保留名额';
