import type { Migration } from '../migrate';

export const eventMigrations: Migration[] = [
  {
    id: '300_events',
    sql: `
      CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        org_id TEXT NOT NULL REFERENCES orgs(id),
        org_path TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('event', 'notice')),
        type TEXT NOT NULL,
        title TEXT NOT NULL,
        cover TEXT,
        body TEXT NOT NULL DEFAULT '',
        starts_at TEXT NOT NULL,
        ends_at TEXT NOT NULL,
        venue_name TEXT NOT NULL DEFAULT '',
        venue_address TEXT NOT NULL DEFAULT '',
        lat REAL,
        lng REAL,
        radius INTEGER NOT NULL DEFAULT 500,
        checkin_opens_at TEXT NOT NULL,
        checkin_closes_at TEXT NOT NULL,
        location_required INTEGER NOT NULL DEFAULT 0,
        points INTEGER NOT NULL DEFAULT 0,
        audience TEXT NOT NULL CHECK (audience IN ('org', 'all')),
        published INTEGER NOT NULL DEFAULT 0,
        created_by INTEGER REFERENCES members(id) ON DELETE SET NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX events_start ON events(published, starts_at);
      CREATE INDEX events_org ON events(org_path);

      -- "我要参加": member_id is nulled on account deletion so the count survives.
      CREATE TABLE event_intents (
        event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        member_id INTEGER REFERENCES members(id) ON DELETE SET NULL,
        created_at TEXT NOT NULL,
        UNIQUE (event_id, member_id)
      );

      -- One row per member and event (UNIQUE): the database itself refuses a second check-in.
      CREATE TABLE event_checkins (
        id INTEGER PRIMARY KEY,
        event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        member_id INTEGER REFERENCES members(id) ON DELETE SET NULL,
        org_id TEXT,
        checked_in_at TEXT NOT NULL,
        scanned_at TEXT,
        offline INTEGER NOT NULL DEFAULT 0,
        code_window INTEGER NOT NULL,
        lat REAL,
        lng REAL,
        distance REAL,
        voided_at TEXT,
        voided_by INTEGER,
        UNIQUE (event_id, member_id)
      );
      CREATE INDEX event_checkins_event ON event_checkins(event_id, checked_in_at);
      CREATE INDEX event_checkins_member ON event_checkins(member_id);

      -- A deleted member's location leaves with them; the anonymous row keeps the counts.
      CREATE TRIGGER event_checkins_forget BEFORE DELETE ON members BEGIN
        UPDATE event_checkins SET lat = NULL, lng = NULL, distance = NULL WHERE member_id = OLD.id;
      END;

      -- The HMAC key of check-in codes: generated once per database, never the session secret.
      CREATE TABLE event_keys (id INTEGER PRIMARY KEY CHECK (id = 1), secret BLOB NOT NULL, created_at TEXT NOT NULL);
    `,
  },
  {
    id: '301_event_code_attempts',
    sql: `
      -- Wrong check-in codes per member and event, for the wrong-code limit. Kept in the database
      -- (not in a process's memory) so the limit holds across restarts and across several host
      -- processes sharing this file. Rows older than the 5-minute window are pruned as new ones come.
      CREATE TABLE event_code_attempts (
        id INTEGER PRIMARY KEY,
        event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
        at_ms INTEGER NOT NULL
      );
      CREATE INDEX event_code_attempts_key ON event_code_attempts(member_id, event_id, at_ms);
      CREATE INDEX event_code_attempts_at ON event_code_attempts(at_ms);
    `,
  },
];
