import { codeSigner, windowOf } from '../../cloud/features/events/codes';
import {
  WRONG_CODE_LIMIT,
  acceptCode,
  checkLocation,
  checkinAward,
  eventInputOf,
  isWrongCode,
  overWrongCodeLimit,
  requireCheckinable,
  requireInCheckinPeriod,
  requireVoidable,
  verifyCode,
  voidAward,
  type EventFields,
} from '../../cloud/features/events/rules';

// The rules of 活动签到 without a database: plain functions of their inputs.

const signer = codeSigner(Buffer.alloc(32, 3));
const EVENT = 42;
const T = Date.parse('2027-05-29T02:00:10.000Z'); // 10 s into a 30-second window
const W = windowOf(T);

const refusal = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    return (e as { code: string }).code;
  }
  return 'ACCEPTED';
};
const message = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  return '';
};

describe('codes', () => {
  test('a typed code is good for its window and the next one; older ones of the last ten minutes are "expired", others "wrong"', () => {
    expect(verifyCode(signer, EVENT, signer.digits(EVENT, W), T)).toBe(W);
    expect(verifyCode(signer, EVENT, signer.digits(EVENT, W - 1), T)).toBe(W - 1);
    expect(refusal(() => verifyCode(signer, EVENT, signer.digits(EVENT, W - 2), T))).toBe('CHECKIN_CODE_EXPIRED');
    expect(refusal(() => verifyCode(signer, EVENT, signer.digits(EVENT, W - 20), T))).toBe('CHECKIN_CODE_EXPIRED');
    const wrong = ['000000', '999999', '123456'].find((c) => ![...Array(40).keys()].some((i) => signer.digits(EVENT, W - i) === c))!;
    expect(refusal(() => verifyCode(signer, EVENT, wrong, T))).toBe('CHECKIN_CODE_INVALID');
    // Another event's code at the same moment is just wrong here.
    expect(refusal(() => verifyCode(signer, EVENT + 1, signer.digits(EVENT, W), T))).not.toBe('ACCEPTED');
  });

  test('a QR: forged, another event, from the future, expired', () => {
    const { qr } = signer.issue(EVENT, W);
    expect(verifyCode(signer, EVENT, qr, T)).toBe(W);
    expect(refusal(() => verifyCode(signer, EVENT, qr.replace(/:[^:]+$/, ':AAAAAAAAAAAAAAAAAAAAAA'), T))).toBe('CHECKIN_CODE_FORGED');
    expect(refusal(() => verifyCode(signer, EVENT, codeSigner(Buffer.alloc(32, 4)).issue(EVENT, W).qr, T))).toBe('CHECKIN_CODE_FORGED');
    expect(refusal(() => verifyCode(signer, EVENT + 1, qr, T))).toBe('CHECKIN_CODE_OTHER_EVENT');
    expect(refusal(() => verifyCode(signer, EVENT, signer.issue(EVENT, W + 1).qr, T))).toBe('CHECKIN_CODE_INVALID');
    expect(refusal(() => verifyCode(signer, EVENT, qr, T + 60_000))).toBe('CHECKIN_CODE_EXPIRED');
  });

  test('refusals of the code itself are what the wrong-code limit counts', () => {
    const codeRefusal = (() => {
      try {
        verifyCode(signer, EVENT, '000001', T);
      } catch (e) {
        return e;
      }
    })();
    expect(isWrongCode(codeRefusal)).toBe(true);
    const lateRefusal = (() => {
      try {
        acceptCode(signer, EVENT, signer.digits(EVENT, W), new Date(T - 25 * 3600_000).toISOString(), T);
      } catch (e) {
        return e;
      }
    })();
    expect(isWrongCode(lateRefusal)).toBe(false);
    expect(isWrongCode(new Error('boom'))).toBe(false);
  });
});

describe('offline acceptance', () => {
  const scanned = T - 3 * 3600_000;
  const scannedIso = new Date(scanned).toISOString();
  const qrAtScan = signer.issue(EVENT, windowOf(scanned)).qr;

  test('without scannedAt: judged now, on-site', () => {
    expect(acceptCode(signer, EVENT, signer.digits(EVENT, W), undefined, T)).toEqual({ window: W, offline: false, at: T });
  });

  test('a code no longer valid now is judged as of the scan time and marked offline, at the scan time', () => {
    expect(acceptCode(signer, EVENT, qrAtScan, scannedIso, T)).toEqual({ window: windowOf(scanned), offline: true, at: scanned });
  });

  test('a code still valid now is on-site even when scannedAt came with it', () => {
    expect(acceptCode(signer, EVENT, signer.issue(EVENT, W).qr, new Date(T - 5000).toISOString(), T)).toEqual({ window: W, offline: false, at: T });
  });

  test('a scan older than 24 h, a scan in the future, a scan the code was not valid at', () => {
    expect(refusal(() => acceptCode(signer, EVENT, qrAtScan, new Date(T - 24 * 3600_000 - 1).toISOString(), T))).toBe('OFFLINE_TOO_LATE');
    expect(refusal(() => acceptCode(signer, EVENT, qrAtScan, new Date(T + 2 * 60_000 + 1).toISOString(), T))).toBe('INVALID_PAYLOAD');
    expect(refusal(() => acceptCode(signer, EVENT, signer.issue(EVENT, W).qr, new Date(T + 60_000).toISOString(), T))).toBe('ACCEPTED'); // small skew
    expect(refusal(() => acceptCode(signer, EVENT, qrAtScan, new Date(scanned + 300_000).toISOString(), T))).toBe('CHECKIN_CODE_EXPIRED');
  });
});

describe('the wrong-code limit', () => {
  test('ten wrong codes are allowed; the eleventh state is over the limit', () => {
    expect(WRONG_CODE_LIMIT).toBe(10);
    expect(overWrongCodeLimit(9)).toBe(false);
    expect(overWrongCodeLimit(10)).toBe(true);
  });
});

describe('period, place, publishing', () => {
  const ev = {
    id: EVENT,
    title: '测试活动',
    points: 7,
    published: true,
    kind: 'event' as const,
    checkinOpensAt: '2027-05-29T00:30:00.000Z',
    checkinClosesAt: '2027-05-29T05:00:00.000Z',
    lat: 40.8175,
    lng: 111.6708,
    radius: 200,
    locationRequired: true,
  };

  test('the check-in period is judged at the moment given, with Beijing times in the messages', () => {
    expect(refusal(() => requireInCheckinPeriod(ev, Date.parse(ev.checkinOpensAt)))).toBe('ACCEPTED');
    expect(refusal(() => requireInCheckinPeriod(ev, Date.parse(ev.checkinClosesAt)))).toBe('ACCEPTED');
    expect(message(() => requireInCheckinPeriod(ev, Date.parse(ev.checkinOpensAt) - 1))).toContain('2027年5月29日 08:30');
    expect(refusal(() => requireInCheckinPeriod(ev, Date.parse(ev.checkinClosesAt) + 1))).toBe('CHECKIN_CLOSED');
  });

  test('the geofence: inside, outside with the distance in the message, no location, not required', () => {
    expect(checkLocation(ev, { lat: 40.8176, lng: 111.6708 })).toBe(11);
    expect(message(() => checkLocation(ev, { lat: 40.83, lng: 111.6708 }))).toMatch(/1\.4 公里.*200 米/);
    expect(refusal(() => checkLocation(ev, null))).toBe('LOCATION_REQUIRED');
    expect(checkLocation({ ...ev, locationRequired: false }, undefined)).toBeNull();
    expect(checkLocation({ ...ev, locationRequired: false }, { lat: 40.83, lng: 111.6708 })).toBe(1390);
  });

  test('only published events take check-ins, not notices; only offline check-ins can be voided', () => {
    expect(refusal(() => requireCheckinable({ published: false, kind: 'event' }))).toBe('CONFLICT');
    expect(refusal(() => requireCheckinable({ published: true, kind: 'notice' }))).toBe('CONFLICT');
    expect(refusal(() => requireCheckinable({ published: true, kind: 'event' }))).toBe('ACCEPTED');
    expect(refusal(() => requireVoidable({ offline: false }))).toBe('CONFLICT');
    expect(refusal(() => requireVoidable({ offline: true }))).toBe('ACCEPTED');
  });

  test('points: paid once per member and event; a void takes them back and a restore pays again, each its own entry', () => {
    const at = new Date(T);
    expect(checkinAward(ev, 5, at)).toEqual({ memberId: 5, delta: 7, reason: '活动签到：测试活动', refKey: `event:checkin:${EVENT}:5`, at });
    expect(checkinAward({ ...ev, points: 0 }, 5, at)).toBeNull();
    expect(voidAward(ev, { id: 9, memberId: 5 }, true, at)).toMatchObject({ delta: -7, refKey: `event:void:9:${T}` });
    expect(voidAward(ev, { id: 9, memberId: 5 }, false, at)).toMatchObject({ delta: 7, refKey: `event:restore:9:${T}` });
    expect(voidAward(ev, { id: 9, memberId: null }, true, at)).toBeNull();
    expect(checkinAward({ ...ev, title: '长'.repeat(80) }, 5, at)!.reason).toHaveLength(60);
  });

  test('publishing: end after start, check-in period defaults to an hour before start until the end, a place for an event', () => {
    const fields: EventFields = {
      kind: 'event',
      type: '其他',
      title: '活动',
      body: '',
      startsAt: '2027-01-01T02:00:00Z',
      endsAt: '2027-01-01T04:00:00Z',
      venue: { name: '广场', address: '', lat: null, lng: null, radius: 500 },
      locationRequired: false,
      points: 0,
      audience: 'org',
    };
    expect(eventInputOf('150000', fields, true)).toMatchObject({
      checkinOpensAt: '2027-01-01T01:00:00.000Z',
      checkinClosesAt: '2027-01-01T04:00:00.000Z',
      venueName: '广场',
    });
    expect(message(() => eventInputOf('150000', { ...fields, endsAt: fields.startsAt }, true))).toBe('结束时间应晚于开始时间');
    expect(message(() => eventInputOf('150000', { ...fields, checkinClosesAt: '2027-01-01T00:00:00Z' }, true))).toBe('签到截止时间应晚于签到开始时间');
    expect(message(() => eventInputOf('150000', { ...fields, locationRequired: true }, true))).toContain('经纬度');
    expect(message(() => eventInputOf('150000', { ...fields, venue: { ...fields.venue, name: '' } }, true))).toBe('请填写活动地点');
    expect(eventInputOf('150000', { ...fields, kind: 'notice', venue: { ...fields.venue, name: '' } }, true).venueName).toBe('');
  });
});
