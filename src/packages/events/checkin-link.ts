import { checkinLinkParts } from '@contracts/events-shared';

/**
 * The check-in link a page was opened with: WeChat's "扫普通链接二维码打开小程序" passes the scanned link URI-encoded
 * in `q` (and the scan time in seconds in `scancode_time`); the H5 page gets the same `q` from GET /c/…. Returns the
 * link, its event and the scan time, or null when the page was opened some other way.
 */
export function checkinLinkOf(params: Record<string, string | undefined>): { link: string; eventId: number; scannedAt: string } | null {
  const raw = params.q;
  if (!raw) return null;
  let link = raw;
  // Decoded at most twice: some routers decode the option once already, WeChat hands it encoded.
  for (let i = 0; i < 2 && !/^https?:\/\//.test(link); i++) {
    try {
      link = decodeURIComponent(link);
    } catch {
      return null;
    }
  }
  const parts = checkinLinkParts(link);
  if (!parts) return null;
  const seconds = Number(params.scancode_time);
  const scannedAt = new Date(Number.isFinite(seconds) && seconds > 1e9 ? seconds * 1000 : Date.now()).toISOString();
  return { link, eventId: parts.eventId, scannedAt };
}
