import type { Migration } from '../migrate';

export const notifyMigrations: Migration[] = [
  {
    id: '600_notify_delivery',
    sql: `
      -- Delivery state of each WeChat subscribe message (the table itself comes from the classes migrations).
      -- A sender claims a row with one conditional UPDATE (claimed_by / claimed_until), so two hosts never send it twice.
      ALTER TABLE notification_outbox ADD COLUMN status TEXT NOT NULL DEFAULT 'pending';
      ALTER TABLE notification_outbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE notification_outbox ADD COLUMN next_attempt_at TEXT;
      ALTER TABLE notification_outbox ADD COLUMN claimed_by TEXT;
      ALTER TABLE notification_outbox ADD COLUMN claimed_until TEXT;
      ALTER TABLE notification_outbox ADD COLUMN error_code TEXT;
      ALTER TABLE notification_outbox ADD COLUMN error_message TEXT;
      -- One message per key where a feature needs it (one 活动提醒 per member and event); NULL for the rest.
      ALTER TABLE notification_outbox ADD COLUMN dedupe_key TEXT;
      UPDATE notification_outbox SET status = 'sent' WHERE sent_at IS NOT NULL;
      CREATE UNIQUE INDEX notification_outbox_key ON notification_outbox(dedupe_key);
      CREATE INDEX notification_outbox_due ON notification_outbox(status, next_attempt_at);
      CREATE INDEX notification_outbox_claims ON notification_outbox(status, claimed_until);
      CREATE INDEX notification_outbox_template ON notification_outbox(template, status);
    `,
  },
  {
    id: '601_wechat_codes',
    sql: `
      -- 小程序码 made by wxacode.getUnlimited, once per key (e.g. "campaign:12"); the image is in media storage.
      CREATE TABLE wechat_codes (code_key TEXT PRIMARY KEY, media_path TEXT NOT NULL, created_at TEXT NOT NULL) WITHOUT ROWID;
    `,
  },
];
