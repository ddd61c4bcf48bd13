import { chinaDateTime, fromChinaDateTime } from '@contracts/china-time';
/**
 * The organiser forms keep times as China-time text, "2027-05-29 09:00" (a date alone for date pickers),
 * which is what Taro's date and time Pickers give and take. Pure, so it is unit-tested.
 */
/** ISO instant -> "2027-05-29 09:00" (China time). */
export const toChinaTime = (iso: string): string => chinaDateTime(iso);

/** "2027-05-29 09:00" (China time) -> ISO instant; null when it is not a real time. */
export const fromChinaTime = (text: string): string | null => fromChinaDateTime(text);

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
