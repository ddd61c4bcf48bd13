import type { Migration } from '../migrate';

export const foundationMigrations: Migration[] = [
  {
    id: '001_foundation',
    sql: `
      CREATE TABLE orgs (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
        parent_id TEXT REFERENCES orgs(id),
        path TEXT NOT NULL UNIQUE,
        member_count INTEGER,
        sort INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX orgs_parent ON orgs(parent_id, sort);

      CREATE TABLE members (
        id INTEGER PRIMARY KEY,
        openid TEXT NOT NULL UNIQUE,
        nickname TEXT NOT NULL,
        real_name TEXT,
        phone TEXT,
        org_id TEXT REFERENCES orgs(id),
        points INTEGER NOT NULL DEFAULT 0,
        consent_version TEXT,
        consent_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX members_org ON members(org_id);

      CREATE TABLE privacy_consents (
        id INTEGER PRIMARY KEY,
        member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
        version TEXT NOT NULL,
        agreed_at TEXT NOT NULL
      );

      -- The one points ledger. member_id is nulled when a member deletes their account,
      -- so totals per org and per reason survive while nothing points back to the person.
      CREATE TABLE points_ledger (
        id INTEGER PRIMARY KEY,
        member_id INTEGER REFERENCES members(id) ON DELETE SET NULL,
        org_id TEXT,
        delta INTEGER NOT NULL,
        reason TEXT NOT NULL,
        ref_key TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL
      );
      CREATE INDEX points_member ON points_ledger(member_id, created_at);

      -- Grants are by openid, so a grant can be made before the person first opens the app.
      CREATE TABLE admin_grants (
        openid TEXT NOT NULL,
        org_id TEXT NOT NULL REFERENCES orgs(id),
        granted_at TEXT NOT NULL,
        PRIMARY KEY (openid, org_id)
      );

      -- Counts that must outlive deleted accounts.
      CREATE TABLE deleted_members (
        id INTEGER PRIMARY KEY,
        org_id TEXT,
        deleted_at TEXT NOT NULL
      );

      CREATE TABLE seed_runs (name TEXT PRIMARY KEY, ran_at TEXT NOT NULL);
    `,
  },
  {
    id: '002_member_elder_mode',
    sql: `ALTER TABLE members ADD COLUMN elder_mode INTEGER NOT NULL DEFAULT 0 CHECK (elder_mode IN (0, 1));`,
  },
  {
    // A seed is claimed by inserting its row (ran_at NULL) and marked run afterwards, as on MySQL; the
    // session signing key moves from a file in DATA_DIR into the database, shared like the data.
    id: '003_seed_claims_and_shared_secrets',
    sql: `
      CREATE TABLE seed_runs_claimed (name TEXT PRIMARY KEY, claimed_at TEXT NOT NULL, ran_at TEXT);
      INSERT INTO seed_runs_claimed (name, claimed_at, ran_at) SELECT name, ran_at, ran_at FROM seed_runs;
      DROP TABLE seed_runs;
      ALTER TABLE seed_runs_claimed RENAME TO seed_runs;

      CREATE TABLE shared_secrets (name TEXT PRIMARY KEY, value TEXT NOT NULL, created_at TEXT NOT NULL);
    `,
  },
];
