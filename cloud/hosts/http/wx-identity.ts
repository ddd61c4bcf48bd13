import type { IncomingHttpHeaders } from 'node:http';
import type { Identity } from '../../core/context';

const header = (h: IncomingHttpHeaders, name: string): string | null => {
  const v = h[name];
  return typeof v === 'string' && v.trim() ? v.trim() : null;
};

/**
 * The caller as 微信云托管 names it, for a host that runs there (TRUST_WX_OPENID_HEADER=1). The platform's gateway
 * sets `x-wx-source` on every call it forwards from WeChat (callContainer), so a request without it came some other
 * way (the public domain) and its x-wx-* headers are anyone's words. Under 资源复用 (another account's mini-program
 * using this environment) the caller's openid in their own mini-program is `x-wx-from-openid`.
 */
export function wxIdentity(headers: IncomingHttpHeaders): Identity | null {
  if (!header(headers, 'x-wx-source')) return null;
  const openid = header(headers, 'x-wx-from-openid') ?? header(headers, 'x-wx-openid');
  return openid ? { kind: 'openid', openid } : null;
}
