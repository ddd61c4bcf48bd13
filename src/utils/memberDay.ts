import dayjs from 'dayjs';

/** Days until the next 5·29 会员活动日 (0 on the day itself). */
export function daysUntilMemberDay(today = dayjs()): { date: dayjs.Dayjs; days: number } {
  const start = today.startOf('day');
  let date = start.month(4).date(29);
  if (date.isBefore(start)) date = date.add(1, 'year');
  return { date, days: date.diff(start, 'day') };
}
