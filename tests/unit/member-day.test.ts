import dayjs from 'dayjs';
import { daysUntilMemberDay } from '../../src/utils/memberDay';

test('counts down to the next 5·29, rolling over after the day', () => {
  expect(daysUntilMemberDay(dayjs('2026-11-23T10:00:00')).date.format('YYYY-MM-DD')).toBe('2027-05-29');
  expect(daysUntilMemberDay(dayjs('2027-05-28T23:00:00')).days).toBe(1);
  expect(daysUntilMemberDay(dayjs('2027-05-29T08:00:00')).days).toBe(0);
  expect(daysUntilMemberDay(dayjs('2027-05-30T08:00:00')).date.format('YYYY-MM-DD')).toBe('2028-05-29');
});
