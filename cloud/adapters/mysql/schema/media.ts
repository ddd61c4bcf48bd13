import { TABLE, type MysqlMigration } from '../migrate';

export const mediaMigrations: MysqlMigration[] = [
  {
    id: '500_media',
    statements: [
      // One row per distinct image (content-addressed): the same bytes uploaded twice are kept once.
      `CREATE TABLE media_blobs (
        sha256 CHAR(64) COLLATE utf8mb4_bin NOT NULL PRIMARY KEY,
        type VARCHAR(16) NOT NULL,
        size INT NOT NULL,
        width INT NOT NULL,
        height INT NOT NULL,
        data MEDIUMBLOB NOT NULL,
        created_at VARCHAR(32) NOT NULL
      ) ${TABLE}`,
      // Who uploaded what, for which org; kept (anonymised) when the admin's member row is deleted,
      // because covers of published campaigns and events still point at the image.
      `CREATE TABLE media_uploads (
        id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
        sha256 CHAR(64) COLLATE utf8mb4_bin NOT NULL,
        member_id BIGINT NULL,
        org_id VARCHAR(32) NULL,
        created_at VARCHAR(32) NOT NULL,
        KEY media_uploads_member (member_id, created_at),
        KEY media_uploads_sha (sha256),
        CONSTRAINT media_uploads_blob_fk FOREIGN KEY (sha256) REFERENCES media_blobs (sha256),
        CONSTRAINT media_uploads_member_fk FOREIGN KEY (member_id) REFERENCES members (id) ON DELETE SET NULL,
        CONSTRAINT media_uploads_org_fk FOREIGN KEY (org_id) REFERENCES orgs (id)
      ) ${TABLE}`,
    ],
  },
];
