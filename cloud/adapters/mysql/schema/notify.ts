import { TABLE, type MysqlMigration } from '../migrate';

export const notifyMigrations: MysqlMigration[] = [
  {
    id: '600_notify_delivery',
    statements: [
      // The table comes from the classes migrations (200 range, run first); spelled here too, the same, so the
      // notify feature's schema stands on its own. A no-op when it exists.
      `CREATE TABLE IF NOT EXISTS notification_outbox (
         id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
         member_id BIGINT NOT NULL,
         channel VARCHAR(32) NOT NULL,
         template VARCHAR(64) NOT NULL,
         payload_json TEXT NOT NULL,
         created_at VARCHAR(32) NOT NULL,
         sent_at VARCHAR(32) NULL,
         KEY notification_outbox_member (member_id, id)
       ) ${TABLE}`,
      // Delivery state: a sender claims a row with one conditional UPDATE (claimed_by / claimed_until).
      `ALTER TABLE notification_outbox ADD COLUMN status VARCHAR(16) NOT NULL DEFAULT 'pending'`,
      `ALTER TABLE notification_outbox ADD COLUMN attempts INT NOT NULL DEFAULT 0`,
      `ALTER TABLE notification_outbox ADD COLUMN next_attempt_at VARCHAR(32) NULL`,
      `ALTER TABLE notification_outbox ADD COLUMN claimed_by VARCHAR(32) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL`,
      `ALTER TABLE notification_outbox ADD COLUMN claimed_until VARCHAR(32) NULL`,
      `ALTER TABLE notification_outbox ADD COLUMN error_code VARCHAR(32) NULL`,
      `ALTER TABLE notification_outbox ADD COLUMN error_message VARCHAR(500) NULL`,
      // One message per key where a feature needs it (one 活动提醒 per member and event); NULL for the rest.
      `ALTER TABLE notification_outbox ADD COLUMN dedupe_key VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL`,
      `UPDATE notification_outbox SET status = 'sent' WHERE sent_at IS NOT NULL`,
      `CREATE UNIQUE INDEX notification_outbox_key ON notification_outbox (dedupe_key)`,
      `CREATE INDEX notification_outbox_due ON notification_outbox (status, next_attempt_at)`,
      `CREATE INDEX notification_outbox_claims ON notification_outbox (status, claimed_until)`,
      `CREATE INDEX notification_outbox_template ON notification_outbox (template, status)`,
    ],
  },
  {
    id: '601_wechat_codes',
    statements: [
      // 小程序码 made by wxacode.getUnlimited, once per key (e.g. "campaign:12"); the image is in media storage.
      `CREATE TABLE wechat_codes (
         code_key VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL PRIMARY KEY,
         media_path VARCHAR(128) NOT NULL,
         created_at VARCHAR(32) NOT NULL
       ) ${TABLE}`,
    ],
  },
];
