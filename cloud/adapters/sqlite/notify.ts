import { statementCache, type Db } from './db';
import type { DeliveryCountRow, NotifyRepo, OutboxItem } from '../../features/notify/repo';

type Raw = Record<string, any>;

const ITEM_COLUMNS = `o.id, o.member_id AS memberId, m.openid, o.template AS kind, o.payload_json AS payloadJson, o.attempts, o.created_at AS createdAt`;
const item = (r: Raw): OutboxItem => ({
  id: r.id,
  memberId: r.memberId,
  openid: r.openid ?? null,
  kind: r.kind,
  payload: JSON.parse(r.payloadJson),
  attempts: r.attempts,
  createdAt: r.createdAt,
});
/** Claimable at @now: waiting and due, or claimed by a sender whose claim ran out. */
const CLAIMABLE = `((status = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= @now)) OR (status = 'sending' AND claimed_until <= @now))`;

export function sqliteNotifyRepo(db: Db): NotifyRepo {
  const cached = statementCache(db);
  const dueWaiting = db.prepare(
    `SELECT ${ITEM_COLUMNS} FROM notification_outbox o LEFT JOIN members m ON m.id = o.member_id
     WHERE o.status = 'pending' AND (o.next_attempt_at IS NULL OR o.next_attempt_at <= @now) ORDER BY o.id LIMIT @limit`,
  );
  const dueStale = db.prepare(
    `SELECT ${ITEM_COLUMNS} FROM notification_outbox o LEFT JOIN members m ON m.id = o.member_id
     WHERE o.status = 'sending' AND o.claimed_until <= @now ORDER BY o.id LIMIT @limit`,
  );
  const claim = db.prepare(
    `UPDATE notification_outbox SET status = 'sending', claimed_by = @token, claimed_until = @until, attempts = attempts + 1
     WHERE id = @id AND ${CLAIMABLE}`,
  );
  const byId = db.prepare(`SELECT ${ITEM_COLUMNS} FROM notification_outbox o LEFT JOIN members m ON m.id = o.member_id WHERE o.id = ?`);
  const settle = db.prepare(
    `UPDATE notification_outbox SET status = @status, sent_at = @sentAt, next_attempt_at = @retryAt, error_code = @code, error_message = @message,
       claimed_by = NULL, claimed_until = NULL
     WHERE id = @id AND status = 'sending' AND claimed_by = @token`,
  );
  const insertKeyed = db.prepare(
    `INSERT INTO notification_outbox (member_id, channel, template, payload_json, created_at, status, next_attempt_at, dedupe_key)
     VALUES (@memberId, 'wechat-subscribe', @kind, @payload, @at, 'pending', @notBefore, @key)
     ON CONFLICT (dedupe_key) DO UPDATE SET status = 'pending', next_attempt_at = excluded.next_attempt_at, payload_json = excluded.payload_json,
       attempts = 0, error_code = NULL, error_message = NULL
     WHERE notification_outbox.status IN ('pending', 'cancelled')`,
  );
  const cancelKeyed = db.prepare(
    `UPDATE notification_outbox SET status = 'cancelled', error_code = 'WITHDRAWN', error_message = '会员已取消', next_attempt_at = NULL
     WHERE dedupe_key = ? AND status = 'pending'`,
  );

  return {
    async due(now, limit) {
      const p = { now: now.toISOString(), limit };
      return [...dueWaiting.all(p), ...dueStale.all(p)].map((r) => item(r as Raw));
    },
    async claim(id, token, now, until) {
      if (claim.run({ id, token, now: now.toISOString(), until: until.toISOString() }).changes !== 1) return undefined;
      return item(byId.get(id) as Raw);
    },
    async settle(id, token, outcome, at) {
      const fields =
        outcome.status === 'sent'
          ? { sentAt: at.toISOString(), retryAt: null, code: null, message: null }
          : {
              sentAt: null,
              retryAt: outcome.status === 'pending' ? outcome.retryAt.toISOString() : null,
              code: outcome.code,
              message: outcome.message.slice(0, 500),
            };
      return settle.run({ id, token, status: outcome.status, ...fields }).changes === 1;
    },
    async queueKeyed(m, at) {
      const r = insertKeyed.run({
        memberId: m.memberId,
        kind: m.kind,
        payload: JSON.stringify(m.payload),
        at: at.toISOString(),
        notBefore: m.notBefore.toISOString(),
        key: m.key,
      });
      return r.changes === 1;
    },
    async cancelKeyed(key) {
      return cancelKeyed.run(key).changes === 1;
    },
    async cachedCode(key) {
      return (cached('SELECT media_path FROM wechat_codes WHERE code_key = ?').pluck().get(key) as string | undefined) ?? null;
    },
    async cacheCode(key, path, at) {
      cached('INSERT OR IGNORE INTO wechat_codes (code_key, media_path, created_at) VALUES (?, ?, ?)').run(key, path, at.toISOString());
      return cached('SELECT media_path FROM wechat_codes WHERE code_key = ?').pluck().get(key) as string;
    },
    async deliveryCounts(kinds, subject) {
      if (kinds.length === 0) return [];
      return cached(
        `SELECT template AS kind, status, error_code AS code, MAX(error_message) AS message, COUNT(*) AS count FROM notification_outbox
           WHERE template IN (${kinds.map(() => '?').join(', ')}) AND json_extract(payload_json, '$.${subject.field}') = ?
           GROUP BY template, status, error_code`,
      ).all(...kinds, subject.id) as DeliveryCountRow[];
    },
  };
}
