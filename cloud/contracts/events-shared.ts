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

/**
 * A check-in link, "<CHECKIN_LINK_BASE>/<eventId>/<window>/<signature>" (e.g. https://host/c/10/59530111/…): what the
 * rotating QR holds when the link base is configured, so that WeChat's own scanner opens the mini-program with it.
 * Returns its parts, or null when the text is not such a link (query and fragment are ignored).
 */
export function checkinLinkParts(text: string): { eventId: number; window: number; signature: string } | null {
  const m = /^https?:\/\/[^/?#\s]+(?:\/[^?#\s]*)?\/c\/(\d{1,9})\/(\d{1,12})\/([A-Za-z0-9_-]{10,64})\/?(?:[?#]\S*)?$/.exec(text.trim());
  return m ? { eventId: Number(m[1]), window: Number(m[2]), signature: m[3] } : null;
}

/** Parses the event id out of a scanned QR payload or check-in link (the server verifies the rest). */
export function eventIdOfQr(payload: string): number | null {
  const m = /^HYZJ-CHECKIN:(\d{1,9}):\d{1,12}:[A-Za-z0-9_-]{10,64}$/.exec(payload.trim());
  return m ? Number(m[1]) : (checkinLinkParts(payload)?.eventId ?? null);
}
