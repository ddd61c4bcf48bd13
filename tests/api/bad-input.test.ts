/**
 * For every action the router serves (features included, as they register), a generated batch of
 * malformed payloads over real HTTP: wrong types, missing fields, unknown fields, oversize strings,
 * non-object bodies, malformed JSON, bodies over 64 KB. Each is answered with a 4xx in the envelope
 * and a Chinese message — never a 5xx.
 */
import fc from 'fast-check';
import { actions } from '../../cloud/app';
import { startHttpHost, type TestHost } from '../support/http';

let host: TestHost;
let tokens: { label: string; token: string }[];
beforeAll(async () => {
  host = await startHttpHost();
  tokens = [
    { label: 'member', token: await host.login('fuzz-member') },
    { label: 'admin', token: await host.login('dev-admin-hhht') },
  ];
});
afterAll(() => host.close());

const CJK = /[\u4e00-\u9fa5]/;

function expectRefusal(r: { status: number; body: any }, context: string) {
  if (r.status >= 500 || r.status < 400 || !r.body || r.body.ok !== false || typeof r.body.error?.code !== 'string' || !CJK.test(r.body.error?.message ?? '')) {
    throw new Error(`${context}: expected a 4xx envelope with a Chinese message, got ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
  }
}

function expectNo5xx(r: { status: number; body: any }, context: string) {
  if (r.status >= 500 || typeof r.body !== 'object' || typeof r.body.ok !== 'boolean') {
    throw new Error(`${context}: got ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
  }
  if (!r.body.ok) expectRefusal(r, context);
}

/** Field names of an action's payload schema, read from zod's object shape. */
function fieldsOf(schema: unknown): string[] {
  const shape = (schema as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : [];
}

const wrongValue = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.string({ maxLength: 8 }),
  fc.string({ minLength: 2000, maxLength: 3000 }),
  fc.array(fc.anything({ maxDepth: 1 }), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.anything({ maxDepth: 1 }), { maxKeys: 3 }),
  fc.constant('x'.repeat(20_000)),
);

const names = actions.map((a) => a.name);

test('the suite covers every registered action', async () => {
  expect(names).toEqual(expect.arrayContaining(['auth.devLogin', 'member.me', 'member.update', 'org.tree', 'org.children']));
  expect(new Set(names).size).toBe(names.length);
  // The host under test serves exactly this list (features register into the same `actions`).
  const health = await fetch(`${host.url}/api/health`).then((r) => r.json());
  expect(health.data.actions).toBe(names.length);
});

test('unknown actions, whatever their name, are refused with 4xx in the envelope', async () => {
  const known = new Set<string>(names);
  const unknownName = fc.oneof(
    // Plausible names: a real domain with a verb that does not exist, or a made-up domain.
    fc.tuple(fc.constantFrom(...new Set(names.map((n) => n.split('.')[0]))), fc.stringMatching(/^[a-zA-Z]{1,12}$/)).map(([d, v]) => `${d}.${v}`),
    fc.stringMatching(/^[a-z]{1,8}\.[a-z]{1,8}$/),
    fc.string({ minLength: 1, maxLength: 40 }),
    fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'member', 'member.', '.me', 'MEMBER.ME', 'x'.repeat(300)),
  );
  await fc.assert(
    fc.asyncProperty(unknownName, fc.constantFrom(undefined, 0, 1), async (name, who) => {
      fc.pre(!known.has(name));
      const r = await host.post(encodeURIComponent(name), { a: 1 }, who === undefined ? undefined : tokens[who].token);
      expectRefusal(r, `unknown action ${JSON.stringify(name).slice(0, 60)}`);
    }),
    { numRuns: 60 },
  );
});

describe.each(actions.map((a) => [a.name, a] as const))('%s', (name, action) => {
  const fields = fieldsOf(action.input);

  test('non-object payloads and unknown fields are refused with 4xx', async () => {
    for (const { label, token } of tokens) {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.array(fc.anything({ maxDepth: 1 }), { minLength: 1, maxLength: 3 })),
          async (payload) => {
            expectRefusal(await host.post(name, payload, token), `${name} as ${label} with ${JSON.stringify(payload).slice(0, 80)}`);
          },
        ),
        { numRuns: 8 },
      );
      expectRefusal(await host.post(name, { zzUnknownField: 1 }, token), `${name} as ${label} with an unknown field`);
    }
  });

  test('NUL and every other C0 control character in any text field is refused with 400, naming the field in Chinese', async () => {
    const controls = [...Array.from({ length: 32 }, (_, i) => i).filter((c) => c !== 9 && c !== 10 && c !== 13), 127].map((c) => String.fromCharCode(c));
    const { token } = tokens[1];
    for (const field of fields.length ? fields : ['payload']) {
      for (const [i, control] of controls.entries()) {
        const text = ['a', '孩子', '', 'x'.repeat(10)][i % 4];
        const payload = { [field]: i % 2 ? `${text}${control}` : `${control}${text}${control}` };
        const r = await host.post(name, payload, token);
        expectRefusal(r, `${name} with U+${control.charCodeAt(0).toString(16).padStart(4, '0')} in ${field}`);
        if (r.status !== 400 || r.body.error.code !== 'INVALID_PAYLOAD' || !r.body.error.message.includes('控制字符') || r.body.error.field !== field) {
          throw new Error(`${name}.${field} with U+${control.charCodeAt(0).toString(16)}: got ${r.status} ${JSON.stringify(r.body)}`);
        }
        if (new RegExp(`\\b${field}\\b`).test(r.body.error.message)) throw new Error(`${name}: the message shows the schema key ${field}`);
      }
    }
  });

  test('wrong types, missing and oversize fields never cause a 5xx', async () => {
    for (const { label, token } of tokens) {
      await fc.assert(
        fc.asyncProperty(fc.subarray(fields), fc.array(wrongValue, { minLength: fields.length, maxLength: fields.length }), async (chosen, values) => {
          const payload = Object.fromEntries(chosen.map((f, i) => [f, values[i]]));
          expectNo5xx(await host.post(name, payload, token), `${name} as ${label} with ${JSON.stringify(payload).slice(0, 120)}`);
        }),
        { numRuns: fields.length ? 25 : 3 },
      );
    }
  });

  test('malformed JSON and bodies over 64 KB are refused', async () => {
    const post = (body: string) =>
      fetch(`${host.url}/api/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[0].token}` },
        body,
      }).then(async (r) => ({ status: r.status, body: await r.json() }));
    expectRefusal(await post('{"oops":'), `${name} malformed JSON`);
    const big = await post(JSON.stringify({ [fields[0] ?? 'x']: 'y'.repeat(65 * 1024) }));
    expect(big.status).toBe(413);
    expectRefusal(big, `${name} oversize body`);
  });
});

test('actions that need a member refuse anonymous callers with 401', async () => {
  for (const a of actions.filter((x) => x.auth !== 'public')) {
    const r = await host.post(a.name, {});
    expect([r.status, a.name]).toEqual([401, a.name]);
  }
});

test('admin actions refuse plain members with 403', async () => {
  for (const a of actions.filter((x) => x.auth === 'admin')) {
    const r = await host.post(a.name, {}, tokens[0].token);
    expect([r.status >= 400 && r.status < 500 && r.status !== 401, a.name]).toEqual([true, a.name]);
  }
});
