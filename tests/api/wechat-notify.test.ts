/**
 * The subscribe-message sender against a stand-in WeChat API (a real HTTP server on loopback): the real client
 * code (adapters/wechat) fetches and refreshes tokens, the sender claims, sends and records every outbox row.
 */
import { startTestApp, type TestApp } from '../support/app';
import { startWechatStandin, type WechatStandin } from '../support/wechat-standin';
import { wechatGatewayFromEnv } from '../../cloud/adapters/wechat';
import { drainOutbox } from '../../cloud/features/notify/sender';
import { parseTemplateConfigs } from '../../cloud/features/notify/templates';
import { deliverDueReminders } from '../../cloud/features/classes/reminders';
import { MAX_ATTEMPTS } from '../../cloud/features/notify/retry';
import type { WechatGateway } from '../../cloud/core/wechat';

const H = 3600_000;
const T0 = new Date('2026-12-01T02:00:00.000Z');
const TEMPLATES = { T_PROMO: ['thing1', 'time2', 'thing3'], T_CLASS: ['thing1', 'time2', 'thing3'], T_EVENT: ['thing1', 'time2', 'thing3'] };
const CONFIG = JSON.stringify({ class_promoted: { id: 'T_PROMO' }, class_reminder: { id: 'T_CLASS' }, event_reminder: { id: 'T_EVENT' } });

let app: TestApp;
let wx: WechatStandin;
let clock: Date;
let gateway: WechatGateway;
const admin = () => app.as('dev-admin-hhht');

beforeEach(async () => {
  clock = new Date(T0);
  app = await startTestApp({ now: () => clock, consented: true });
  wx = await startWechatStandin({ templates: TEMPLATES });
  wx.useClock(() => clock.getTime());
  gateway = wechatGatewayFromEnv({ WX_APPID: wx.appId, WX_APPSECRET: wx.appSecret, WX_API_BASE: wx.base }, undefined, { now: () => clock.getTime() })!;
});
afterEach(async () => {
  await app.close();
  await wx.close();
});

const drain = (over: { gateway?: WechatGateway; config?: string; log?: (l: string) => void } = {}) =>
  drainOutbox({
    store: app.store,
    gateway: over.gateway ?? gateway,
    templates: parseTemplateConfigs(over.config ?? CONFIG),
    now: () => clock,
    log: over.log ?? (() => undefined),
  });

async function publishClass(over: Record<string, unknown> = {}) {
  return admin().call('class.admin.publish', {
    orgId: '150100',
    title: '测试课堂',
    topic: '科学养育',
    teacher: '王老师',
    description: '简介',
    venue: { name: '向日葵亲子小屋', address: '新华大街 1 号', lat: 40.8, lng: 111.7 },
    onlineUrl: null,
    startsAt: new Date(T0.getTime() + 72 * H).toISOString(),
    endsAt: new Date(T0.getTime() + 74 * H).toISOString(),
    regOpensAt: new Date(T0.getTime() - 24 * H).toISOString(),
    regClosesAt: new Date(T0.getTime() + 70 * H).toISOString(),
    capacity: 1,
    ageMin: 0,
    ageMax: 6,
    fields: [{ id: 'parent_name', label: '家长姓名', type: 'text', required: true }],
    cancelHours: 24,
    waitlistOpen: true,
    ...over,
  } as never);
}

const subscribe = (openid: string) =>
  app.as(openid).call('class.subscribe', {
    decisions: [
      { kind: 'class_promoted', templateId: 'T_PROMO', accepted: true },
      { kind: 'class_reminder', templateId: 'T_CLASS', accepted: true },
    ],
  });

/** One seat: `holder` takes it, each of `waiting` goes on the waitlist with subscriptions accepted; the holder cancels. */
async function promotion(classOver: Record<string, unknown> = {}, waiting = ['w1']) {
  const c = await publishClass(classOver);
  const r = await app.as('holder').call('class.register', { classId: c.id, childAge: 3, answers: { parent_name: '甲' } });
  for (const w of waiting) {
    await subscribe(w);
    await app.as(w).call('class.register', { classId: c.id, childAge: 3, answers: { parent_name: '乙' } });
  }
  await app.as('holder').call('class.cancel', { registrationId: r.registration.id });
  return c;
}

test('a promotion is sent once through subscribeMessage.send, with data shaped to the field rules', async () => {
  const title = '家庭教育与亲子沟通的艺术：如何陪伴孩子度过青春期';
  const c = await promotion({ title });
  wx.accept('w1', 'T_PROMO');
  expect(await drain()).toEqual({ sent: 1, failed: 0, retrying: 0, cancelled: 0 });
  expect(wx.delivered).toHaveLength(1);
  const d = wx.delivered[0];
  expect(d).toMatchObject({ touser: 'w1', templateId: 'T_PROMO', page: 'packages/classes/mine' });
  // thing ≤ 20 characters, cut at a character and marked; time in WeChat's format (China time).
  expect(Array.from(d.data.thing1.value)).toHaveLength(20);
  expect(d.data.thing1.value).toBe(`${Array.from(title).slice(0, 19).join('')}…`.replace('：…', '…'));
  expect(d.data.time2.value).toBe('2026年12月4日 10:00');
  expect(d.data.thing3.value).toBe('候补成功，已为您保留名额');
  // Drained again: nothing more goes out.
  expect(await drain()).toEqual({ sent: 0, failed: 0, retrying: 0, cancelled: 0 });
  expect(wx.delivered).toHaveLength(1);
  const status = await admin().call('notify.admin.status', { classId: c.id });
  expect(status.kinds.find((k) => k.kind === 'class_promoted')).toMatchObject({ label: '候补递补通知', sent: 1, failed: 0, pending: 0 });
});

test('the token is fetched once for concurrent sends, kept, and refreshed once on 42001 and on 40001', async () => {
  const waiting = Array.from({ length: 12 }, (_, i) => `w${i}`);
  await promotion({ capacity: 1 }, waiting);
  // Free 11 more seats: everyone on the waitlist is promoted.
  const c = (await app.as('w0').call('class.myRegistrations', {})).registrations[0];
  await admin().call('class.admin.update', { classId: c.classId, capacity: 12 });
  for (const w of waiting) wx.accept(w, 'T_PROMO');
  expect((await drain()).sent).toBe(12);
  expect(wx.stats.tokenFetches).toBe(1);

  // Expired (42001): one refresh, the message goes through.
  const more = await publishClass({ title: '第二课' });
  const r = await app.as('holder').call('class.register', { classId: more.id, childAge: 3, answers: { parent_name: '甲' } });
  for (const w of ['w0', 'w1']) await app.as(w).call('class.register', { classId: more.id, childAge: 3, answers: { parent_name: '乙' } });
  await app.as('holder').call('class.cancel', { registrationId: r.registration.id });
  wx.accept('w0', 'T_PROMO');
  wx.expireTokens();
  expect((await drain()).sent).toBe(1);
  expect(wx.stats.tokenFetches).toBe(2);
  expect(wx.stats.refusedTokens).toBe(1);

  // Unknown (40001): the same.
  const r2 = await app.as('w0').call('class.myRegistrations', {});
  const second = r2.registrations.find((x) => x.classId === more.id)!;
  await app.as('w0').call('class.cancel', { registrationId: second.id });
  wx.accept('w1', 'T_PROMO');
  wx.revokeTokens();
  expect((await drain()).sent).toBe(1);
  expect(wx.stats.tokenFetches).toBe(3);
  expect(wx.stats.refusedTokens).toBe(2);

  // Past the lifetime the client fetches a new token before sending (no refused call).
  clock = new Date(clock.getTime() + 2 * H);
  await deliverDueReminders(app.store, new Date(T0.getTime() + 48 * H + 1), async () => undefined);
  for (const w of waiting) wx.accept(w, 'T_CLASS');
  clock = new Date(T0.getTime() + 48 * H + 2);
  const before = wx.stats.refusedTokens;
  expect((await drain()).sent).toBeGreaterThan(0);
  expect(wx.stats.refusedTokens).toBe(before);
  expect(wx.stats.tokenFetches).toBe(4);
});

test('intermittent 5xx: retried with backoff until delivered, with no duplicate and nothing dropped', async () => {
  const waiting = Array.from({ length: 10 }, (_, i) => `w${i}`);
  await promotion({ capacity: 1 }, waiting);
  const c = (await app.as('w0').call('class.myRegistrations', {})).registrations[0];
  await admin().call('class.admin.update', { classId: c.classId, capacity: 10 });
  for (const w of waiting) wx.accept(w, 'T_PROMO');
  wx.failRandomly(0.4);
  let first = await drain();
  expect(first.retrying).toBeGreaterThan(0);
  // Not due yet: a second run right away sends nothing more.
  expect((await drain()).sent).toBe(0);
  for (let i = 0; i < 8 && wx.delivered.length < 10; i++) {
    clock = new Date(clock.getTime() + 61 * 60_000);
    first = await drain();
  }
  expect(wx.delivered).toHaveLength(10);
  expect(new Set(wx.delivered.map((d) => d.touser)).size).toBe(10);
  expect(wx.stats.serverErrors).toBeGreaterThan(0);
  const status = await admin().call('notify.admin.status', { classId: c.classId });
  expect(status.kinds[0]).toMatchObject({ sent: 10, failed: 0, pending: 0 });
});

test('two senders draining at once never send one message twice', async () => {
  const waiting = Array.from({ length: 20 }, (_, i) => `w${i}`);
  await promotion({ capacity: 1 }, waiting);
  const c = (await app.as('w0').call('class.myRegistrations', {})).registrations[0];
  await admin().call('class.admin.update', { classId: c.classId, capacity: 20 });
  // Each member accepted twice: a duplicate send would be delivered, not refused, so it would show.
  for (const w of waiting) wx.accept(w, 'T_PROMO', 2);
  const other = wechatGatewayFromEnv({ WX_APPID: wx.appId, WX_APPSECRET: wx.appSecret, WX_API_BASE: wx.base }, undefined, { now: () => clock.getTime() })!;
  const [a, b] = await Promise.all([drain(), drain({ gateway: other })]);
  expect(a.sent + b.sent).toBe(20);
  expect(wx.delivered).toHaveLength(20);
  expect(new Set(wx.delivered.map((d) => d.touser)).size).toBe(20);
});

test('43101 (no acceptance left) and 47003 (bad data) are final and recorded with the reason; retries stop at the limit', async () => {
  const c = await promotion({}, ['w1', 'w2', 'w3']);
  // w1 accepted in the app but WeChat holds no acceptance: 43101.
  expect(await drain()).toMatchObject({ sent: 0, failed: 1 });
  expect(wx.delivered).toHaveLength(0);
  const status = (await admin().call('notify.admin.status', { classId: c.id })).kinds[0];
  expect(status).toMatchObject({ sent: 0, failed: 1, failures: [{ code: '43101', count: 1 }] });
  expect(status.failures[0].message).toContain('授权');
  // Drained again later: a final failure is not retried.
  clock = new Date(clock.getTime() + 2 * H);
  expect(await drain()).toMatchObject({ sent: 0, failed: 0 });

  // The stand-in's template has a key the configuration does not fill: WeChat answers 47003, final.
  const c2 = await promotion({ title: '第二课' }, ['w4']);
  wx.accept('w4', 'T_PROMO');
  const badKeys = JSON.stringify({ class_promoted: { id: 'T_PROMO', keys: { note: 'thing4' } } });
  expect(await drain({ config: badKeys })).toMatchObject({ failed: 1 });
  const s2 = (await admin().call('notify.admin.status', { classId: c2.id })).kinds[0];
  expect(s2.failures).toEqual([expect.objectContaining({ code: '47003', count: 1 })]);

  // A value that cannot be shaped (a phrase is at most 5 汉字) is caught before anything is sent.
  const c3 = await promotion({ title: '第三课' }, ['w5']);
  wx.accept('w5', 'T_PROMO');
  const calls = wx.stats.sendCalls;
  const phrase = JSON.stringify({ class_promoted: { id: 'T_PROMO', keys: { note: 'phrase3' } } });
  expect(await drain({ config: phrase })).toMatchObject({ failed: 1 });
  expect(wx.stats.sendCalls).toBe(calls);
  const s3 = (await admin().call('notify.admin.status', { classId: c3.id })).kinds[0];
  expect(s3.failures[0]).toMatchObject({ code: 'DATA_INVALID' });
  expect(s3.failures[0].message).toContain('phrase3');

  // WeChat down for good: retried with growing pauses, then failed with the last reason.
  const c4 = await promotion({ title: '第四课' }, ['w6']);
  wx.accept('w6', 'T_PROMO');
  wx.failSends(1000);
  for (let i = 0; i < MAX_ATTEMPTS + 2; i++) {
    await drain();
    clock = new Date(clock.getTime() + 2 * H);
  }
  const s4 = (await admin().call('notify.admin.status', { classId: c4.id })).kinds[0];
  expect(s4).toMatchObject({ sent: 0, pending: 0, failed: 1, failures: [expect.objectContaining({ code: 'HTTP_503' })] });
  expect(wx.stats.sendCalls - calls).toBe(MAX_ATTEMPTS);
});

test('活动提醒: queued when a member who said 我要参加 accepts, sent the day before; withdrawn with 我要参加', async () => {
  const startsAt = new Date(T0.getTime() + 72 * H).toISOString();
  const e = await app.as('dev-admin-nm').call('event.admin.publish', {
    orgId: '150000',
    title: '5·29 会员活动日',
    type: '会员活动日',
    startsAt,
    endsAt: new Date(T0.getTime() + 75 * H).toISOString(),
    venue: { name: '新华广场', address: '新城区', lat: 40.8, lng: 111.6, radius: 200 },
    audience: 'all',
  } as never);
  const refused = await app.as('m1').raw('notify.eventRemind', { eventId: e.id, accepted: true });
  expect(refused.body).toMatchObject({ ok: false, error: { message: expect.stringContaining('我要参加') } });
  for (const m of ['m1', 'm2', 'm3']) {
    await app.as(m).call('event.intend', { id: e.id, intend: true });
    wx.accept(m, 'T_EVENT');
  }
  const q = await app.as('m1').call('notify.eventRemind', { eventId: e.id, accepted: true });
  expect(q).toEqual({ queued: true, remindAt: new Date(T0.getTime() + 48 * H).toISOString() });
  // Asked twice (two taps): still one reminder.
  await app.as('m1').call('notify.eventRemind', { eventId: e.id, accepted: true });
  await app.as('m2').call('notify.eventRemind', { eventId: e.id, accepted: true });
  await app.as('m3').call('notify.eventRemind', { eventId: e.id, accepted: false });
  expect(await drain()).toMatchObject({ sent: 0 });
  // m2 changes their mind: no reminder.
  await app.as('m2').call('event.intend', { id: e.id, intend: false });
  clock = new Date(T0.getTime() + 48 * H);
  expect(await drain()).toMatchObject({ sent: 1 });
  expect(wx.delivered.map((d) => d.touser)).toEqual(['m1']);
  expect(wx.delivered[0]).toMatchObject({ templateId: 'T_EVENT', page: `packages/events/detail/index?id=${e.id}` });
  expect(wx.delivered[0].data.time2.value).toBe('2026年12月4日 10:00');
  expect(wx.delivered[0].data.thing3.value).toBe('地点：新华广场');
  const status = await app.as('dev-admin-nm').call('notify.admin.status', { eventId: e.id });
  expect(status.kinds).toEqual([expect.objectContaining({ kind: 'event_reminder', label: '活动提醒', sent: 1, failed: 0 })]);
  // Someone else's event status is not theirs to see.
  expect((await admin().raw('notify.admin.status', { eventId: e.id })).status).toBe(403);
  expect((await app.as('m1').raw('notify.admin.status', { eventId: e.id })).status).toBe(403);
  expect((await admin().raw('notify.admin.status', {})).body).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
});

test('the secret appears in no log line, no recorded reason and no answer, even when WeChat refuses it', async () => {
  const lines: string[] = [];
  const spies = (['log', 'info', 'warn', 'error'] as const).map((k) =>
    jest.spyOn(console, k).mockImplementation((...a: unknown[]) => void lines.push(a.map(String).join(' '))),
  );
  try {
    const c = await promotion();
    const wrong = wechatGatewayFromEnv({ WX_APPID: wx.appId, WX_APPSECRET: 'wrong-secret-abcdef', WX_API_BASE: wx.base }, undefined, {
      now: () => clock.getTime(),
    })!;
    await drainOutbox({ store: app.store, gateway: wrong, templates: parseTemplateConfigs(CONFIG), now: () => clock, log: (l) => lines.push(l) });
    const status = await admin().call('notify.admin.status', { classId: c.id });
    const all = JSON.stringify(status) + lines.join('\n');
    expect(status.kinds[0].pending).toBe(1); // retried later: a credential problem is not the member's
    expect(all).not.toContain('wrong-secret-abcdef');
    expect(all).not.toContain(wx.appSecret);
    expect(lines.join('\n')).toContain('40125');
  } finally {
    for (const s of spies) s.mockRestore();
  }
});

test('微信云托管 开放接口服务: the same sender with no access_token at all', async () => {
  const cloudrun = await startWechatStandin({ templates: TEMPLATES, requireToken: false });
  try {
    await promotion();
    cloudrun.accept('w1', 'T_PROMO');
    const gw = wechatGatewayFromEnv({ WX_TRANSPORT: 'cloudrun', WX_API_BASE: cloudrun.base })!;
    expect(gw.transport).toBe('cloudrun');
    expect(await drain({ gateway: gw })).toMatchObject({ sent: 1 });
    expect(cloudrun.stats.tokenFetches).toBe(0);
    expect(cloudrun.delivered).toHaveLength(1);
  } finally {
    await cloudrun.close();
  }
});
