import type { DeliveryStatus } from '../../contracts/notify';

/** A queued message as the sender sees it. */
export interface OutboxItem {
  id: number;
  memberId: number;
  /** The member's WeChat openid (null for members without one, e.g. made by dev login). */
  openid: string | null;
  kind: string;
  payload: Record<string, unknown>;
  /** Sends tried so far, this claim included. */
  attempts: number;
  createdAt: string;
}

/** How a claimed message ended; 'pending' with retryAt means it waits for another try. */
export type OutboxOutcome =
  { status: 'sent' } | { status: 'failed' | 'cancelled'; code: string; message: string } | { status: 'pending'; retryAt: Date; code: string; message: string };

export interface DeliveryCountRow {
  kind: string;
  status: DeliveryStatus;
  code: string | null;
  message: string | null;
  count: number;
}

export interface NotifyRepo {
  /** Messages that may be claimed at `now` (waiting and due, or claimed by a sender whose claim ran out), oldest first. */
  due(now: Date, limit: number): Promise<OutboxItem[]>;
  /**
   * One conditional UPDATE: takes the message for `token` until `until` if it is still claimable at `now`, counting
   * the attempt. Returns the claimed message, or undefined when another sender got it first.
   */
  claim(id: number, token: string, now: Date, until: Date): Promise<OutboxItem | undefined>;
  /** Records the outcome, only while `token` still holds the claim; false when it did not. */
  settle(id: number, token: string, outcome: OutboxOutcome, at: Date): Promise<boolean>;
  /**
   * Queues one message under a unique key, to be sent from `notBefore`: inserts it, or re-arms the key's message when
   * it was cancelled or is still waiting. False when that key's message was already sent or is being sent.
   */
  queueKeyed(m: { key: string; memberId: number; kind: string; payload: Record<string, unknown>; notBefore: Date }, at: Date): Promise<boolean>;
  /** Cancels the key's message if it is still waiting; true when it was. */
  cancelKeyed(key: string, at: Date): Promise<boolean>;
  /** Messages of these kinds whose payload names this class or event, counted by status and failure code. */
  deliveryCounts(kinds: readonly string[], subject: { field: 'classId' | 'eventId'; id: number }): Promise<DeliveryCountRow[]>;
  /** The media path of a 小程序码 made before under this key (e.g. "campaign:12"), or null. */
  cachedCode(key: string): Promise<string | null>;
  /** Remembers a made code; the first one kept for a key wins (returns the path that stands). */
  cacheCode(key: string, path: string, at: Date): Promise<string>;
}
