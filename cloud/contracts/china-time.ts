/**
 * China time, the association's clock whatever the phone's or the server's zone: the one place where an
 * instant becomes a calendar day or a wall-clock time and back. Shared by the server and both client builds.
 * China keeps UTC+8 all year (no daylight saving), so a fixed offset is exact: plain Date arithmetic, no
 * time-zone data (which WeChat's JavaScript engines do not all carry) and no date library in the first screen.
 */
export const CHINA_UTC_OFFSET_MINUTES = 8 * 60;
const OFFSET_MS = CHINA_UTC_OFFSET_MINUTES * 60_000;
const DAY_MS = 86_400_000;

type Instant = Date | number | string;

/** Text without a zone ("2027-05-29", "2027-05-29 09:00") is read on the process's own clock (Date alone reads a bare day as UTC). */
const ZONELESS_TEXT = /^(\d{4})[-/]?(\d{1,2})?[-/]?(\d{0,2})[Tt\s]*(\d{1,2})?:?(\d{1,2})?:?(\d{1,2})?[.:]?(\d+)?$/;

/** The instant in ms (NaN when it is none). */
function msOf(at: Instant): number {
  if (typeof at === 'number') return at;
  if (at instanceof Date) return at.getTime();
  const m = /Z$/i.test(at) ? null : ZONELESS_TEXT.exec(at);
  if (m) return new Date(+m[1], (+m[2] || 1) - 1, +m[3] || 1, +m[4] || 0, +m[5] || 0, +m[6] || 0, +(m[7] || '0').slice(0, 3)).getTime();
  return new Date(at).getTime();
}

/** The fields of an instant on China's clock (month 1-12, weekday 0 = Sunday). */
function fieldsOf(ms: number) {
  const t = new Date(ms + OFFSET_MS);
  return {
    y: t.getUTCFullYear(),
    m: t.getUTCMonth() + 1,
    d: t.getUTCDate(),
    h: t.getUTCHours(),
    mi: t.getUTCMinutes(),
    s: t.getUTCSeconds(),
    weekday: t.getUTCDay(),
  };
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** An instant on China's clock as text: YYYY, M, MM, D, DD, HH, mm, ss; anything else as written. */
export function chinaFormat(at: Instant, pattern: string): string {
  const ms = msOf(at);
  if (Number.isNaN(ms)) return 'Invalid Date';
  const f = fieldsOf(ms);
  const token: Record<string, string> = {
    YYYY: String(f.y).padStart(4, '0'),
    M: String(f.m),
    MM: pad2(f.m),
    D: String(f.d),
    DD: pad2(f.d),
    HH: pad2(f.h),
    mm: pad2(f.mi),
    ss: pad2(f.s),
  };
  return pattern.replace(/YYYY|MM|M|DD|D|HH|mm|ss/g, (t) => token[t]);
}

/** "2027-05-29": the China calendar day of an instant. */
export const chinaDay = (at: Instant): string => chinaFormat(at, 'YYYY-MM-DD');

/** "2027-05-29 09:00": the China wall-clock time of an instant. */
export const chinaDateTime = (at: Instant): string => chinaFormat(at, 'YYYY-MM-DD HH:mm');

/** Days since 1970-01-01 of the China calendar day of an instant (to count days between two instants). */
export const chinaDayNumber = (at: Instant): number => Math.floor((msOf(at) + OFFSET_MS) / DAY_MS);

/** The instant China's day of `at` began (00:00 UTC+8), in ms. */
export const chinaMidnight = (at: Instant): number => chinaDayNumber(at) * DAY_MS - OFFSET_MS;

/** The instant of a China calendar day at a wall-clock time, as an ISO string ("2027-05-29", "09:00"). */
export const chinaInstant = (day: string, time = '00:00:00'): string => new Date(`${day}T${time.length === 5 ? `${time}:00` : time}+08:00`).toISOString();

/** "2027-05-29 09:00" (China time) → the ISO instant, or null when it is no such time (2026-02-30, 25:00 …). */
export function fromChinaDateTime(text: string): string | null {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1).map(Number);
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59) return null;
  const at = Date.UTC(y, mo - 1, d, h, mi) - OFFSET_MS;
  const back = fieldsOf(at);
  // Date.UTC rolls 2026-02-30 over into March: such a day does not exist.
  if (back.y !== y || back.m !== mo || back.d !== d) return null;
  return new Date(at).toISOString();
}

/** The parts of an instant on China's clock: year, month (1-12), day, hour, minute, weekday (0 = Sunday). */
export function chinaParts(at: Instant): { y: number; m: number; d: number; hh: string; mm: string; weekday: number } {
  const f = fieldsOf(msOf(at));
  const text = (n: number) => (Number.isNaN(n) ? 'Invalid Date' : pad2(n));
  return { y: f.y, m: f.m, d: f.d, hh: text(f.h), mm: text(f.mi), weekday: f.weekday };
}

/** "2026年12月5日 10:00": an instant in words on China's clock (messages; WeChat's time format). */
export const chinaDateTimeWords = (at: Instant): string => chinaFormat(at, 'YYYY年M月D日 HH:mm');

/** "2026年12月5日": the China calendar day of an instant in words. */
export const chinaDateWords = (at: Instant): string => chinaFormat(at, 'YYYY年M月D日');

/** "09:00": the China wall-clock time of an instant (with seconds: "09:00:05"). */
export const chinaClock = (at: Instant, withSeconds = false): string => chinaFormat(at, withSeconds ? 'HH:mm:ss' : 'HH:mm');
