import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);

/**
 * China time, the association's clock whatever the phone's or the server's zone: the one place where an
 * instant becomes a calendar day or a wall-clock time and back. Shared by the server and both client builds.
 * China keeps UTC+8 all year (no daylight saving), so a fixed offset is exact; dayjs's timezone plugin would
 * need the ICU time-zone data that WeChat's JavaScript engines do not all carry.
 */
export const CHINA_UTC_OFFSET_MINUTES = 8 * 60;
const DAY_MS = 86_400_000;

type Instant = Date | number | string;

/** An instant on China's clock (a dayjs in UTC+8). */
export const inChina = (at: Instant) => dayjs(at).utcOffset(CHINA_UTC_OFFSET_MINUTES);

/** "2027-05-29": the China calendar day of an instant. */
export const chinaDay = (at: Instant): string => inChina(at).format('YYYY-MM-DD');

/** "2027-05-29 09:00": the China wall-clock time of an instant. */
export const chinaDateTime = (at: Instant): string => inChina(at).format('YYYY-MM-DD HH:mm');

/** Days since 1970-01-01 of the China calendar day of an instant (to count days between two instants). */
export const chinaDayNumber = (at: Instant): number => Math.floor((dayjs(at).valueOf() + CHINA_UTC_OFFSET_MINUTES * 60_000) / DAY_MS);

/** The instant China's day of `at` began (00:00 UTC+8), in ms. */
export const chinaMidnight = (at: Instant): number => chinaDayNumber(at) * DAY_MS - CHINA_UTC_OFFSET_MINUTES * 60_000;

/** The instant of a China calendar day at a wall-clock time, as an ISO string ("2027-05-29", "09:00"). */
export const chinaInstant = (day: string, time = '00:00:00'): string => new Date(`${day}T${time.length === 5 ? `${time}:00` : time}+08:00`).toISOString();

/** "2027-05-29 09:00" (China time) → the ISO instant, or null when it is no such time (2026-02-30, 25:00 …). */
export function fromChinaDateTime(text: string): string | null {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1).map(Number);
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59) return null;
  const at = dayjs.utc(Date.UTC(y, mo - 1, d, h, mi) - CHINA_UTC_OFFSET_MINUTES * 60_000);
  const back = inChina(at.valueOf());
  // Date.UTC rolls 2026-02-30 over into March: such a day does not exist.
  if (back.year() !== y || back.month() !== mo - 1 || back.date() !== d) return null;
  return at.toISOString();
}

/** The parts of an instant on China's clock: year, month (1-12), day, hour, minute, weekday (0 = Sunday). */
export function chinaParts(at: Instant): { y: number; m: number; d: number; hh: string; mm: string; weekday: number } {
  const t = inChina(at);
  return { y: t.year(), m: t.month() + 1, d: t.date(), hh: t.format('HH'), mm: t.format('mm'), weekday: t.day() };
}

/** "2026年12月5日 10:00": an instant in words on China's clock (messages; WeChat's time format). */
export const chinaDateTimeWords = (at: Instant): string => inChina(at).format('YYYY年M月D日 HH:mm');

/** "2026年12月5日": the China calendar day of an instant in words. */
export const chinaDateWords = (at: Instant): string => inChina(at).format('YYYY年M月D日');

/** "09:00": the China wall-clock time of an instant (with seconds: "09:00:05"). */
export const chinaClock = (at: Instant, withSeconds = false): string => inChina(at).format(withSeconds ? 'HH:mm:ss' : 'HH:mm');
