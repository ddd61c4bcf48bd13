import { chinaDateTime, chinaDay, chinaDayNumber, chinaInstant, chinaMidnight, chinaParts, fromChinaDateTime } from '../../cloud/contracts/china-time';

test('an instant reads on China’s clock whatever the process zone', () => {
  // 2026-12-05 16:30 UTC is 2026-12-06 00:30 in China: the next calendar day.
  expect(chinaDay('2026-12-05T16:30:00Z')).toBe('2026-12-06');
  expect(chinaDay(new Date('2026-12-05T15:59:59Z'))).toBe('2026-12-05');
  expect(chinaDateTime('2026-12-05T02:00:00.000Z')).toBe('2026-12-05 10:00');
  expect(chinaParts('2027-05-29T01:05:00Z')).toEqual({ y: 2027, m: 5, d: 29, hh: '09', mm: '05', weekday: 6 });
});

test('China wall-clock text goes back to the same instant, and impossible times are refused', () => {
  expect(fromChinaDateTime('2026-12-05 10:00')).toBe('2026-12-05T02:00:00.000Z');
  expect(fromChinaDateTime('2027-5-29 9:00')).toBe('2027-05-29T01:00:00.000Z');
  expect(fromChinaDateTime('2026-02-30 10:00')).toBeNull();
  expect(fromChinaDateTime('2026-12-05 25:00')).toBeNull();
  expect(fromChinaDateTime('明天')).toBeNull();
  for (const iso of ['2026-01-01T00:00:00.000Z', '2026-06-30T15:59:00.000Z', '2027-05-28T16:00:00.000Z'])
    expect(fromChinaDateTime(chinaDateTime(iso))).toBe(iso);
  expect(chinaInstant('2027-05-29', '09:00')).toBe('2027-05-29T01:00:00.000Z');
  expect(chinaInstant('2027-05-29')).toBe('2027-05-28T16:00:00.000Z');
});

test('days are counted on the China calendar, and a day begins at 00:00 UTC+8', () => {
  expect(chinaDayNumber('2026-12-05T16:00:00Z') - chinaDayNumber('2026-12-05T15:59:59Z')).toBe(1);
  expect(new Date(chinaMidnight('2026-12-05T20:00:00Z')).toISOString()).toBe('2026-12-05T16:00:00.000Z');
});
