import { placeholders, type MysqlDb } from './db';
import type { DeliveryCountRow, NotifyRepo, OutboxItem } from '../../features/notify/repo';

type Raw = Record<string, any>;

const ITEM_COLUMNS = `o.id, o.member_id AS memberId, m.openid, o.template AS kind, o.payload_json AS payloadJson, o.attempts, o.created_at AS createdAt`;
const FROM = `FROM notification_outbox o LEFT JOIN members m ON m.id = o.member_id`;
const item = (r: Raw): OutboxItem => ({
  id: Number(r.id),
  memberId: Number(r.memberId),
  openid: r.openid ?? null,
  kind: r.kind,
  payload: JSON.parse(r.payloadJson),
  attempts: Number(r.attempts),
  createdAt: r.createdAt,
});

/** The outbox's delivery state on MySQL / MariaDB / TiDB: conditional UPDATEs checked by affected (matched) rows. */
export function mysqlNotifyRepo(db: MysqlDb): NotifyRepo {
  return {
    async due(now, limit) {
      const at = now.toISOString();
      const waiting = await db.rows<Raw>(
        `SELECT ${ITEM_COLUMNS} ${FROM} WHERE o.status = 'pending' AND (o.next_attempt_at IS NULL OR o.next_attempt_at <= ?) ORDER BY o.id LIMIT ?`,
        [at, limit],
      );
      const stale = await db.rows<Raw>(`SELECT ${ITEM_COLUMNS} ${FROM} WHERE o.status = 'sending' AND o.claimed_until <= ? ORDER BY o.id LIMIT ?`, [at, limit]);
      return [...waiting, ...stale].map(item);
    },
    async claim(id, token, now, until) {
      const at = now.toISOString();
      const r = await db.run(
        `UPDATE notification_outbox SET status = 'sending', claimed_by = ?, claimed_until = ?, attempts = attempts + 1
         WHERE id = ? AND ((status = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= ?)) OR (status = 'sending' AND claimed_until <= ?))`,
        [token, until.toISOString(), id, at, at],
      );
      if (r.affected !== 1) return undefined;
      const row = await db.row<Raw>(`SELECT ${ITEM_COLUMNS} ${FROM} WHERE o.id = ?`, [id]);
      return row && item(row);
    },
    async settle(id, token, outcome, at) {
      const sent = outcome.status === 'sent';
      const r = await db.run(
        `UPDATE notification_outbox SET status = ?, sent_at = ?, next_attempt_at = ?, error_code = ?, error_message = ?, claimed_by = NULL, claimed_until = NULL
         WHERE id = ? AND status = 'sending' AND claimed_by = ?`,
        [
          outcome.status,
          sent ? at.toISOString() : null,
          outcome.status === 'pending' ? outcome.retryAt.toISOString() : null,
          sent ? null : outcome.code,
          sent ? null : outcome.message.slice(0, 500),
          id,
          token,
        ],
      );
      return r.affected === 1;
    },
    async queueKeyed(m, at) {
      const payload = JSON.stringify(m.payload);
      const notBefore = m.notBefore.toISOString();
      const { inserted } = await db.insertUnique(
        `INSERT INTO notification_outbox (member_id, channel, template, payload_json, created_at, status, next_attempt_at, dedupe_key)
         VALUES (?, 'wechat-subscribe', ?, ?, ?, 'pending', ?, ?)`,
        [m.memberId, m.kind, payload, at.toISOString(), notBefore, m.key],
      );
      if (inserted) return true;
      const r = await db.run(
        `UPDATE notification_outbox SET status = 'pending', next_attempt_at = ?, payload_json = ?, attempts = 0, error_code = NULL, error_message = NULL
         WHERE dedupe_key = ? AND status IN ('pending', 'cancelled')`,
        [notBefore, payload, m.key],
      );
      return r.affected === 1;
    },
    async cancelKeyed(key) {
      const r = await db.run(
        `UPDATE notification_outbox SET status = 'cancelled', error_code = 'WITHDRAWN', error_message = '会员已取消', next_attempt_at = NULL
         WHERE dedupe_key = ? AND status = 'pending'`,
        [key],
      );
      return r.affected === 1;
    },
    async cachedCode(key) {
      return (await db.value<string>('SELECT media_path FROM wechat_codes WHERE code_key = ?', [key])) ?? null;
    },
    async cacheCode(key, path, at) {
      await db.insertUnique('INSERT INTO wechat_codes (code_key, media_path, created_at) VALUES (?, ?, ?)', [key, path, at.toISOString()]);
      return (await db.value<string>('SELECT media_path FROM wechat_codes WHERE code_key = ?', [key]))!;
    },
    async deliveryCounts(kinds, subject) {
      if (kinds.length === 0) return [];
      const rows = await db.rows<Raw>(
        `SELECT template AS kind, status, error_code AS code, MAX(error_message) AS message, COUNT(*) AS count FROM notification_outbox
         WHERE template IN (${placeholders(kinds.length)}) AND JSON_UNQUOTE(JSON_EXTRACT(payload_json, '$.${subject.field}')) = ?
         GROUP BY template, status, error_code`,
        [...kinds, String(subject.id)],
      );
      return rows.map((r): DeliveryCountRow => ({ kind: r.kind, status: r.status, code: r.code ?? null, message: r.message ?? null, count: Number(r.count) }));
    },
  };
}
