import type { Db } from './db';
import type { AdminOrg } from '../../core/access';
import type { AdminRepo } from '../../features/admin/repo';
import { rowCache } from './row-cache';

export function sqliteAdminRepo(db: Db): AdminRepo {
  const orgsOf = db.prepare(`SELECT o.id, o.name, o.level, o.path FROM admin_grants g JOIN orgs o ON o.id = g.org_id WHERE g.openid = ? ORDER BY o.level`);
  // Asked on every signed-in request (is this member an admin, and of what?); grants change seldom.
  const grants = rowCache<string, AdminOrg[]>(db, { tables: ['admin_grants', 'orgs'], max: 20_000 });
  return {
    async orgsOf(openid) {
      return grants.get(openid, () => Object.freeze(orgsOf.all(openid) as AdminOrg[]) as AdminOrg[])!;
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
