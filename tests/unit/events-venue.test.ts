import { checkVenue, fixed6, gcj02ToWgs84, wgs84ToGcj02 } from '../../src/packages/admin/events/venue';
import { distanceMeters } from '../../cloud/features/events/codes';

const base = { lat: '40.8175', lng: '111.6708', radius: '300', locationRequired: true };

test('typed coordinates and radius are checked in range with Chinese messages', () => {
  expect(checkVenue(base)).toEqual({ ok: true, lat: 40.8175, lng: 111.6708, radius: 300 });
  expect(checkVenue({ ...base, lat: '95' })).toMatchObject({ ok: false, field: 'lat', message: expect.stringContaining('纬度应在 -90 到 90 之间') });
  expect(checkVenue({ ...base, lng: '-181' })).toMatchObject({ ok: false, field: 'lng', message: expect.stringContaining('经度应在 -180 到 180 之间') });
  expect(checkVenue({ ...base, lat: '北纬40' })).toMatchObject({ ok: false, field: 'lat', message: expect.stringContaining('纬度请填写数字') });
  expect(checkVenue({ ...base, lng: '' })).toMatchObject({ ok: false, field: 'lng', message: expect.stringContaining('要一起填写') });
  expect(checkVenue({ ...base, lat: '', lng: '' })).toMatchObject({ ok: false, message: expect.stringContaining('要求现场定位签到时') });
  expect(checkVenue({ ...base, lat: '', lng: '', locationRequired: false })).toEqual({ ok: true, lat: null, lng: null, radius: 300 });
  expect(checkVenue({ ...base, radius: '10' })).toMatchObject({ ok: false, field: 'radius', message: expect.stringContaining('20 到 50000') });
  expect(checkVenue({ ...base, radius: '300.5' })).toMatchObject({ ok: false, field: 'radius' });
  expect(checkVenue({ ...base, radius: '' })).toMatchObject({ ok: true, radius: 500 });
});

test("WeChat's map point (GCJ-02) is turned back into WGS84 within a metre", () => {
  const wgs = { lat: 40.8175, lng: 111.6708 }; // 新华广场
  const gcj = wgs84ToGcj02(wgs.lat, wgs.lng);
  expect(distanceMeters(wgs, gcj)).toBeGreaterThan(100); // the offset that would break a 200 m geofence
  expect(distanceMeters(wgs, gcj02ToWgs84(gcj.lat, gcj.lng))).toBeLessThan(1);
  expect(gcj02ToWgs84(48.85, 2.35)).toEqual({ lat: 48.85, lng: 2.35 }); // outside China: no offset
  expect(fixed6(40.81751234567)).toBe('40.817512');
});
