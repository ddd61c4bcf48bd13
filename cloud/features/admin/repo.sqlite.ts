import type { Db } from '../../store/db';
import type { AdminOrg } from '../../core/access';
import type { AdminRepo } from './repo';

export function sqliteAdminRepo(db: Db): AdminRepo {
  const orgsOf = db.prepare(
    `SELECT o.id, o.name, o.level, o.path FROM admin_grants g JOIN orgs o ON o.id = g.org_id WHERE g.openid = ? ORDER BY o.level`,
  );
  return {
    async orgsOf(openid) {
      return orgsOf.all(openid) as AdminOrg[];
    },
    async grant(openid, orgId, at) {
      db.prepare('INSERT INTO admin_grants (openid, org_id, granted_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').run(openid, orgId, at.toISOString());
    },
    async revoke(openid, orgId) {
      const r = orgId
        ? db.prepare('DELETE FROM admin_grants WHERE openid = ? AND org_id = ?').run(openid, orgId)
        : db.prepare('DELETE FROM admin_grants WHERE openid = ?').run(openid);
      return r.changes;
    },
    async list() {
      return db
        .prepare(
          `SELECT g.openid, g.org_id AS orgId, o.name AS orgName, g.granted_at AS grantedAt
           FROM admin_grants g JOIN orgs o ON o.id = g.org_id ORDER BY g.openid, o.level`,
        )
        .all() as { openid: string; orgId: string; orgName: string; grantedAt: string }[];
    },
  };
}
