import crypto from 'node:crypto';
import { CHECKIN_WINDOW_MS, QR_PREFIX, checkinLinkParts } from '../../contracts/events-shared';

/**
 * Rotating check-in codes. A code is HMAC-SHA256(secret, "checkin:<eventId>:<window>") where the
 * window is the 30-second slot of the server clock. The QR carries event, window and 16 bytes of the
 * MAC (base64url); the 6-digit code is a truncation of the same MAC (as in HOTP, RFC 4226).
 */
export const windowOf = (t: Date | number): number => Math.floor((typeof t === 'number' ? t : t.getTime()) / CHECKIN_WINDOW_MS);
export const windowStart = (w: number): Date => new Date(w * CHECKIN_WINDOW_MS);

/**
 * The QR's text: a check-in link under CHECKIN_LINK_BASE (e.g. https://hyzj.example.cn/c) when configured, so that
 * WeChat's own 扫一扫 opens the mini-program with it; otherwise the in-app scanner's plain payload.
 */
export function qrPayload(eventId: number, w: number, signature: string, linkBase = process.env.CHECKIN_LINK_BASE): string {
  const base = linkBase?.trim().replace(/\/+$/, '');
  return base ? `${base}/${eventId}/${w}/${signature}` : `${QR_PREFIX}:${eventId}:${w}:${signature}`;
}

export function codeSigner(secret: Buffer) {
  const mac = (eventId: number, w: number) => crypto.createHmac('sha256', secret).update(`checkin:${eventId}:${w}`).digest();
  const digits = (m: Buffer) => {
    const off = m[m.length - 1] & 0x0f;
    const n = m.readUInt32BE(off) & 0x7fffffff;
    return String(n % 1_000_000).padStart(6, '0');
  };
  const sig = (m: Buffer) => m.subarray(0, 16).toString('base64url');
  return {
    issue(eventId: number, w: number) {
      const m = mac(eventId, w);
      return { code: digits(m), qr: qrPayload(eventId, w, sig(m)) };
    },
    digits: (eventId: number, w: number) => digits(mac(eventId, w)),
    /** Checks a QR payload's (or check-in link's) signature; returns its event and window, or null when forged or malformed. */
    verifyQr(payload: string): { eventId: number; window: number } | null {
      const m = /^HYZJ-CHECKIN:(\d{1,9}):(\d{1,12}):([A-Za-z0-9_-]{10,64})$/.exec(payload);
      const link = m ? null : checkinLinkParts(payload);
      if (!m && !link) return null;
      const eventId = m ? Number(m[1]) : link!.eventId;
      const w = m ? Number(m[2]) : link!.window;
      const expected = Buffer.from(sig(mac(eventId, w)));
      const given = Buffer.from(m ? m[3] : link!.signature);
      if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return null;
      return { eventId, window: w };
    },
  };
}
export type CodeSigner = ReturnType<typeof codeSigner>;

/** Great-circle distance in metres (haversine, mean Earth radius). */
export function distanceMeters(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const R = 6_371_008.8;
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
}
