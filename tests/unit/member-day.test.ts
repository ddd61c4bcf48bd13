import { beijingDate, nextMemberDay } from '../../src/utils/memberDay';

const at = (iso: string) => Date.parse(iso);

test('counts down to the next 5·29 on the Beijing calendar, rolling over after the day', () => {
  expect(nextMemberDay(at('2026-11-23T10:00:00+08:00'))).toEqual({ year: 2027, days: 187 });
  expect(nextMemberDay(at('2027-05-28T23:00:00+08:00'))).toEqual({ year: 2027, days: 1 });
  expect(nextMemberDay(at('2027-05-29T00:00:00+08:00'))).toEqual({ year: 2027, days: 0 });
  expect(nextMemberDay(at('2027-05-29T23:59:00+08:00'))).toEqual({ year: 2027, days: 0 });
  expect(nextMemberDay(at('2027-05-30T08:00:00+08:00'))).toEqual({ year: 2028, days: 365 });
});

test('a UTC evening that is already the next day in Beijing counts from Beijing’s date', () => {
  // 2027-05-28 17:00 UTC is 2027-05-29 01:00 in Beijing: the day itself.
  expect(nextMemberDay(at('2027-05-28T17:00:00Z'))).toEqual({ year: 2027, days: 0 });
  expect(beijingDate(at('2027-05-28T17:00:00Z'))).toEqual({ y: 2027, m: 5, d: 29 });
  expect(nextMemberDay(at('2027-05-28T15:00:00Z')).days).toBe(1);
});
