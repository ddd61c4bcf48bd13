/**
 * Every API answer (JSON actions and uploads) is never rendered, framed, sniffed or cached: a fixed set,
 * cheap on the hot path (helmet's full set is for the H5 pages).
 */
export const API_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'cross-origin-resource-policy': 'same-origin',
};
