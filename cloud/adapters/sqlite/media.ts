import type { Db } from './db';
import type { MediaBlob, MediaRepo, MediaUploadRow } from '../../features/media/repo';

export function sqliteMediaRepo(db: Db): MediaRepo {
  const insertBlob = db.prepare('INSERT OR IGNORE INTO media_blobs (sha256, type, size, width, height, data, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const insertUpload = db.prepare('INSERT INTO media_uploads (sha256, member_id, org_id, created_at) VALUES (?, ?, ?, ?)');
  const getBlob = db.prepare('SELECT sha256, type, size, width, height, data FROM media_blobs WHERE sha256 = ?');
  const exists = db.prepare('SELECT 1 FROM media_blobs WHERE sha256 = ?').pluck();
  const uploadsBy = db.prepare(
    `SELECT u.sha256, b.type, u.org_id AS orgId, o.name AS orgName, u.created_at AS uploadedAt
       FROM media_uploads u JOIN media_blobs b ON b.sha256 = u.sha256 LEFT JOIN orgs o ON o.id = u.org_id
      WHERE u.member_id = ? ORDER BY u.id DESC`,
  );
  const put = db.transaction((i: Parameters<MediaRepo['put']>[0]) => {
    const at = i.at.toISOString();
    const added = insertBlob.run(i.sha256, i.type, i.data.length, i.width, i.height, i.data, at).changes;
    insertUpload.run(i.sha256, i.memberId, i.orgId, at);
    return { reused: added === 0 };
  });
  return {
    async put(input) {
      return put(input);
    },
    async get(sha256) {
      return (getBlob.get(sha256) as MediaBlob | undefined) ?? null;
    },
    async exists(sha256) {
      return exists.get(sha256) === 1;
    },
    async uploadsBy(memberId) {
      return uploadsBy.all(memberId) as MediaUploadRow[];
    },
  };
}
