import { chinaDayNumber, chinaParts } from '@contracts/china-time';
/** 5·29 会员活动日 on the China calendar, whatever the device's time zone. */
const DAY = 86400_000;

/** Days since the epoch of the China calendar date of an instant. */
export const beijingDayNumber = (ms: number): number => chinaDayNumber(ms);

/** The China calendar date of an instant, e.g. { y: 2027, m: 5, d: 29 }. */
export function beijingDate(ms: number): { y: number; m: number; d: number } {
  const { y, m, d } = chinaParts(ms);
  return { y, m, d };
}

/** The next 5·29 (today's, if today is 5·29) and the whole days until it (0 on the day). */
export function nextMemberDay(nowMs: number): { year: number; days: number } {
  const today = beijingDayNumber(nowMs);
  let year = beijingDate(nowMs).y;
  let day = Math.floor(Date.UTC(year, 4, 29) / DAY);
  if (day < today) day = Math.floor(Date.UTC(++year, 4, 29) / DAY);
  return { year, days: day - today };
}
