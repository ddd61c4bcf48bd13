import { TABLE, type MysqlMigration } from '../migrate';

/**
 * 家长课堂, the MySQL twin of adapters/sqlite/schema/classes.ts. Several hosts write at once, so arrival order is
 * not the AUTO_INCREMENT id (TiDB hands ids out in batches per server): each registration takes the class's next
 * `seq` while holding the class row's lock, and a waitlist position is the count of waitlisted registrations with
 * a smaller seq. The seat counters change in the same transaction as every status change. No triggers: a member's
 * registrations are released by the feature's "before member delete" hook before the cascade removes them.
 */
export const classesMigrations: MysqlMigration[] = [
  {
    id: '200_classes',
    statements: [
      `CREATE TABLE classes (
        id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
        org_id VARCHAR(32) NOT NULL,
        title VARCHAR(100) NOT NULL,
        topic VARCHAR(40) NOT NULL,
        teacher VARCHAR(60) NOT NULL,
        description TEXT NOT NULL,
        venue_json TEXT NULL,
        online_url VARCHAR(400) NULL,
        starts_at VARCHAR(32) NOT NULL,
        ends_at VARCHAR(32) NOT NULL,
        reg_opens_at VARCHAR(32) NOT NULL,
        reg_closes_at VARCHAR(32) NOT NULL,
        capacity INT NOT NULL,
        confirmed_count INT NOT NULL DEFAULT 0,
        waitlist_count INT NOT NULL DEFAULT 0,
        next_seq BIGINT NOT NULL DEFAULT 0,
        age_min INT NULL,
        age_max INT NULL,
        fields_json TEXT NOT NULL,
        cancel_hours INT NULL,
        waitlist_open TINYINT NOT NULL,
        created_by BIGINT NULL,
        created_at VARCHAR(32) NOT NULL,
        updated_at VARCHAR(32) NOT NULL,
        KEY classes_start (starts_at),
        CONSTRAINT classes_seats CHECK (capacity > 0 AND confirmed_count >= 0 AND confirmed_count <= capacity AND waitlist_count >= 0),
        CONSTRAINT classes_org_fk FOREIGN KEY (org_id) REFERENCES orgs (id)
      ) ${TABLE}`,
      // active_member_id is member_id while the registration is confirmed or waitlisted and NULL otherwise:
      // the UNIQUE key then allows one active registration per member per class (MySQL has no partial index).
      `CREATE TABLE class_registrations (
        id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
        class_id BIGINT NOT NULL,
        member_id BIGINT NULL,
        active_member_id BIGINT NULL,
        seq BIGINT NOT NULL,
        status VARCHAR(16) NOT NULL,
        code VARCHAR(16) COLLATE utf8mb4_bin NOT NULL,
        name VARCHAR(64) NOT NULL,
        child_age INT NULL,
        answers_json TEXT NOT NULL,
        created_at VARCHAR(32) NOT NULL,
        confirmed_at VARCHAR(32) NULL,
        cancelled_at VARCHAR(32) NULL,
        attended_at VARCHAR(32) NULL,
        attend_seq INT NOT NULL DEFAULT 0,
        UNIQUE KEY class_reg_code (code),
        UNIQUE KEY class_reg_active (class_id, active_member_id),
        UNIQUE KEY class_reg_seq (class_id, seq),
        KEY class_reg_queue (class_id, status, seq),
        KEY class_reg_member (member_id, id),
        CONSTRAINT class_reg_status CHECK (status IN ('confirmed', 'waitlisted', 'cancelled')),
        CONSTRAINT class_reg_class_fk FOREIGN KEY (class_id) REFERENCES classes (id) ON DELETE CASCADE,
        CONSTRAINT class_reg_member_fk FOREIGN KEY (member_id) REFERENCES members (id) ON DELETE CASCADE
      ) ${TABLE}`,
      `CREATE TABLE class_reminders (
        id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
        registration_id BIGINT NOT NULL,
        kind VARCHAR(8) NOT NULL,
        due_at VARCHAR(32) NOT NULL,
        sent_at VARCHAR(32) NULL,
        UNIQUE KEY class_reminders_once (registration_id, kind),
        KEY class_reminders_due (sent_at, due_at),
        CONSTRAINT class_reminders_reg_fk FOREIGN KEY (registration_id) REFERENCES class_registrations (id) ON DELETE CASCADE
      ) ${TABLE}`,
      `CREATE TABLE class_messages (
        id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
        member_id BIGINT NOT NULL,
        kind VARCHAR(16) NOT NULL,
        title VARCHAR(200) NOT NULL,
        body TEXT NOT NULL,
        class_id BIGINT NULL,
        created_at VARCHAR(32) NOT NULL,
        read_at VARCHAR(32) NULL,
        KEY class_messages_member (member_id, id),
        CONSTRAINT class_messages_member_fk FOREIGN KEY (member_id) REFERENCES members (id) ON DELETE CASCADE
      ) ${TABLE}`,
      // The member's latest answer to a WeChat subscribe-message request, per notice kind.
      `CREATE TABLE class_subscriptions (
        member_id BIGINT NOT NULL,
        kind VARCHAR(32) COLLATE utf8mb4_bin NOT NULL,
        template_id VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
        accepted TINYINT NOT NULL,
        decided_at VARCHAR(32) NOT NULL,
        PRIMARY KEY (member_id, kind),
        CONSTRAINT class_subscriptions_member_fk FOREIGN KEY (member_id) REFERENCES members (id) ON DELETE CASCADE
      ) ${TABLE}`,
      // Every notification to send through WeChat subscribe messages (the WeChat work adds its delivery columns in 6xx).
      `CREATE TABLE notification_outbox (
        id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
        member_id BIGINT NOT NULL,
        channel VARCHAR(32) NOT NULL,
        template VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
        payload_json TEXT NOT NULL,
        created_at VARCHAR(32) NOT NULL,
        sent_at VARCHAR(32) NULL,
        KEY notification_outbox_member (member_id, id),
        CONSTRAINT notification_outbox_member_fk FOREIGN KEY (member_id) REFERENCES members (id) ON DELETE CASCADE
      ) ${TABLE}`,
    ],
  },
];
