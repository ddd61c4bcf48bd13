import type { Migration } from '../migrate';

/**
 * 家长课堂. Arrival order is the registration id (one process, one writer: ids grow in commit order),
 * so a waitlist position is simply the rank among the class's waitlisted ids — never stored, never gapped.
 * confirmed_count is kept in the same transaction as every status change; the CHECK makes overselling
 * impossible even if a bug slipped past the repo.
 */
export const classesMigrations: Migration[] = [
  {
    id: '200_classes',
    sql: `
      CREATE TABLE classes (
        id INTEGER PRIMARY KEY,
        org_id TEXT NOT NULL REFERENCES orgs(id),
        title TEXT NOT NULL,
        topic TEXT NOT NULL,
        teacher TEXT NOT NULL,
        description TEXT NOT NULL,
        venue_json TEXT,
        online_url TEXT,
        starts_at TEXT NOT NULL,
        ends_at TEXT NOT NULL,
        reg_opens_at TEXT NOT NULL,
        reg_closes_at TEXT NOT NULL,
        capacity INTEGER NOT NULL CHECK (capacity > 0),
        confirmed_count INTEGER NOT NULL DEFAULT 0 CHECK (confirmed_count >= 0 AND confirmed_count <= capacity),
        waitlist_count INTEGER NOT NULL DEFAULT 0 CHECK (waitlist_count >= 0),
        age_min INTEGER,
        age_max INTEGER,
        fields_json TEXT NOT NULL,
        cancel_hours INTEGER,
        waitlist_open INTEGER NOT NULL,
        created_by INTEGER,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX classes_start ON classes(starts_at);

      -- Personal rows: deleted with the member (the trigger below gives a confirmed seat back).
      CREATE TABLE class_registrations (
        id INTEGER PRIMARY KEY,
        class_id INTEGER NOT NULL REFERENCES classes(id) ON DELETE CASCADE,
        member_id INTEGER REFERENCES members(id) ON DELETE CASCADE,
        status TEXT NOT NULL CHECK (status IN ('confirmed', 'waitlisted', 'cancelled')),
        code TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        child_age INTEGER,
        answers_json TEXT NOT NULL,
        created_at TEXT NOT NULL,
        confirmed_at TEXT,
        cancelled_at TEXT,
        attended_at TEXT
      );
      -- One active registration per member per class, whatever the timing of the taps.
      CREATE UNIQUE INDEX class_reg_active ON class_registrations(class_id, member_id) WHERE status IN ('confirmed', 'waitlisted');
      CREATE INDEX class_reg_queue ON class_registrations(class_id, status, id);
      CREATE INDEX class_reg_member ON class_registrations(member_id, id);
      CREATE TRIGGER class_reg_deleted AFTER DELETE ON class_registrations WHEN old.status = 'confirmed'
      BEGIN
        UPDATE classes SET confirmed_count = confirmed_count - 1 WHERE id = old.class_id;
      END;
      CREATE TRIGGER class_reg_deleted_waitlisted AFTER DELETE ON class_registrations WHEN old.status = 'waitlisted'
      BEGIN
        UPDATE classes SET waitlist_count = waitlist_count - 1 WHERE id = old.class_id;
      END;

      CREATE TABLE class_reminders (
        id INTEGER PRIMARY KEY,
        registration_id INTEGER NOT NULL REFERENCES class_registrations(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('24h', '1h')),
        due_at TEXT NOT NULL,
        sent_at TEXT,
        UNIQUE (registration_id, kind)
      );
      CREATE INDEX class_reminders_due ON class_reminders(due_at) WHERE sent_at IS NULL;

      CREATE TABLE class_messages (
        id INTEGER PRIMARY KEY,
        member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        class_id INTEGER,
        created_at TEXT NOT NULL,
        read_at TEXT
      );
      CREATE INDEX class_messages_member ON class_messages(member_id, id);

      -- Every notification to send through WeChat subscribe messages (delivery comes in a later issue).
      CREATE TABLE notification_outbox (
        id INTEGER PRIMARY KEY,
        member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
        channel TEXT NOT NULL,
        template TEXT NOT NULL,
        payload_json TEXT NOT NULL,
        created_at TEXT NOT NULL,
        sent_at TEXT
      );
    `,
  },
  {
    id: '201_classes_attendance_seq_subscriptions',
    sql: `
      -- How many times a registration has been ticked as attended: each tick pays points under its own
      -- ledger key (class:attend:<id>:<seq>) and each un-tick writes the matching reversal, so history is kept.
      ALTER TABLE class_registrations ADD COLUMN attend_seq INTEGER NOT NULL DEFAULT 0;
      UPDATE class_registrations SET attend_seq = 1 WHERE attended_at IS NOT NULL;

      -- The member's latest answer to a WeChat subscribe-message request, per notice kind
      -- ('class_promoted', 'class_reminder'). The outbox queues WeChat deliveries only for accepted kinds.
      CREATE TABLE class_subscriptions (
        member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        template_id TEXT NOT NULL,
        accepted INTEGER NOT NULL,
        decided_at TEXT NOT NULL,
        PRIMARY KEY (member_id, kind)
      ) WITHOUT ROWID;
      CREATE INDEX notification_outbox_member ON notification_outbox(member_id, id);
    `,
  },
];
