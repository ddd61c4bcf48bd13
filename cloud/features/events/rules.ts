import type { z } from 'zod';
import { AppError } from '../../core/errors';
import type { eventUpdateInput } from '../../contracts/events';
import { CHECKIN_CODE_MAX_AGE_MS, CHECKIN_WINDOW_MS, OFFLINE_MAX_DELAY_MS } from '../../contracts/events-shared';
import type { PointsAward } from '../points/repo';
import { distanceMeters, windowOf, type CodeSigner } from './codes';
import type { CheckinRecord, EventInput, EventRow } from './repo';
import { chinaDateTimeWords } from '../../contracts/china-time';

/**
 * The rules of 活动签到, as plain functions of their inputs: which code is accepted and as of when, the
 * check-in period, the geofence, the wrong-code limit and the points a check-in earns. Adapters only
 * store what these decide.
 */

/** "5月29日 09:00" in Beijing time, for messages. */
export const bjTime = (iso: string | Date): string => chinaDateTimeWords(iso);

const formatDistance = (m: number) => (m >= 1000 ? `${(m / 1000).toFixed(1)} 公里` : `${m} 米`);

// ---- Publishing -------------------------------------------------------------------------------

/** Fields of an event as an admin sends them (publish or update), before the rules fill the defaults. */
export type EventFields = Omit<z.output<typeof eventUpdateInput>, 'id'>;

/** Check-in opens this long before the start unless the organiser says otherwise. */
export const DEFAULT_CHECKIN_LEAD_MS = 3600_000;

/** The stored event: times normalised, check-in period defaulted and consistent, a place where one is needed. */
export function eventInputOf(orgId: string, p: EventFields, published: boolean): EventInput {
  const starts = Date.parse(p.startsAt);
  const ends = Date.parse(p.endsAt);
  if (ends <= starts) throw new AppError('INVALID_PAYLOAD', '结束时间应晚于开始时间');
  const opens = p.checkinOpensAt ? Date.parse(p.checkinOpensAt) : starts - DEFAULT_CHECKIN_LEAD_MS;
  const closes = p.checkinClosesAt ? Date.parse(p.checkinClosesAt) : ends;
  if (closes <= opens) throw new AppError('INVALID_PAYLOAD', '签到截止时间应晚于签到开始时间');
  if (p.locationRequired && (p.venue.lat === null || p.venue.lng === null)) throw new AppError('INVALID_PAYLOAD', '要求定位签到时，请填写活动地点的经纬度');
  // Members go to an event (and check in there): it needs a place. A notice has none.
  if (p.kind === 'event' && !p.venue.name) throw new AppError('INVALID_PAYLOAD', '请填写活动地点');
  return {
    orgId,
    kind: p.kind,
    type: p.type,
    title: p.title,
    cover: p.cover ?? null,
    body: p.body,
    startsAt: new Date(starts).toISOString(),
    endsAt: new Date(ends).toISOString(),
    venueName: p.venue.name,
    venueAddress: p.venue.address,
    lat: p.venue.lat,
    lng: p.venue.lng,
    radius: p.venue.radius,
    checkinOpensAt: new Date(opens).toISOString(),
    checkinClosesAt: new Date(closes).toISOString(),
    locationRequired: p.locationRequired,
    points: p.points,
    audience: p.audience,
    published,
  };
}

// ---- Which events take check-ins ---------------------------------------------------------------

/** A member may check in only to a published event (not a notice). The caller has already checked visibility. */
export function requireCheckinable(e: Pick<EventRow, 'published' | 'kind'>): void {
  if (!e.published) throw new AppError('CONFLICT', '活动尚未发布，暂不能签到');
  if (e.kind !== 'event') throw new AppError('CONFLICT', '这是一则通知，无需签到');
}

export const checkinVoided = () => new AppError('CHECKIN_VOIDED', '您的签到已被活动组织者作废，如有疑问请联系现场工作人员');

/** Only offline check-ins may be voided: an on-site one was proved by a fresh code at the server's clock. */
export function requireVoidable(c: Pick<CheckinRecord, 'offline'>): void {
  if (!c.offline) throw new AppError('CONFLICT', '只能作废离线签到；现场扫码的签到已由签到码和时间核验');
}

// ---- Codes and offline acceptance --------------------------------------------------------------

/** How many 30-second windows a code stays valid: its own and the next one. */
const MAX_AGE_WINDOWS = CHECKIN_CODE_MAX_AGE_MS / CHECKIN_WINDOW_MS;
/** A typed code of this event from the last ten minutes is answered "expired" rather than "wrong". */
const RECENT_WINDOWS = 20;
/** A scan time further than this in the server's future means the phone's clock is wrong. */
export const SCAN_CLOCK_SKEW_MS = 2 * 60_000;

const expiredTyped = () => new AppError('CHECKIN_CODE_EXPIRED', '签到码已过期（每 30 秒更新一次），请输入大屏上最新的签到码');
const expiredQr = () => new AppError('CHECKIN_CODE_EXPIRED', '签到码已过期（每 30 秒更新一次），请扫描大屏上最新的二维码');

/**
 * Verifies a typed 6-digit code or a scanned QR payload (the contract admits no other shape) for `eventId`
 * as of `ref` (ms). Returns the code's window.
 */
export function verifyCode(signer: CodeSigner, eventId: number, code: string, ref: number): number {
  const current = windowOf(ref);
  if (/^\d{6}$/.test(code)) {
    for (let i = 0; i < MAX_AGE_WINDOWS; i++) if (signer.digits(eventId, current - i) === code) return current - i;
    for (let i = MAX_AGE_WINDOWS; i <= RECENT_WINDOWS; i++) if (signer.digits(eventId, current - i) === code) throw expiredTyped();
    throw new AppError('CHECKIN_CODE_INVALID', '签到码不正确，请核对现场大屏上的 6 位数字');
  }
  const qr = signer.verifyQr(code);
  if (!qr) throw new AppError('CHECKIN_CODE_FORGED', '这个二维码不是本活动的签到码，请扫描现场大屏上的二维码');
  if (qr.eventId !== eventId) throw new AppError('CHECKIN_CODE_OTHER_EVENT', '这是另一场活动的签到码，请扫描本场活动大屏上的二维码');
  if (qr.window > current) throw new AppError('CHECKIN_CODE_INVALID', '签到码时间不正确，请检查手机时间后重新扫码');
  if (current - qr.window >= MAX_AGE_WINDOWS) throw expiredQr();
  return qr.window;
}

/** A refusal of the code itself (wrong, expired, forged, another event's): these count towards the wrong-code limit. */
export const isWrongCode = (err: unknown): boolean => err instanceof AppError && err.code.startsWith('CHECKIN_CODE');

export interface AcceptedCode {
  /** The code's 30-second window. */
  window: number;
  /** Judged as of the scan time because it is no longer valid now (shown as 离线签到, voidable). */
  offline: boolean;
  /** The moment the member was at the venue (ms): now, or the scan time of an offline check-in. */
  at: number;
}

/**
 * Offline acceptance. A code still valid at the server's now is an ordinary on-site check-in, even when the
 * app sent `scannedAt`. Otherwise a scan sent within 24 h is judged as of its scan time and marked offline.
 */
export function acceptCode(signer: CodeSigner, eventId: number, code: string, scannedAt: string | undefined, now: number): AcceptedCode {
  if (!scannedAt) return { window: verifyCode(signer, eventId, code, now), offline: false, at: now };
  const scanned = Date.parse(scannedAt);
  if (scanned > now + SCAN_CLOCK_SKEW_MS) throw new AppError('INVALID_PAYLOAD', '扫码时间晚于当前时间，请检查手机的日期和时间');
  if (now - scanned > OFFLINE_MAX_DELAY_MS) throw new AppError('OFFLINE_TOO_LATE', '离线扫码需在 24 小时内联网提交，这次扫码已超过 24 小时，无法签到');
  try {
    return { window: verifyCode(signer, eventId, code, now), offline: false, at: now };
  } catch {
    return { window: verifyCode(signer, eventId, code, scanned), offline: true, at: scanned };
  }
}

// ---- The wrong-code limit ----------------------------------------------------------------------

/**
 * At most 10 wrong codes per member and event in any 5 minutes (a sliding window), so the 6-digit space
 * cannot be walked. Counted in the database (several hosts share it); these values are the rule.
 */
export const WRONG_CODE_LIMIT = 10;
export const WRONG_CODE_WINDOW_MS = 5 * 60_000;
export const tooManyWrongCodes = () => new AppError('TOO_MANY_REQUESTS', '签到码输错次数太多，请 5 分钟后再试，或请现场工作人员帮助');
/** A right code counts only while the member is under the limit: the code must not be found by guessing. */
export const overWrongCodeLimit = (wrongInWindow: number): boolean => wrongInWindow >= WRONG_CODE_LIMIT;

// ---- Period and place --------------------------------------------------------------------------

/** The check-in period, judged at the moment the member was there (`at`, ms). */
export function requireInCheckinPeriod(e: Pick<EventRow, 'checkinOpensAt' | 'checkinClosesAt'>, at: number): void {
  if (at < Date.parse(e.checkinOpensAt)) throw new AppError('CHECKIN_NOT_OPEN', `签到还没开始，将于 ${bjTime(e.checkinOpensAt)} 开放`);
  if (at > Date.parse(e.checkinClosesAt)) throw new AppError('CHECKIN_CLOSED', `本活动签到已于 ${bjTime(e.checkinClosesAt)} 结束`);
}

/** The geofence. Returns the distance to the venue in whole metres (null without both points). */
export function checkLocation(
  e: Pick<EventRow, 'lat' | 'lng' | 'radius' | 'locationRequired'>,
  location: { lat: number; lng: number } | null | undefined,
): number | null {
  const distance = location && e.lat !== null && e.lng !== null ? Math.round(distanceMeters(location, { lat: e.lat, lng: e.lng })) : null;
  if (e.locationRequired) {
    if (!location)
      throw new AppError('LOCATION_REQUIRED', '本活动需要确认您在活动现场：请允许小程序使用您的位置（设置 › 位置信息）后再签到，或请现场工作人员帮助');
    if (distance !== null && distance > e.radius)
      throw new AppError('OUT_OF_RANGE', `您距离活动地点约 ${formatDistance(distance)}，超出签到范围（${e.radius} 米），请到达现场后再签到`);
  }
  return distance;
}

// ---- Points ------------------------------------------------------------------------------------

const reason = (text: string) => text.slice(0, 60);

/** What a first check-in pays (null for an event without points); the ledger pays one refKey once. */
export function checkinAward(e: Pick<EventRow, 'id' | 'title' | 'points'>, memberId: number, at: Date): PointsAward | null {
  if (e.points <= 0) return null;
  return { memberId, delta: e.points, reason: reason(`活动签到：${e.title}`), refKey: `event:checkin:${e.id}:${memberId}`, at };
}

/** Voiding takes the points back and restoring pays them again: each its own ledger entry, so the balance follows the organiser. */
export function voidAward(e: Pick<EventRow, 'title' | 'points'>, c: Pick<CheckinRecord, 'id' | 'memberId'>, voided: boolean, at: Date): PointsAward | null {
  if (c.memberId === null || e.points <= 0) return null;
  return {
    memberId: c.memberId,
    delta: voided ? -e.points : e.points,
    reason: reason(voided ? `离线签到被作废：${e.title}` : `离线签到恢复：${e.title}`),
    refKey: `event:${voided ? 'void' : 'restore'}:${c.id}:${at.getTime()}`,
    at,
  };
}
