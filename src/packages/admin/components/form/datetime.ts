/**
 * The organiser forms keep times as China-time text, "2027-05-29 09:00" (a date alone for date pickers),
 * which is what Taro's date and time Pickers give and take. Pure, so it is unit-tested.
 */
const pad = (n: number) => String(n).padStart(2, '0');
const BJ = 8 * 3600_000;

/** ISO instant -> "2027-05-29 09:00" (China time, UTC+8, no DST). */
export function toChinaTime(iso: string): string {
  const d = new Date(Date.parse(iso) + BJ);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** "2027-05-29 09:00" (China time) -> ISO instant; null when it is not a real time. */
export function fromChinaTime(text: string): string | null {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const [y, mo, d, h, mi] = [+m[1], +m[2], +m[3], +m[4], +m[5]];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59) return null;
  const t = new Date(Date.UTC(y, mo - 1, d, h, mi) - BJ);
  if (new Date(t.getTime() + BJ).getUTCDate() !== d) return null; // 2月30日
  return t.toISOString();
}

export function splitDateTime(value: string): { date: string; time: string } {
  const [date = '', time = ''] = value.trim().split(/\s+/);
  return { date, time };
}

export function joinDateTime(date: string, time: string): string {
  return time ? `${date} ${time}` : date;
}

const WEEKDAYS = '日一二三四五六';
/** "2027-05-29" -> "2027年5月29日 周六", as the picker's face shows it. */
export function dateFace(date: string): string {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(date);
  if (!m) return '';
  const day = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])).getUTCDay();
  return `${+m[1]}年${+m[2]}月${+m[3]}日 周${WEEKDAYS[day]}`;
}
