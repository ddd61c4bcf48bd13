/**
 * The offline check-in queue, free of Taro so it can be unit-tested with a fake storage and network
 * (tests/unit/events-offline-queue.test.ts). offline.ts wires it to Taro's storage, `call` and
 * network events.
 *
 * A scan made without a network keeps the code and the time of the scan on the device; they are
 * submitted when the network returns, and the server judges the code as of that scan time.
 */
export interface QueuedCheckin {
  eventId: number;
  code: string;
  /** When the member scanned (or typed) the code, ISO. */
  scannedAt: string;
  location: { lat: number; lng: number } | null;
}

export interface CheckinPayload {
  eventId: number;
  code: string;
  scannedAt?: string;
  location?: { lat: number; lng: number };
}

/** What a failed call looks like (ApiCallError): code 'NETWORK' / status 0 when nothing reached the server. */
export interface CallFailure {
  code?: string;
  status?: number;
  message?: string;
}

export interface CheckinQueueDeps {
  storage: { get(key: string): unknown; set(key: string, value: unknown): void };
  /** Calls event.checkin; rejects with a CallFailure. */
  submit(payload: CheckinPayload): Promise<unknown>;
  /** Tells the member something (a toast). */
  notify(message: string): void;
  /** Subscribes to "the network is back". */
  onNetworkBack(listener: () => void): void;
}

export interface FlushResult {
  done: number;
  /** Final refusals: dropped from the queue, with the server's reason. */
  refused: { eventId: number; reason: string }[];
  /** Still queued (no network, or a failure worth retrying). */
  kept: number;
}

export const QUEUE_KEY = 'events.offlineCheckins';

/** Nothing reached the server, or it failed: the scan is kept on the device. */
export function isUnreachable(e: CallFailure): boolean {
  const status = e.status ?? 0;
  return e.code === 'NETWORK' || status === 0 || status >= 500;
}
/** For a queued scan, "try later" (429) is also worth another go. Any other answer is final. */
export function isRetryable(e: CallFailure): boolean {
  return isUnreachable(e) || e.status === 429;
}

export function createCheckinQueue(deps: CheckinQueueDeps) {
  const list = (): QueuedCheckin[] => {
    try {
      const v = deps.storage.get(QUEUE_KEY);
      return Array.isArray(v) ? (v as QueuedCheckin[]) : [];
    } catch {
      return [];
    }
  };
  const save = (items: QueuedCheckin[]) => deps.storage.set(QUEUE_KEY, items);
  /** One entry per event: a later scan replaces an earlier one. */
  const enqueue = (item: QueuedCheckin) => save([...list().filter((q) => q.eventId !== item.eventId), item]);
  const remove = (item: QueuedCheckin) => save(list().filter((q) => !(q.eventId === item.eventId && q.scannedAt === item.scannedAt)));
  const payloadOf = (q: QueuedCheckin): CheckinPayload => ({
    eventId: q.eventId,
    code: q.code,
    scannedAt: q.scannedAt,
    ...(q.location ? { location: q.location } : {}),
  });

  const listeners = new Set<(r: FlushResult) => void>();
  let running: Promise<FlushResult> | null = null;
  async function runFlush(): Promise<FlushResult> {
    const result: FlushResult = { done: 0, refused: [], kept: 0 };
    for (const q of list()) {
      try {
        await deps.submit(payloadOf(q));
        result.done++;
        remove(q);
      } catch (e) {
        const err = e as CallFailure;
        if (isRetryable(err)) {
          result.kept++;
          continue;
        }
        result.refused.push({ eventId: q.eventId, reason: err.message || '签到未被接受' });
        remove(q);
      }
    }
    // Whoever asked for the flush, the member hears what happened.
    if (result.done) deps.notify(`离线签到已提交 ${result.done} 条`);
    for (const x of result.refused) deps.notify(`离线签到未被接受：${x.reason}`);
    if (result.done || result.refused.length) listeners.forEach((l) => l(result));
    return result;
  }

  let again: Promise<FlushResult> | null = null;
  /**
   * Submits every queued check-in. Flushes never overlap, so nothing is sent twice: one asked for
   * while another runs (the network came back during it) is one more pass after it, shared by every
   * caller in the meantime.
   */
  function flush(): Promise<FlushResult> {
    if (!running) {
      running = runFlush().finally(() => (running = null));
      return running;
    }
    if (!again)
      again = running.then(() => {
        again = null;
        return flush();
      });
    return again;
  }

  /**
   * Checks in now; when the network (or the server) is not there, keeps the scan on the device and
   * answers { queued: true }. Any answer of the server (a refusal, or 429 after too many wrong codes)
   * rejects with its reason for the member to see.
   */
  async function checkIn(item: QueuedCheckin): Promise<{ queued: false; result: unknown } | { queued: true }> {
    try {
      const result = await deps.submit({ eventId: item.eventId, code: item.code, ...(item.location ? { location: item.location } : {}) });
      return { queued: false, result };
    } catch (e) {
      if (!isUnreachable(e as CallFailure)) throw e;
      enqueue(item);
      return { queued: true };
    }
  }

  let watching = false;
  /** Flushes now and whenever the network returns; tells the member what happened. */
  function watch(onFlushed?: (r: FlushResult) => void): () => void {
    if (onFlushed) listeners.add(onFlushed);
    const go = () => {
      if (!list().length) return;
      void flush();
    };
    if (!watching) {
      watching = true;
      deps.onNetworkBack(go);
    }
    go();
    return () => onFlushed && listeners.delete(onFlushed);
  }

  return { list, enqueue, flush, checkIn, watch };
}
export type CheckinQueue = ReturnType<typeof createCheckinQueue>;
