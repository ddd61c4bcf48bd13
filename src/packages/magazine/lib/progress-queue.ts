/**
 * Progress made while offline waits here and is sent later. Pure logic over a tiny storage
 * interface, so it is unit-tested without Taro. Per article only the latest reading (by device
 * time) is kept: the server would keep that one anyway.
 */
export interface QueuedProgress {
  articleId: number;
  position: number;
  readAt: string;
}

export interface KeyValueStorage {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
}

export type Sender = (p: QueuedProgress) => Promise<void>;

/** A sender throws this kind of error when the network is down: the entry stays queued. */
export const isNetworkError = (e: unknown) => (e as { code?: string } | null)?.code === 'NETWORK';

const KEY = 'magazine:progress-queue';

export class ProgressQueue {
  constructor(
    private readonly storage: KeyValueStorage,
    private readonly key = KEY,
  ) {}

  pending(): QueuedProgress[] {
    try {
      const raw = this.storage.get(this.key);
      const list = raw ? (JSON.parse(raw) as QueuedProgress[]) : [];
      return Array.isArray(list) ? list : [];
    } catch {
      return [];
    }
  }

  private save(list: QueuedProgress[]) {
    this.storage.set(this.key, JSON.stringify(list));
  }

  add(p: QueuedProgress): void {
    const list = this.pending();
    const i = list.findIndex((q) => q.articleId === p.articleId);
    if (i < 0) list.push(p);
    else if (p.readAt >= list[i].readAt) list[i] = p;
    this.save(list.slice(-200));
  }

  /**
   * Sends every queued entry, oldest reading first. Entries that fail for lack of network stay;
   * entries the server refuses (e.g. the article was withdrawn) are dropped. Returns how many were sent.
   */
  async flush(send: Sender): Promise<{ sent: number; left: number }> {
    const list = this.pending().sort((a, b) => (a.readAt < b.readAt ? -1 : 1));
    let sent = 0;
    const keep: QueuedProgress[] = [];
    for (const [i, p] of list.entries()) {
      try {
        await send(p);
        sent++;
      } catch (e) {
        if (isNetworkError(e)) {
          keep.push(...list.slice(i));
          break;
        }
      }
    }
    // entries added while flushing were saved meanwhile; merge them back
    const current = this.pending().filter((c) => !list.some((l) => l.articleId === c.articleId && l.readAt === c.readAt));
    this.save([...keep, ...current]);
    return { sent, left: keep.length + current.length };
  }
}
