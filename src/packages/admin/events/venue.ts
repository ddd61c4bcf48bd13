/**
 * The venue's position on the event form: typed values checked in range (Chinese messages), and the
 * coordinate fix for WeChat's map picker. Pure functions, unit-tested in tests/unit/events-venue.test.ts.
 */
export interface VenueFields {
  lat: string;
  lng: string;
  radius: string;
  locationRequired: boolean;
}
export type VenueCheck = { ok: true; lat: number | null; lng: number | null; radius: number } | { ok: false; field: 'lat' | 'lng' | 'radius'; message: string };

const NUMBER = /^-?\d{1,3}(\.\d{1,8})?$/;

export function checkVenue(v: VenueFields): VenueCheck {
  const latText = v.lat.trim();
  const lngText = v.lng.trim();
  const radiusText = v.radius.trim();
  if (latText && !NUMBER.test(latText)) return { ok: false, field: 'lat', message: '纬度请填写数字，如 40.8175（北纬为正）' };
  if (lngText && !NUMBER.test(lngText)) return { ok: false, field: 'lng', message: '经度请填写数字，如 111.6708（东经为正）' };
  const lat = latText ? Number(latText) : null;
  const lng = lngText ? Number(lngText) : null;
  if (lat !== null && (lat < -90 || lat > 90)) return { ok: false, field: 'lat', message: '纬度应在 -90 到 90 之间，内蒙古一带约为 37 到 53' };
  if (lng !== null && (lng < -180 || lng > 180)) return { ok: false, field: 'lng', message: '经度应在 -180 到 180 之间，内蒙古一带约为 97 到 126' };
  if ((lat === null) !== (lng === null)) return { ok: false, field: lat === null ? 'lat' : 'lng', message: '纬度和经度要一起填写（或点“使用当前位置”）' };
  if (v.locationRequired && lat === null)
    return { ok: false, field: 'lat', message: '要求现场定位签到时，请填写活动地点的纬度和经度（可到现场点“使用当前位置”）' };
  const radius = radiusText === '' ? 500 : Number(radiusText);
  if (!/^\d+$/.test(radiusText || '500') || radius < 20 || radius > 50000)
    return { ok: false, field: 'radius', message: '签到范围请填写 20 到 50000 之间的整数（米），广场活动一般 200 到 500 米' };
  return { ok: true, lat, lng, radius };
}

/** Six decimals: about 0.1 m, plenty for a venue. */
export const fixed6 = (n: number) => String(Math.round(n * 1e6) / 1e6);

// WeChat's map picker (chooseLocation) answers in GCJ-02, the offset system of Chinese maps; members'
// phones report WGS84 (getLocation type 'wgs84'), which the geofence uses. The offset is several
// hundred metres, so the picked point is converted back (iterating the standard forward transform).
const A = 6378245.0;
const EE = 0.006693421622965943;
function outOfChina(lat: number, lng: number) {
  return lng < 72.004 || lng > 137.8347 || lat < 0.8293 || lat > 55.8271;
}
function tLat(x: number, y: number) {
  let r = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  r += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3;
  r += ((20 * Math.sin(y * Math.PI) + 40 * Math.sin((y / 3) * Math.PI)) * 2) / 3;
  r += ((160 * Math.sin((y / 12) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30)) * 2) / 3;
  return r;
}
function tLng(x: number, y: number) {
  let r = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  r += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3;
  r += ((20 * Math.sin(x * Math.PI) + 40 * Math.sin((x / 3) * Math.PI)) * 2) / 3;
  r += ((150 * Math.sin((x / 12) * Math.PI) + 300 * Math.sin((x / 30) * Math.PI)) * 2) / 3;
  return r;
}
export function wgs84ToGcj02(lat: number, lng: number): { lat: number; lng: number } {
  if (outOfChina(lat, lng)) return { lat, lng };
  const radLat = (lat / 180) * Math.PI;
  let magic = Math.sin(radLat);
  magic = 1 - EE * magic * magic;
  const sqrtMagic = Math.sqrt(magic);
  const dLat = (tLat(lng - 105, lat - 35) * 180) / (((A * (1 - EE)) / (magic * sqrtMagic)) * Math.PI);
  const dLng = (tLng(lng - 105, lat - 35) * 180) / ((A / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return { lat: lat + dLat, lng: lng + dLng };
}
export function gcj02ToWgs84(lat: number, lng: number): { lat: number; lng: number } {
  let w = { lat, lng };
  for (let i = 0; i < 5; i++) {
    const g = wgs84ToGcj02(w.lat, w.lng);
    w = { lat: w.lat - (g.lat - lat), lng: w.lng - (g.lng - lng) };
  }
  return w;
}
