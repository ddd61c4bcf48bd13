/**
 * 5xx only for our own faults, and never a stack trace: a handler that breaks (a bug, a failing
 * database) is answered with the one INTERNAL envelope, through the router and over HTTP, while the
 * details go to the server log only.
 */
import { actions } from '../../cloud/app';
import { createApp } from '../../cloud/app';
import { defineAction } from '../../cloud/features/context';
import { Router } from '../../cloud/core/router';
import { INTERNAL_ERROR_MESSAGE } from '../../cloud/contracts/errors';
import { memberMeInput } from '../../cloud/contracts/member';
import { buildHttpHost } from '../../cloud/hosts/http/server';
import { tempDir } from '../support/app';

const SECRET_DETAIL = 'SQLITE_CORRUPT: database disk image is malformed at /srv/secret/path.db';

/** Stands in for any action whose handler fails unexpectedly (auth 'member', so it runs after the session check). */
const broken = defineAction({
  name: 'member.me',
  input: memberMeInput,
  auth: 'member',
  async handler() {
    const err = new Error(SECRET_DETAIL);
    (err as Error & { code?: string }).code = 'SQLITE_CORRUPT';
    throw err;
  },
});
const brokenPublic = { ...broken, name: 'org.tree', auth: 'public' } as unknown as typeof broken;

function expectInternal(status: number, text: string) {
  expect(status).toBe(500);
  expect(JSON.parse(text)).toEqual({ ok: false, error: { code: 'INTERNAL', message: INTERNAL_ERROR_MESSAGE } });
  // Nothing of the fault leaks: no message, no stack frames, no file paths.
  expect(text).not.toContain('SQLITE');
  expect(text).not.toMatch(/\bat \S+ \(|\.ts:\d+|\/srv\/|stack/i);
}

test('the router answers a failing handler with 500 INTERNAL and logs the details instead', async () => {
  const app = await createApp({ dataDir: tempDir(), mode: 'dev' });
  const logged: unknown[] = [];
  const router = new Router([brokenPublic], ({ error }) => logged.push(error));
  try {
    const r = await router.dispatch('org.tree', {}, { kind: 'anonymous' }, { store: app.store, mode: 'dev' });
    expectInternal(r.status, JSON.stringify(r.body));
    expect(String(logged[0])).toContain(SECRET_DETAIL);
  } finally {
    app.store.close();
  }
});

test('over HTTP: a failing handler is a 500 envelope without a stack, and the host keeps serving', async () => {
  const app = await createApp({ dataDir: tempDir(), mode: 'dev' });
  const logged: unknown[] = [];
  // The real actions, with member.me replaced by one whose handler breaks.
  const router = new Router([...actions.filter((a) => a.name !== 'member.me'), broken], ({ error }) => logged.push(error));
  const server = await buildHttpHost({ ...app, router });
  await server.listen({ port: 0, host: '127.0.0.1' });
  const address = server.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const post = async (action: string, body: unknown, token?: string) => {
    const res = await fetch(`${url}/api/${action}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    return { status: res.status, text: await res.text(), headers: res.headers };
  };
  try {
    const login = JSON.parse((await post('auth.devLogin', { openid: 'broken-1' })).text);
    const r = await post('member.me', {}, login.data.token);
    expectInternal(r.status, r.text);
    expect(r.headers.get('content-type')).toContain('application/json');
    expect(logged).toHaveLength(1);
    // Caller's errors on the same host stay 4xx.
    expect((await post('member.me', {})).status).toBe(401);
    expect((await post('member.me', { x: 1 }, login.data.token)).status).toBe(400);
    expect((await post('org.tree', {})).status).toBe(200);
  } finally {
    await server.close();
  }
});
