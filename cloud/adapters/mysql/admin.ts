import type { MysqlDb } from './db';
import type { AdminOrg } from '../../core/access';
import type { AdminRepo } from '../../features/admin/repo';

/** Admin grants on MySQL, read on every request (a grant or revoke from another host counts at once). */
export function mysqlAdminRepo(db: MysqlDb): AdminRepo {
  return {
    orgsOf: (openid) =>
      db.rows<AdminOrg>(`SELECT o.id, o.name, o.level, o.path FROM admin_grants g JOIN orgs o ON o.id = g.org_id WHERE g.openid = ? ORDER BY o.level, o.id`, [
        openid,
      ]),
    async grant(openid, orgId, at) {
      await db.insertUnique('INSERT INTO admin_grants (openid, org_id, granted_at) VALUES (?, ?, ?)', [openid, orgId, at.toISOString()]);
    },
    async revoke(openid, orgId) {
      const r = orgId
        ? await db.run('DELETE FROM admin_grants WHERE openid = ? AND org_id = ?', [openid, orgId])
        : await db.run('DELETE FROM admin_grants WHERE openid = ?', [openid]);
      return r.affected;
    },
    list: () =>
      db.rows<{ openid: string; orgId: string; orgName: string; grantedAt: string }>(
        `SELECT g.openid, g.org_id AS orgId, o.name AS orgName, g.granted_at AS grantedAt
         FROM admin_grants g JOIN orgs o ON o.id = g.org_id ORDER BY g.openid, o.level, o.id`,
      ),
  };
}
