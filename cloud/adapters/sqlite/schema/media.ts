import type { Migration } from '../migrate';

export const mediaMigrations: Migration[] = [
  {
    id: '500_media',
    sql: `
      -- One row per distinct image (content-addressed): the same bytes uploaded twice are kept once.
      CREATE TABLE media_blobs (
        sha256 TEXT PRIMARY KEY,
        type TEXT NOT NULL CHECK (type IN ('image/jpeg', 'image/png', 'image/webp')),
        size INTEGER NOT NULL,
        width INTEGER NOT NULL,
        height INTEGER NOT NULL,
        data BLOB NOT NULL,
        created_at TEXT NOT NULL
      );
      -- Who uploaded what, for which org. Kept (anonymised) when the admin's member row is deleted,
      -- because covers of published campaigns and events still point at the image.
      CREATE TABLE media_uploads (
        id INTEGER PRIMARY KEY,
        sha256 TEXT NOT NULL REFERENCES media_blobs(sha256),
        member_id INTEGER REFERENCES members(id) ON DELETE SET NULL,
        org_id TEXT REFERENCES orgs(id),
        created_at TEXT NOT NULL
      );
      CREATE INDEX media_uploads_member ON media_uploads(member_id);
      CREATE INDEX media_uploads_sha ON media_uploads(sha256);
    `,
  },
];
