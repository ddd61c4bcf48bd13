import type { ClassDetail, ClassFields, FieldType, FormField } from '@contracts/classes';
import { ALWAYS_PERSONAL_TYPES, FIELD_TYPE_LABEL } from '@contracts/classes-format';

/**
 * The publish/edit form of a class, as the admin types it (strings), and its translation to the
 * class.admin.publish / class.admin.update payload with clear Chinese messages for everything the API would refuse.
 * Pure (no Taro), so it is unit-tested directly.
 */

/** ISO instant <-> "2026-12-05 10:00" in China time: the date and time pickers' value. */
export { toChinaTime as toLocal, fromChinaTime as fromLocal } from '../components/form/datetime';
import { toChinaTime as toLocal, fromChinaTime as fromLocal } from '../components/form/datetime';

export type PlaceMode = 'venue' | 'online' | 'both';

export interface FieldDraft extends Omit<FormField, 'options'> {
  options: string[];
}

export interface ClassDraft {
  title: string;
  topic: string;
  teacher: string;
  description: string;
  mode: PlaceMode;
  venueName: string;
  venueAddress: string;
  lat: string;
  lng: string;
  onlineUrl: string;
  startsAt: string;
  hours: string;
  regOpensAt: string;
  regClosesAt: string;
  capacity: string;
  ageMin: string;
  ageMax: string;
  cancelAllowed: boolean;
  cancelHours: string;
  waitlistOpen: boolean;
  fields: FieldDraft[];
}

export const FIELD_TYPES: { type: FieldType; label: string }[] = (Object.keys(FIELD_TYPE_LABEL) as FieldType[]).map((type) => ({
  type,
  label: FIELD_TYPE_LABEL[type],
}));

/** Whether the organiser may untick 个人信息 for a field of this kind (names and phones always are). */
export const personalIsFixed = (type: FieldType): boolean => ALWAYS_PERSONAL_TYPES.includes(type);

export const MAX_FIELDS = 10;

/** A form field id the API accepts (lowercase, unique in the form): q1, q2, … */
export function newFieldId(fields: { id: string }[]): string {
  for (let n = 1; ; n++) if (!fields.some((f) => f.id === `q${n}`)) return `q${n}`;
}

export function newField(fields: { id: string }[]): FieldDraft {
  return { id: newFieldId(fields), label: '', type: 'text', required: false, personal: false, options: [] };
}

/** Moves item i by delta (-1 up, +1 down); out of range is a no-op. */
export function move<T>(list: T[], i: number, delta: number): T[] {
  const j = i + delta;
  if (j < 0 || j >= list.length) return list;
  const out = [...list];
  [out[i], out[j]] = [out[j], out[i]];
  return out;
}

const str = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));

export function draftOf(c: ClassDetail | null | undefined, now: Date): ClassDraft {
  if (!c) {
    const start = new Date(now.getTime() + 7 * 86400_000);
    start.setUTCHours(2, 0, 0, 0); // 10:00 China time, a week ahead
    return {
      title: '',
      topic: '科学养育',
      teacher: '',
      description: '',
      mode: 'venue',
      venueName: '',
      venueAddress: '',
      lat: '',
      lng: '',
      onlineUrl: '',
      startsAt: toLocal(start.toISOString()),
      hours: '2',
      regOpensAt: toLocal(now.toISOString()),
      regClosesAt: toLocal(new Date(start.getTime() - 3600_000).toISOString()),
      capacity: '30',
      ageMin: '',
      ageMax: '',
      cancelAllowed: true,
      cancelHours: '24',
      waitlistOpen: true,
      fields: [
        { id: 'parent_name', label: '家长姓名', type: 'name', required: true, personal: true, options: [] },
        { id: 'phone', label: '联系电话', type: 'phone', required: true, personal: true, options: [] },
      ],
    };
  }
  return {
    title: c.title,
    topic: c.topic,
    teacher: c.teacher,
    description: c.description,
    mode: c.venue && c.onlineUrl ? 'both' : c.venue ? 'venue' : 'online',
    venueName: c.venue?.name ?? '',
    venueAddress: c.venue?.address ?? '',
    lat: str(c.venue?.lat),
    lng: str(c.venue?.lng),
    onlineUrl: c.onlineUrl ?? '',
    startsAt: toLocal(c.startsAt),
    hours: String(Math.round(((Date.parse(c.endsAt) - Date.parse(c.startsAt)) / 3600_000) * 100) / 100),
    regOpensAt: toLocal(c.regOpensAt),
    regClosesAt: toLocal(c.regClosesAt),
    capacity: String(c.capacity),
    ageMin: str(c.ageMin),
    ageMax: str(c.ageMax),
    cancelAllowed: c.cancelHours !== null,
    cancelHours: c.cancelHours === null ? '24' : String(c.cancelHours),
    waitlistOpen: c.waitlistOpen,
    fields: c.fields.map((f) => ({
      id: f.id,
      label: f.label,
      type: f.type,
      required: f.required,
      personal: f.personal === true || personalIsFixed(f.type),
      options: f.options ?? [],
    })),
  };
}

/** The class.admin.publish payload without its org (class.admin.update takes the same fields). */
export type ClassPayload = ClassFields;

const isInt = (s: string) => /^\d+$/.test(s.trim());
const isNum = (s: string) => /^-?\d+(\.\d+)?$/.test(s.trim());

/**
 * Every problem, in form order, each a sentence the admin can act on, and the same by the draft field it is
 * about (shown under that field; field editors as "field_label_<i>", "field_options_<i>"); or the payload.
 */
export function payloadOf(d: ClassDraft): { errors: string[]; fieldErrors: Record<string, string>; payload: ClassPayload | null } {
  const errors: string[] = [];
  const fieldErrors: Record<string, string> = {};
  let at = '';
  const e = (m: string) => {
    errors.push(m);
    if (!fieldErrors[at]) fieldErrors[at] = m;
  };
  const on = (field: string) => {
    at = field;
  };
  on('title');
  const title = d.title.trim();
  if (!title) e('请填写课程名称');
  else if (title.length > 40) e('课程名称最多 40 个字');
  on('teacher');
  const teacher = d.teacher.trim();
  if (!teacher) e('请填写授课老师');
  else if (teacher.length > 20) e('授课老师最多 20 个字');
  on('description');
  if (d.description.trim().length > 2000) e('简介最多 2000 字');

  let venue: ClassPayload['venue'] = null;
  if (d.mode !== 'online') {
    on('venueName');
    const name = d.venueName.trim();
    if (!name) e('请填写上课地点名称');
    else if (name.length > 40) e('上课地点名称最多 40 个字');
    on('venueAddress');
    if (d.venueAddress.trim().length > 100) e('详细地址最多 100 个字');
    let lat: number | null = null;
    let lng: number | null = null;
    on('lat');
    const hasLat = d.lat.trim() !== '';
    const hasLng = d.lng.trim() !== '';
    if (hasLat !== hasLng) e('纬度和经度要一起填写（或都不填）');
    if (hasLat) {
      if (!isNum(d.lat) || Math.abs(Number(d.lat)) > 90) e('纬度请填写 -90 到 90 之间的数字，如 40.8424');
      else lat = Number(d.lat);
    }
    if (hasLng) {
      if (!isNum(d.lng) || Math.abs(Number(d.lng)) > 180) e('经度请填写 -180 到 180 之间的数字，如 111.7490');
      else lng = Number(d.lng);
    }
    venue = { name, address: d.venueAddress.trim(), lat: hasLat && hasLng ? lat : null, lng: hasLat && hasLng ? lng : null };
  }
  let onlineUrl: string | null = null;
  if (d.mode !== 'venue') {
    on('onlineUrl');
    onlineUrl = d.onlineUrl.trim();
    if (!/^https?:\/\/\S+$/.test(onlineUrl)) e('线上链接请以 http:// 或 https:// 开头');
    else if (onlineUrl.length > 300) e('线上链接最多 300 个字符');
  }

  on('startsAt');
  const startsAt = fromLocal(d.startsAt);
  if (!startsAt) e('请选择开课日期和时间');
  on('hours');
  const hours = Number(d.hours);
  if (!isNum(d.hours) || hours < 0.5 || hours > 24) e('时长请填写 0.5 到 24 之间的小时数');
  on('regOpensAt');
  const regOpensAt = fromLocal(d.regOpensAt);
  if (!regOpensAt) e('请选择报名开始的日期和时间');
  on('regClosesAt');
  const regClosesAt = fromLocal(d.regClosesAt);
  if (!regClosesAt) e('请选择报名截止的日期和时间');
  if (regOpensAt && regClosesAt && Date.parse(regClosesAt) <= Date.parse(regOpensAt)) e('报名截止时间须晚于报名开始时间');
  if (startsAt && regClosesAt && Date.parse(regClosesAt) > Date.parse(startsAt)) e('报名截止时间不能晚于开课时间');

  on('capacity');
  if (!isInt(d.capacity) || Number(d.capacity) < 1 || Number(d.capacity) > 10_000) e('名额请填写 1 到 10000 之间的整数');
  const age = (s: string, label: string) => {
    if (s.trim() === '') return null;
    if (!isInt(s) || Number(s) > 18) {
      e(`${label}请填写 0 到 18 之间的整数`);
      return null;
    }
    return Number(s);
  };
  on('ageMin');
  const ageMin = age(d.ageMin, '孩子最小年龄');
  on('ageMax');
  const ageMax = age(d.ageMax, '孩子最大年龄');
  on('ageMin');
  if (ageMin !== null && ageMax !== null && ageMin > ageMax) e('孩子年龄范围不正确：最小年龄大于最大年龄');

  let cancelHours: number | null = null;
  on('cancelHours');
  if (d.cancelAllowed) {
    if (!isInt(d.cancelHours) || Number(d.cancelHours) > 720) e('可取消的时限请填写 0 到 720 之间的整数小时');
    else cancelHours = Number(d.cancelHours);
  }

  on('fields');
  if (d.fields.length > MAX_FIELDS) e(`报名表最多 ${MAX_FIELDS} 个字段`);
  const labels = new Set<string>();
  const fields: FormField[] = d.fields.map((f, i) => {
    const label = f.label.trim();
    const name = label ? `“${label}”` : `第 ${i + 1} 个报名字段`;
    on(`field_label_${i}`);
    if (!label) e(`请填写第 ${i + 1} 个报名字段的名称`);
    else if (label.length > 20) e(`${name}的名称最多 20 个字`);
    else if (labels.has(label)) e(`报名字段${name}重复了`);
    labels.add(label);
    const out: FormField = { id: f.id, label, type: f.type, required: f.required, personal: f.personal || personalIsFixed(f.type) };
    on(`field_options_${i}`);
    if (f.type === 'choice') {
      const options = f.options.map((o) => o.trim());
      if (options.some((o) => !o)) e(`${name}有空白的选项，请填写或删除`);
      else if (options.length < 2) e(`${name}是单选，至少要有 2 个选项`);
      else if (new Set(options).size !== options.length) e(`${name}的选项有重复`);
      else if (options.length > 10) e(`${name}最多 10 个选项`);
      else if (options.some((o) => o.length > 20)) e(`${name}的每个选项最多 20 个字`);
      out.options = options;
    }
    return out;
  });

  if (errors.length || !startsAt || !regOpensAt || !regClosesAt) return { errors, fieldErrors, payload: null };
  return {
    errors,
    fieldErrors,
    payload: {
      title,
      topic: d.topic,
      teacher,
      description: d.description.trim(),
      venue,
      onlineUrl,
      startsAt,
      endsAt: new Date(Date.parse(startsAt) + hours * 3600_000).toISOString(),
      regOpensAt,
      regClosesAt,
      capacity: Number(d.capacity),
      ageMin,
      ageMax,
      cancelHours,
      waitlistOpen: d.waitlistOpen,
      fields,
    },
  };
}
