import { sessionSigner } from '../../cloud/hosts/http/session';

const secret = Buffer.alloc(32, 1);

test('a token issued for a member verifies to that member', () => {
  const s = sessionSigner(secret);
  expect(s.verify(s.issue(42))).toBe(42);
});

test('an altered, foreign or malformed token is refused', () => {
  const s = sessionSigner(secret);
  const token = s.issue(42);
  const [, exp, sig] = token.split('.');
  expect(s.verify(`43.${exp}.${sig}`)).toBeNull();
  expect(s.verify(sessionSigner(Buffer.alloc(32, 2)).issue(42))).toBeNull();
  for (const bad of ['', 'abc', '1.2', '1.2.3.4', `${token}x`, '42..']) expect(s.verify(bad)).toBeNull();
});

test('a token expires after 30 days', () => {
  let now = Date.UTC(2026, 0, 1);
  const s = sessionSigner(secret, () => now);
  const token = s.issue(7);
  now += 29 * 24 * 3600 * 1000;
  expect(s.verify(token)).toBe(7);
  now += 2 * 24 * 3600 * 1000;
  expect(s.verify(token)).toBeNull();
});
