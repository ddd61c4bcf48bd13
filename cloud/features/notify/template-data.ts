import { chinaDateTimeWords } from '../../contracts/china-time';
/**
 * WeChat subscribe-message field rules. A template's keys are named "<type><n>" (thing1, time2, …) and WeChat
 * refuses a whole message (47003) when one value breaks its type's rule, so values are shaped here and a value
 * that cannot be shaped is caught before anything is sent.
 */

export class TemplateDataError extends Error {
  constructor(
    readonly key: string,
    reason: string,
  ) {
    super(`${key}: ${reason}`);
    this.name = 'TemplateDataError';
  }
}

const chars = (s: string) => Array.from(s);
/** Control and format characters and characters outside the BMP (emoji), which WeChat's checks refuse in text fields. */
const UNSENDABLE = /[\p{Cc}\p{Cf}\u{10000}-\u{10ffff}]/gu;
/** The emoji presentation selector, left over when an emoji is removed. */
const EMOJI_SELECTOR = /\ufe0f/g;
/** Characters a cut text should not end on: an opening bracket, a space, a dangling separator. */
const BAD_END = /[\s《（(【「“‘<[{、，,：:；;—-]+$/u;

/** Plain single-line text: whitespace runs become one space, unsendable characters go. */
export function plainText(value: string): string {
  return value.replace(/\s+/g, ' ').replace(UNSENDABLE, '').replace(EMOJI_SELECTOR, '').trim();
}

/** At most `max` characters, cut at a character (never inside a surrogate pair), marked with "…". */
export function cutText(value: string, max: number): string {
  const c = chars(value);
  if (c.length <= max) return value;
  let head = c
    .slice(0, max - 1)
    .join('')
    .replace(BAD_END, '');
  // A title in 《》 cut inside the marks: drop the opening mark so no half pair is left.
  if ((head.match(/《/g) ?? []).length > (head.match(/》/g) ?? []).length) head = head.replace(/《(?!.*《)/u, '');
  return `${head}…`;
}

/** "2026年12月5日 10:00" in China time (UTC+8, no DST): WeChat's time/date format. */
export function wechatTime(iso: string | Date): string {
  const t = typeof iso === 'string' ? Date.parse(iso) : iso.getTime();
  if (!Number.isFinite(t)) throw new TemplateDataError('time', '时间无效');
  return chinaDateTimeWords(t);
}

const TIME_RE = /^(\d{4}年\d{1,2}月\d{1,2}日( \d{1,2}:\d{2})?|\d{1,2}:\d{2})$/;

interface FieldRule {
  /** Shapes the value so that it passes, or throws. */
  shape(value: string, key: string): string;
}

const limited = (max: number, allowed: RegExp, what: string): FieldRule => ({
  shape(value, key) {
    const v = plainText(value);
    if (!v) throw new TemplateDataError(key, '内容为空');
    if (chars(v).length > max) throw new TemplateDataError(key, `超过 ${max} 个字符`);
    if (!allowed.test(v)) throw new TemplateDataError(key, `只能是${what}`);
    return v;
  },
});

/** The rule of each field type, as WeChat documents it for subscribeMessage.send. */
export const FIELD_RULES: Record<string, FieldRule> = {
  thing: {
    shape(value, key) {
      const v = plainText(value);
      if (!v) throw new TemplateDataError(key, '内容为空');
      return cutText(v, 20);
    },
  },
  time: {
    shape(value, key) {
      const v = plainText(value);
      const parts = v.split('~');
      if (parts.length > 2 || !parts.every((p) => TIME_RE.test(p))) throw new TemplateDataError(key, '不是微信的时间格式（如 2026年5月29日 09:00）');
      return v;
    },
  },
  date: {
    shape(value, key) {
      const v = plainText(value);
      if (!/^\d{4}年\d{1,2}月\d{1,2}日( \d{1,2}:\d{2})?$/.test(v)) throw new TemplateDataError(key, '不是微信的日期格式（如 2026年5月29日）');
      return v;
    },
  },
  number: limited(32, /^\d+(\.\d+)?$/, '数字'),
  letter: limited(32, /^[A-Za-z]+$/, '字母'),
  symbol: limited(5, /^[^\p{L}\p{N}\s]+$/u, '符号'),
  character_string: limited(32, /^[\x21-\x7e]+$/, '数字、字母或符号'),
  phone_number: limited(17, /^[\d+\-() ]+$/, '数字或符号'),
  car_number: limited(8, /^[\p{Script=Han}A-Za-z0-9][A-Za-z0-9]*[\p{Script=Han}A-Za-z0-9]?$/u, '车牌号'),
  phrase: limited(5, /^\p{Script=Han}+$/u, '汉字'),
  name: {
    shape(value, key) {
      const v = plainText(value);
      if (/^\p{Script=Han}{1,10}$/u.test(v) || /^[A-Za-z .·'-]{1,20}$/.test(v)) return v;
      throw new TemplateDataError(key, '姓名只能是 10 个以内汉字或 20 个以内字母');
    },
  },
  amount: limited(16, /^[¥$€£]?\d{1,10}(\.\d{1,2})?元?$/u, '金额'),
};

/** The type of a template key: "thing12" → "thing", "character_string3" → "character_string". */
export function fieldType(key: string): string {
  const m = /^([a-z_]+?)\d+$/.exec(key);
  if (!m || !FIELD_RULES[m[1]]) throw new TemplateDataError(key, '不认识的模板字段类型');
  return m[1];
}

/** Shapes every value to its key's rule; throws TemplateDataError for the first that cannot be sent. */
export function shapeTemplateData(values: Record<string, string>): Record<string, { value: string }> {
  const data: Record<string, { value: string }> = {};
  for (const [key, value] of Object.entries(values)) data[key] = { value: FIELD_RULES[fieldType(key)].shape(value, key) };
  return data;
}
