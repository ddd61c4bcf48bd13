/** 5·29 会员活动日 on the Beijing calendar, whatever the device's time zone. Plain arithmetic: no date library in the main package. */
const DAY = 86400_000;
const BJ = 8 * 3600_000;

/** Days since the epoch of the Beijing calendar date of an instant. */
export const beijingDayNumber = (ms: number): number => Math.floor((ms + BJ) / DAY);

/** The Beijing calendar date of an instant, e.g. { y: 2027, m: 5, d: 29 }. */
export function beijingDate(ms: number): { y: number; m: number; d: number } {
  const t = new Date(ms + BJ);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

/** The next 5·29 (today's, if today is 5·29) and the whole days until it (0 on the day). */
export function nextMemberDay(nowMs: number): { year: number; days: number } {
  const today = beijingDayNumber(nowMs);
  let year = beijingDate(nowMs).y;
  let day = Math.floor(Date.UTC(year, 4, 29) / DAY);
  if (day < today) day = Math.floor(Date.UTC(++year, 4, 29) / DAY);
  return { year, days: day - today };
}
