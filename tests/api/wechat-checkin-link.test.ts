/**
 * Check-in links: with CHECKIN_LINK_BASE set, the rotating QR holds https://<host>/c/<event>/<window>/<signature>,
 * which checks a member in exactly as the plain payload did (bound to event and window; an old one is refused);
 * opened in a browser, /c/… lands on the H5 check-in page with the link in `q`.
 */
import { startHttpHost, type TestHost } from '../support/http';
import { checkinLinkParts, eventIdOfQr } from '../../cloud/contracts/events-shared';

let host: TestHost;
const saved = process.env.CHECKIN_LINK_BASE;
beforeAll(async () => {
  host = await startHttpHost();
  process.env.CHECKIN_LINK_BASE = 'https://hyzj.example.cn/c/';
});
afterAll(async () => {
  process.env.CHECKIN_LINK_BASE = saved;
  await host.close();
});

async function openEvent(token: string) {
  const now = Date.now();
  const r = await host.post(
    'event.admin.publish',
    {
      orgId: '150000',
      title: '链接签到测试',
      type: '会员活动日',
      startsAt: new Date(now - 3600_000).toISOString(),
      endsAt: new Date(now + 3600_000).toISOString(),
      venue: { name: '新华广场', address: '' },
      audience: 'all',
    },
    token,
  );
  return r.body.data as { id: number };
}

test('the QR holds a link under CHECKIN_LINK_BASE that checks in like the scanner payload; forged, other-event and old links fail', async () => {
  const admin = await host.login('dev-admin-nm');
  const e = await openEvent(admin);
  const other = await openEvent(admin);
  const code = (await host.post('event.admin.code', { id: e.id }, admin)).body.data;
  expect(code.qr).toMatch(new RegExp(`^https://hyzj\\.example\\.cn/c/${e.id}/\\d+/[A-Za-z0-9_-]{22}$`));
  expect(eventIdOfQr(code.qr)).toBe(e.id);
  expect(checkinLinkParts(`${code.qr}?from=wechat`)).toMatchObject({ eventId: e.id });

  const member = await host.login('link-member');
  const parts = checkinLinkParts(code.qr)!;
  const forged = code.qr.replace(parts.signature, parts.signature.slice(0, -2) + (parts.signature.endsWith('AA') ? 'BB' : 'AA'));
  expect((await host.post('event.checkin', { eventId: e.id, code: forged }, member)).body.error.code).toBe('CHECKIN_CODE_FORGED');
  // Bound to its event: another event's number in the link breaks the signature; another event's own link is named as such.
  expect((await host.post('event.checkin', { eventId: other.id, code: code.qr.replace(`/c/${e.id}/`, `/c/${other.id}/`) }, member)).body.error.code).toBe(
    'CHECKIN_CODE_FORGED',
  );
  expect((await host.post('event.checkin', { eventId: other.id, code: code.qr }, member)).body.error.code).toBe('CHECKIN_CODE_OTHER_EVENT');
  // The window is part of what is signed: a link with another window number fails.
  const old = await host.post('event.admin.code', { id: e.id }, admin);
  const stale = old.body.data.qr.replace(/\/c\/(\d+)\/(\d+)\//, (_m: string, ev: string, w: string) => `/c/${ev}/${Number(w) - 20}/`);
  expect((await host.post('event.checkin', { eventId: e.id, code: stale }, member)).body.error.code).toBe('CHECKIN_CODE_FORGED');

  const ok = await host.post('event.checkin', { eventId: e.id, code: code.qr }, member);
  expect(ok.body).toMatchObject({ ok: true, data: { firstTime: true } });
});

test('GET /c/<event>/<window>/<sig> in a browser goes to the H5 check-in page with the link in q; anything else under /c/ is 404', async () => {
  const res = await fetch(`${host.url}/c/12/59530111/AbCdEfGhIjKlMnOpQrStUv`, { redirect: 'manual' });
  expect(res.status).toBe(302);
  const to = res.headers.get('location')!;
  expect(to.startsWith('/#/packages/events/detail/index?id=12&q=')).toBe(true);
  const q = decodeURIComponent(new URL(`http://x${to.slice(2)}`.replace('#', '')).searchParams.get('q')!);
  expect(q).toBe(`${host.url}/c/12/59530111/AbCdEfGhIjKlMnOpQrStUv`);
  expect(checkinLinkParts(q)).toEqual({ eventId: 12, window: 59530111, signature: 'AbCdEfGhIjKlMnOpQrStUv' });
  const bad = await fetch(`${host.url}/c/12/not-a-link`, { redirect: 'manual' });
  expect(bad.status).toBe(404);
  expect(await bad.text()).toContain('签到链接');
});
