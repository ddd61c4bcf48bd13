import { TABLE, type MysqlMigration } from '../migrate';

/**
 * 活动通知与签到: the MySQL twin of adapters/sqlite/schema/events.ts. Times are ISO strings as in SQLite.
 * What SQLite does with a trigger (a deleted member's check-in location is wiped) the app does through
 * EventRepo.forgetMember, called before a member row is deleted.
 */
export const eventMysqlMigrations: MysqlMigration[] = [
  {
    id: '300_events',
    statements: [
      `CREATE TABLE events (
        id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
        org_id VARCHAR(32) NOT NULL,
        org_path VARCHAR(255) NOT NULL,
        kind VARCHAR(16) NOT NULL,
        type VARCHAR(32) NOT NULL,
        title VARCHAR(100) NOT NULL,
        cover VARCHAR(500) NULL,
        body MEDIUMTEXT NOT NULL,
        starts_at VARCHAR(32) NOT NULL,
        ends_at VARCHAR(32) NOT NULL,
        venue_name VARCHAR(100) NOT NULL DEFAULT '',
        venue_address VARCHAR(200) NOT NULL DEFAULT '',
        lat DOUBLE NULL,
        lng DOUBLE NULL,
        radius INT NOT NULL DEFAULT 500,
        checkin_opens_at VARCHAR(32) NOT NULL,
        checkin_closes_at VARCHAR(32) NOT NULL,
        location_required TINYINT NOT NULL DEFAULT 0,
        points INT NOT NULL DEFAULT 0,
        audience VARCHAR(8) NOT NULL,
        published TINYINT NOT NULL DEFAULT 0,
        created_by BIGINT NULL,
        created_at VARCHAR(32) NOT NULL,
        updated_at VARCHAR(32) NOT NULL,
        KEY events_start (published, starts_at),
        KEY events_org (org_path),
        CONSTRAINT events_org_fk FOREIGN KEY (org_id) REFERENCES orgs (id),
        CONSTRAINT events_created_by_fk FOREIGN KEY (created_by) REFERENCES members (id) ON DELETE SET NULL
      ) ${TABLE}`,
      // "我要参加": member_id is nulled on account deletion so the count survives.
      `CREATE TABLE event_intents (
        id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
        event_id BIGINT NOT NULL,
        member_id BIGINT NULL,
        created_at VARCHAR(32) NOT NULL,
        UNIQUE KEY event_intents_once (event_id, member_id),
        KEY event_intents_member (member_id),
        CONSTRAINT event_intents_event_fk FOREIGN KEY (event_id) REFERENCES events (id) ON DELETE CASCADE,
        CONSTRAINT event_intents_member_fk FOREIGN KEY (member_id) REFERENCES members (id) ON DELETE SET NULL
      ) ${TABLE}`,
      // One row per member and event (UNIQUE): the database itself refuses a second check-in, whichever host sends it.
      `CREATE TABLE event_checkins (
        id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
        event_id BIGINT NOT NULL,
        member_id BIGINT NULL,
        org_id VARCHAR(32) NULL,
        checked_in_at VARCHAR(32) NOT NULL,
        scanned_at VARCHAR(32) NULL,
        offline TINYINT NOT NULL DEFAULT 0,
        code_window BIGINT NOT NULL,
        lat DOUBLE NULL,
        lng DOUBLE NULL,
        distance DOUBLE NULL,
        voided_at VARCHAR(32) NULL,
        voided_by BIGINT NULL,
        UNIQUE KEY event_checkins_once (event_id, member_id),
        KEY event_checkins_event (event_id, checked_in_at),
        KEY event_checkins_member (member_id),
        CONSTRAINT event_checkins_event_fk FOREIGN KEY (event_id) REFERENCES events (id) ON DELETE CASCADE,
        CONSTRAINT event_checkins_member_fk FOREIGN KEY (member_id) REFERENCES members (id) ON DELETE SET NULL
      ) ${TABLE}`,
      // The HMAC key of check-in codes: generated once per database (the first insert wins), never the session secret.
      `CREATE TABLE event_keys (
        id TINYINT NOT NULL PRIMARY KEY,
        secret VARBINARY(64) NOT NULL,
        created_at VARCHAR(32) NOT NULL
      ) ${TABLE}`,
      // The wrong-code limit: one row per member and event, locked by its primary key while a wrong code is
      // judged, holding the times (ms, comma-separated) of the wrong codes still inside the sliding window.
      `CREATE TABLE event_code_guards (
        event_id BIGINT NOT NULL,
        member_id BIGINT NOT NULL,
        recent_ms TEXT NOT NULL,
        PRIMARY KEY (event_id, member_id),
        KEY event_code_guards_member (member_id),
        CONSTRAINT event_code_guards_event_fk FOREIGN KEY (event_id) REFERENCES events (id) ON DELETE CASCADE,
        CONSTRAINT event_code_guards_member_fk FOREIGN KEY (member_id) REFERENCES members (id) ON DELETE CASCADE
      ) ${TABLE}`,
    ],
  },
];
