import type { MysqlDb } from './db';
import type { MediaBlob, MediaRepo, MediaUploadRow } from '../../features/media/repo';

export function mysqlMediaRepo(db: MysqlDb): MediaRepo {
  return {
    async put(i) {
      const at = i.at.toISOString();
      return db.tx(async (sql) => {
        // Content-addressed: the primary key on sha256 keeps the bytes once, however many hosts store them at once.
        const { inserted } = await sql.insertUnique(
          'INSERT INTO media_blobs (sha256, type, size, width, height, data, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
          [i.sha256, i.type, i.data.length, i.width, i.height, i.data, at],
        );
        await sql.run('INSERT INTO media_uploads (sha256, member_id, org_id, created_at) VALUES (?, ?, ?, ?)', [i.sha256, i.memberId, i.orgId, at]);
        return { reused: !inserted };
      });
    },
    async get(sha256) {
      return (await db.row<MediaBlob>('SELECT sha256, type, size, width, height, data FROM media_blobs WHERE sha256 = ?', [sha256])) ?? null;
    },
    async exists(sha256) {
      return (await db.value('SELECT 1 FROM media_blobs WHERE sha256 = ?', [sha256])) !== undefined;
    },
    uploadsBy: (memberId) =>
      db.rows<MediaUploadRow>(
        `SELECT u.sha256, b.type, u.org_id AS orgId, o.name AS orgName, u.created_at AS uploadedAt
           FROM media_uploads u JOIN media_blobs b ON b.sha256 = u.sha256 LEFT JOIN orgs o ON o.id = u.org_id
          WHERE u.member_id = ? ORDER BY u.created_at DESC, u.id DESC`,
        [memberId],
      ),
  };
}
