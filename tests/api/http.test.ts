import { startHttpHost, type TestHost } from '../support/http';

let host: TestHost;
beforeAll(async () => {
  host = await startHttpHost();
});
afterAll(() => host.close());

const raw = (path: string, init: RequestInit) => fetch(`${host.url}${path}`, init);

test('login, then member.me and member.update over HTTP with the session token', async () => {
  const token = await host.login('http-member', '牧民');
  const me = await host.post('member.me', {}, token);
  expect(me).toMatchObject({ status: 200, body: { ok: true, data: { nickname: '牧民' } } });
  const up = await host.post('member.update', { nickname: '牧民阿妈', orgId: '150105' }, token);
  expect(up.body.data.org.name).toBe('赛罕区计生协');
  expect((await host.post('member.me', {}, token)).body.data.nickname).toBe('牧民阿妈');
});

test('no token, a forged token, and a deleted member are all 401 in the envelope', async () => {
  expect(await host.post('member.me', {})).toEqual({ status: 401, body: { ok: false, error: { code: 'UNAUTHENTICATED', message: '请先登录' } } });
  const token = await host.login('http-forger');
  const [id, exp, sig] = token.split('.');
  expect((await host.post('member.me', {}, `${Number(id) + 1}.${exp}.${sig}`)).status).toBe(401);
  await host.post('member.delete', { confirm: '注销' }, token);
  expect((await host.post('member.me', {}, token)).status).toBe(401);
});

test('quiz.submit, which reads no member row before it runs, still answers a deleted member with 401', async () => {
  const [token, other] = [await host.login('http-quiz-gone'), await host.login('http-quiz-other')];
  await host.post('member.update', { orgId: '150105' }, token);
  const campaignId = (await host.post('quiz.list', {}, token)).body.data.campaigns[0].id as number;
  const started = (await host.post('quiz.start', { campaignId }, token)).body.data as { attemptId: number; questions: { id: string }[] };
  const answers = started.questions.map((q) => ({ questionId: q.id, choice: [0] }));
  // Another member's attempt is not found.
  expect((await host.post('quiz.submit', { attemptId: started.attemptId, answers }, other)).body.error.code).toBe('NOT_FOUND');
  await host.post('member.delete', { confirm: '注销' }, token);
  const signedOut = { status: 401, body: { ok: false, error: { code: 'UNAUTHENTICATED', message: '请先登录' } } };
  expect(await host.post('quiz.submit', { attemptId: started.attemptId, answers }, token)).toEqual(signedOut);
  expect(await host.post('quiz.submit', { attemptId: 'x' }, token)).toEqual(signedOut);
  // Their attempt, kept without their id, was never scored.
  expect(await host.app.store.quiz.getAttempt(started.attemptId)).toMatchObject({ memberId: null, submittedAt: null });
});

test('transport errors are answered in the envelope with 4xx', async () => {
  const badJson = await raw('/api/member.me', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":' });
  expect(badJson.status).toBe(400);
  expect((await badJson.json()).error.code).toBe('BAD_JSON');

  const big = await raw('/api/auth.devLogin', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ openid: 'x'.repeat(70 * 1024) }),
  });
  expect(big.status).toBe(413);
  expect((await big.json()).error).toEqual({ code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining('64 KB') });

  const form = await raw('/api/member.me', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hi' });
  expect(form.status).toBe(415);
  expect((await form.json()).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');

  const get = await raw('/api/member.me', { method: 'GET' });
  expect(get.status).toBe(405);
  expect((await get.json()).ok).toBe(false);

  const unknown = await host.post('nope.nothing', {});
  expect(unknown.status).toBe(404);
  expect(unknown.body.error.code).toBe('UNKNOWN_ACTION');

  const empty = await raw('/api/org.children', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '' });
  expect(empty.status).toBe(200);
});

test('security headers are set and large answers are compressed', async () => {
  const res = await raw('/api/org.tree', { method: 'POST', headers: { 'content-type': 'application/json', 'accept-encoding': 'gzip' }, body: '{}' });
  expect(res.status).toBe(200);
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
  expect(res.headers.get('x-frame-options')).toBe('DENY');
  expect(res.headers.get('cache-control')).toBe('no-store');
  expect(res.headers.get('content-encoding')).toBe('gzip');
  expect((await res.json()).data.tree[0].children).toHaveLength(14);
});

test('the H5 app is served with helmet headers and a CSP that allows exactly its inline script', async () => {
  const site = await startHttpHost({ withH5: true });
  try {
    const res = await fetch(`${site.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('会员之家');
    expect((await fetch(`${site.url}/missing.js`)).status).toBe(404);
    expect((await site.post('member.me', {})).status).toBe(401);
  } finally {
    await site.close();
  }
});

test('production mode refuses devLogin and trusts x-wx-openid only when configured', async () => {
  const prod = await startHttpHost({ mode: 'production' });
  const trusted = await startHttpHost({ mode: 'production', trustWxOpenidHeader: true });
  try {
    expect((await prod.post('auth.devLogin', { openid: 'someone' })).body.error.code).toBe('DEV_LOGIN_DISABLED');
    expect((await prod.post('member.me', {}, undefined, { 'x-wx-openid': 'wx-claimed' })).status).toBe(401);
    // Only what 微信云托管's gateway forwarded (it sets x-wx-source) is trusted.
    expect((await trusted.post('member.me', {}, undefined, { 'x-wx-openid': 'wx-cloudrun-user' })).status).toBe(401);
    const me = await trusted.post('member.me', {}, undefined, { 'x-wx-openid': 'wx-cloudrun-user', 'x-wx-source': 'callContainer' });
    expect(me.status).toBe(200);
    expect(me.body.data.nickname).toBe('微信用户');
  } finally {
    await prod.close();
    await trusted.close();
  }
});

test("the session secret is made once per store: a second host on the same store accepts the first one's token", async () => {
  const first = await startHttpHost();
  const token = await first.login('restart-member');
  const second = await startHttpHost({ store: first.app.options.store });
  const other = await startHttpHost();
  try {
    expect((await second.post('member.me', {}, token)).status).toBe(200);
    // Another store has its own secret: the same token means nothing there.
    expect((await other.post('member.me', {}, token)).status).toBe(401);
  } finally {
    await second.close();
    await other.close();
    await first.close();
  }
});

test('a body streamed in chunks (no Content-Length) past 64 KB is refused with 413 in the envelope', async () => {
  const http = await import('node:http');
  const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request(`${host.url}/api/member.update`, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', () => undefined); // the host may close its side before we finish sending: that is the point
    const chunk = 'x'.repeat(8 * 1024);
    let sent = 0;
    const more = () => {
      while (sent < 20) {
        sent++;
        if (!req.write(chunk)) return req.once('drain', more);
      }
      req.end();
    };
    more();
    setTimeout(() => reject(new Error('no answer')), 10_000).unref();
  });
  expect(status).toBe(413);
  expect(JSON.parse(body).error.code).toBe('PAYLOAD_TOO_LARGE');
  expect((await host.post('org.tree', {})).status).toBe(200);
});
