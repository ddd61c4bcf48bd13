import { createCheckinQueue, isRetryable, QUEUE_KEY, type CheckinPayload } from '../../src/packages/events/offline-queue';

// The offline check-in queue with a fake device storage and a fake network at its edges.

type Answer = { ok: true; data?: unknown } | { ok: false; code: string; status: number; message: string };
function fakeDevice() {
  const stored = new Map<string, string>(); // JSON, as the device keeps it
  const sent: CheckinPayload[] = [];
  const notices: string[] = [];
  let backListener: (() => void) | undefined;
  let online = false;
  let answer: (p: CheckinPayload) => Answer = () => ({ ok: true, data: { firstTime: true } });
  let gate: Promise<void> | null = null; // holds answers back, to overlap two flushes
  const queue = createCheckinQueue({
    storage: { get: (k) => (stored.has(k) ? JSON.parse(stored.get(k)!) : ''), set: (k, v) => void stored.set(k, JSON.stringify(v)) },
    async submit(p) {
      if (!online) throw Object.assign(new Error('网络不太好，请检查网络后重试'), { code: 'NETWORK', status: 0 });
      sent.push(p);
      if (gate) await gate;
      const a = answer(p);
      if (a.ok) return a.data;
      throw Object.assign(new Error(a.message), { code: a.code, status: a.status });
    },
    notify: (m) => void notices.push(m),
    onNetworkBack: (l) => void (backListener = l),
  });
  return {
    queue,
    stored,
    sent,
    notices,
    goOnline() {
      online = true;
      backListener?.();
    },
    goOffline: () => void (online = false),
    answer: (f: typeof answer) => void (answer = f),
    hold() {
      let release!: () => void;
      gate = new Promise((r) => (release = r));
      return () => {
        gate = null;
        release();
      };
    },
  };
}
const settle = () => new Promise((r) => setTimeout(r, 0));
const SCAN = '2027-05-29T02:00:05.000Z';
const HERE = { lat: 40.8175, lng: 111.6708 };

test('a check-in made offline is kept on the device with the scan time and location, and submitted with them when the network returns', async () => {
  const d = fakeDevice();
  d.queue.watch();
  const r = await d.queue.checkIn({ eventId: 7, code: '123456', scannedAt: SCAN, location: HERE });
  expect(r).toEqual({ queued: true });
  expect(JSON.parse(d.stored.get(QUEUE_KEY)!)).toEqual([{ eventId: 7, code: '123456', scannedAt: SCAN, location: HERE }]);
  expect(d.sent).toEqual([]);

  // Still offline: a flush keeps it.
  expect(await d.queue.flush()).toEqual({ done: 0, refused: [], kept: 1 });
  expect(d.queue.list()).toHaveLength(1);

  d.goOnline();
  await settle();
  await d.queue.flush();
  // The scan time goes to the server (it judges the code as of then); online check-ins send none.
  expect(d.sent).toEqual([{ eventId: 7, code: '123456', scannedAt: SCAN, location: HERE }]);
  expect(d.queue.list()).toEqual([]);
  expect(d.notices).toEqual(['离线签到已提交 1 条']);
});

test('online, a check-in goes straight to the server without a scan time and is not queued', async () => {
  const d = fakeDevice();
  d.goOnline();
  const r = await d.queue.checkIn({ eventId: 7, code: '123456', scannedAt: SCAN, location: null });
  expect(r).toEqual({ queued: false, result: { firstTime: true } });
  expect(d.sent).toEqual([{ eventId: 7, code: '123456' }]);
  expect(d.queue.list()).toEqual([]);

  // A server answer is shown, not queued: a wrong code, or 429 after too many wrong codes.
  d.answer(() => ({ ok: false, code: 'TOO_MANY_REQUESTS', status: 429, message: '签到码输错次数太多，请 5 分钟后再试' }));
  await expect(d.queue.checkIn({ eventId: 8, code: '000000', scannedAt: SCAN, location: null })).rejects.toMatchObject({ status: 429 });
  d.answer(() => ({ ok: false, code: 'CHECKIN_CODE_INVALID', status: 400, message: '签到码不正确' }));
  await expect(d.queue.checkIn({ eventId: 8, code: '000000', scannedAt: SCAN, location: null })).rejects.toMatchObject({ message: '签到码不正确' });
  // A server error keeps the scan, as no network does.
  d.answer(() => ({ ok: false, code: 'INTERNAL', status: 502, message: '服务器出了点问题' }));
  expect(await d.queue.checkIn({ eventId: 8, code: '123456', scannedAt: SCAN, location: null })).toEqual({ queued: true });
  expect(d.queue.list().map((q) => q.eventId)).toEqual([8]);
});

test('retryable failures (server error, 429, network) keep the entry; a final refusal drops it and shows the reason', async () => {
  const d = fakeDevice();
  await d.queue.checkIn({ eventId: 1, code: '111111', scannedAt: SCAN, location: null });
  await d.queue.checkIn({ eventId: 2, code: '222222', scannedAt: SCAN, location: null });
  d.goOnline();

  d.answer(() => ({ ok: false, code: 'INTERNAL', status: 500, message: '服务器出了点问题' }));
  expect(await d.queue.flush()).toEqual({ done: 0, refused: [], kept: 2 });
  d.answer(() => ({ ok: false, code: 'TOO_MANY_REQUESTS', status: 429, message: '请稍后再试' }));
  expect(await d.queue.flush()).toEqual({ done: 0, refused: [], kept: 2 });
  expect(d.queue.list().map((q) => q.eventId)).toEqual([1, 2]);

  // Event 1: refused for good (scanned outside the rules); event 2: accepted.
  d.answer((p) =>
    p.eventId === 1 ? { ok: false, code: 'OFFLINE_TOO_LATE', status: 400, message: '离线扫码需在 24 小时内联网提交' } : { ok: true, data: { firstTime: true } },
  );
  d.queue.watch();
  await settle();
  await d.queue.flush();
  expect(d.queue.list()).toEqual([]);
  expect(d.notices).toEqual(['离线签到已提交 1 条', '离线签到未被接受：离线扫码需在 24 小时内联网提交']);

  const results: unknown[] = [];
  const d2 = fakeDevice();
  await d2.queue.checkIn({ eventId: 3, code: '333333', scannedAt: SCAN, location: null });
  d2.answer(() => ({ ok: false, code: 'CHECKIN_CODE_EXPIRED', status: 400, message: '签到码已过期' }));
  d2.queue.watch((r) => results.push(r));
  d2.goOnline();
  await settle();
  await settle();
  expect(results).toEqual([{ done: 0, refused: [{ eventId: 3, reason: '签到码已过期' }], kept: 0 }]);
});

test('two flushes that overlap (network event and page open at once) submit each entry once', async () => {
  const d = fakeDevice();
  await d.queue.checkIn({ eventId: 1, code: '111111', scannedAt: SCAN, location: null });
  await d.queue.checkIn({ eventId: 2, code: '222222', scannedAt: SCAN, location: null });
  d.goOnline();
  const release = d.hold();
  const a = d.queue.flush();
  const b = d.queue.flush();
  d.queue.watch(); // a third trigger while the first is still waiting for the server
  await settle();
  release();
  const [ra, rb] = await Promise.all([a, b]);
  expect(ra).toEqual({ done: 2, refused: [], kept: 0 });
  expect(rb).toEqual({ done: 0, refused: [], kept: 0 }); // the pass after it found nothing left
  expect(d.sent.map((p) => p.eventId)).toEqual([1, 2]);
  expect(d.notices).toEqual(['离线签到已提交 2 条']);
  // After it finished, a new flush has nothing left to send.
  expect(await d.queue.flush()).toEqual({ done: 0, refused: [], kept: 0 });
  expect(d.sent).toHaveLength(2);
});

test('a later scan of the same event replaces the earlier one; what counts as retryable', async () => {
  const d = fakeDevice();
  await d.queue.checkIn({ eventId: 1, code: '111111', scannedAt: SCAN, location: null });
  await d.queue.checkIn({ eventId: 1, code: '999999', scannedAt: '2027-05-29T02:00:40.000Z', location: null });
  expect(d.queue.list()).toEqual([{ eventId: 1, code: '999999', scannedAt: '2027-05-29T02:00:40.000Z', location: null }]);
  expect(isRetryable({ code: 'NETWORK', status: 0 })).toBe(true);
  expect(isRetryable({ code: 'INTERNAL', status: 503 })).toBe(true);
  expect(isRetryable({ code: 'OUT_OF_RANGE', status: 403 })).toBe(false);
  expect(isRetryable({ code: 'CHECKIN_CLOSED', status: 409 })).toBe(false);
});
