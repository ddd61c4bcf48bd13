import crypto from 'node:crypto';
import type { MetaRepo } from '../../core/store';

const TOKEN_TTL_MS = 30 * 24 * 3600 * 1000;
const VERIFIED_CACHE_SIZE = 50_000;

/**
 * The signing secret, kept in the store: the first host to start offers a random one (insert if absent) and
 * every host of the same database reads back the same, so a token issued by one verifies on all of them.
 */
export async function sharedSessionSecret(meta: MetaRepo, now = new Date()): Promise<Buffer> {
  return Buffer.from(await meta.sharedSecret('session', crypto.randomBytes(32).toString('hex'), now), 'hex');
}

/** Tokens are "<memberId>.<expiresAtMs>.<hmac>": small, stateless, and useless once altered. */
export function sessionSigner(secret: Buffer, now: () => number = Date.now) {
  /** Tokens already proved genuine (bounded: cleared when full), with their expiry. */
  const verified = new Map<string, { memberId: number; exp: number }>();
  const mac = (body: string) => crypto.createHmac('sha256', secret).update(body).digest('base64url');
  return {
    issue(memberId: number): string {
      const body = `${memberId}.${now() + TOKEN_TTL_MS}`;
      return `${body}.${mac(body)}`;
    },
    /** The member id, or null for a forged, malformed or expired token. */
    verify(token: string): number | null {
      // A member sends the same token with every request: an HMAC per request is the dearest step of a cheap action.
      const known = verified.get(token);
      if (known) return known.exp > now() ? known.memberId : null;
      const genuine = check(token);
      if (!genuine) return null;
      if (verified.size >= VERIFIED_CACHE_SIZE) verified.clear();
      verified.set(token, genuine);
      return genuine.memberId;
    },
  };

  /** The member and expiry of a genuine, unexpired token; null otherwise. */
  function check(token: string): { memberId: number; exp: number } | null {
    const parts = token.split('.');
    if (parts.length !== 3) return null;
    const [id, exp, sig] = parts;
    const expected = Buffer.from(mac(`${id}.${exp}`));
    const given = Buffer.from(sig);
    if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return null;
    if (!/^\d+$/.test(id) || !(Number(exp) > now())) return null;
    return { memberId: Number(id), exp: Number(exp) };
  }
}
