/** Values of the events feature that the client needs at runtime; zod-free so it can ship in the weapp bundle. */
export const EVENT_TYPES = ['会员活动日', '世界人口日', '宣传活动', '其他'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** Check-in codes rotate every 30 s; a code is accepted while younger than 60 s (its window and the next). */
export const CHECKIN_WINDOW_MS = 30_000;
export const CHECKIN_CODE_MAX_AGE_MS = 60_000;
/** Offline check-ins must reach the server within this long after the scan. */
export const OFFLINE_MAX_DELAY_MS = 24 * 3600_000;
/** QR payloads start with this prefix: "HYZJ-CHECKIN:<eventId>:<window>:<signature>". */
export const QR_PREFIX = 'HYZJ-CHECKIN';

/** Parses the event id out of a scanned QR payload (the server verifies the rest). */
export function eventIdOfQr(payload: string): number | null {
  const m = /^HYZJ-CHECKIN:(\d{1,9}):\d{1,12}:[A-Za-z0-9_-]{10,64}$/.exec(payload.trim());
  return m ? Number(m[1]) : null;
}
