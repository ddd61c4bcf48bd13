import { TABLE, type MysqlMigration } from '../migrate';

/**
 * Orgs, members, the points ledger, admin grants and the store's own bookkeeping: the MySQL twin of
 * adapters/sqlite/schema/member.ts. Ids of orgs are digits (the table's collation); an openid is
 * case-sensitive (utf8mb4_bin), and so is a points ref key.
 */
export const foundationMigrations: MysqlMigration[] = [
  {
    id: '001_foundation',
    statements: [
      `CREATE TABLE orgs (
        id VARCHAR(32) NOT NULL PRIMARY KEY,
        name VARCHAR(100) NOT NULL,
        level TINYINT NOT NULL,
        parent_id VARCHAR(32) NULL,
        path VARCHAR(255) NOT NULL,
        member_count INT NULL,
        sort INT NOT NULL DEFAULT 0,
        UNIQUE KEY orgs_path (path),
        KEY orgs_parent (parent_id, sort),
        CONSTRAINT orgs_parent_fk FOREIGN KEY (parent_id) REFERENCES orgs (id)
      ) ${TABLE}`,
      `CREATE TABLE members (
        id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
        openid VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
        nickname VARCHAR(64) NOT NULL,
        real_name VARCHAR(64) NULL,
        phone VARCHAR(20) NULL,
        org_id VARCHAR(32) NULL,
        points INT NOT NULL DEFAULT 0,
        consent_version VARCHAR(32) NULL,
        consent_at VARCHAR(32) NULL,
        elder_mode TINYINT NOT NULL DEFAULT 0,
        created_at VARCHAR(32) NOT NULL,
        updated_at VARCHAR(32) NOT NULL,
        UNIQUE KEY members_openid (openid),
        KEY members_org (org_id),
        CONSTRAINT members_org_fk FOREIGN KEY (org_id) REFERENCES orgs (id)
      ) ${TABLE}`,
      `CREATE TABLE privacy_consents (
        id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
        member_id BIGINT NOT NULL,
        version VARCHAR(32) NOT NULL,
        agreed_at VARCHAR(32) NOT NULL,
        KEY privacy_consents_member (member_id, agreed_at),
        CONSTRAINT privacy_consents_member_fk FOREIGN KEY (member_id) REFERENCES members (id) ON DELETE CASCADE
      ) ${TABLE}`,
      // member_id is nulled when a member deletes their account: totals per org and reason survive.
      `CREATE TABLE points_ledger (
        id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
        member_id BIGINT NULL,
        org_id VARCHAR(32) NULL,
        delta INT NOT NULL,
        reason VARCHAR(100) NOT NULL,
        ref_key VARCHAR(191) COLLATE utf8mb4_bin NOT NULL,
        created_at VARCHAR(32) NOT NULL,
        UNIQUE KEY points_ref_key (ref_key),
        KEY points_member (member_id, created_at),
        CONSTRAINT points_member_fk FOREIGN KEY (member_id) REFERENCES members (id) ON DELETE SET NULL
      ) ${TABLE}`,
      // Grants are by openid, so a grant can be made before the person first opens the app.
      `CREATE TABLE admin_grants (
        openid VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
        org_id VARCHAR(32) NOT NULL,
        granted_at VARCHAR(32) NOT NULL,
        PRIMARY KEY (openid, org_id),
        CONSTRAINT admin_grants_org_fk FOREIGN KEY (org_id) REFERENCES orgs (id)
      ) ${TABLE}`,
      // Counts that must outlive deleted accounts.
      `CREATE TABLE deleted_members (
        id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
        org_id VARCHAR(32) NULL,
        deleted_at VARCHAR(32) NOT NULL
      ) ${TABLE}`,
      // A seed is claimed by inserting its row (ran_at NULL) and marked run afterwards: of several hosts
      // starting together, one runs it and the others wait for ran_at.
      `CREATE TABLE seed_runs (
        name VARCHAR(100) COLLATE utf8mb4_bin NOT NULL PRIMARY KEY,
        claimed_at VARCHAR(32) NOT NULL,
        ran_at VARCHAR(32) NULL
      ) ${TABLE}`,
      // Secrets every host of this database shares (the session signing key): the first insert wins.
      `CREATE TABLE shared_secrets (
        name VARCHAR(64) COLLATE utf8mb4_bin NOT NULL PRIMARY KEY,
        value VARCHAR(255) COLLATE utf8mb4_bin NOT NULL,
        created_at VARCHAR(32) NOT NULL
      ) ${TABLE}`,
    ],
  },
];
