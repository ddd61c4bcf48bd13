import type { Db } from '../../store/db';
import type { OrgSummary } from '../../contracts/org';
import type { OrgRepo, OrgRow } from './repo';

const COLUMNS = `id, name, level, parent_id AS parentId, path, member_count AS memberCount`;

export function sqliteOrgRepo(db: Db): OrgRepo {
  const byId = db.prepare(`SELECT ${COLUMNS} FROM orgs WHERE id = ?`);
  const childrenOf = db.prepare(
    `SELECT ${COLUMNS}, EXISTS(SELECT 1 FROM orgs c WHERE c.parent_id = o.id) AS hasChildren
     FROM orgs o WHERE parent_id IS ? ORDER BY sort, id`,
  );
  const allRows = db.prepare(`SELECT ${COLUMNS} FROM orgs ORDER BY level, sort, id`);
  // Ancestors are the orgs whose ids appear in the path: one prepared statement, no string building per call.
  const lineageOf = db.prepare(
    `SELECT ${COLUMNS} FROM orgs WHERE id IN (SELECT value FROM json_each(?)) ORDER BY level`,
  );

  return {
    async getById(id) {
      return byId.get(id) as OrgRow | undefined;
    },
    async all() {
      return allRows.all() as OrgRow[];
    },
    async children(parentId) {
      return (childrenOf.all(parentId) as (OrgRow & { hasChildren: number })[]).map((r) => ({
        id: r.id,
        name: r.name,
        level: r.level,
        parentId: r.parentId,
        memberCount: r.memberCount,
        hasChildren: r.hasChildren === 1,
      })) satisfies OrgSummary[];
    },
    async lineage(id) {
      const org = byId.get(id) as OrgRow | undefined;
      if (!org) return [];
      return lineageOf.all(JSON.stringify(org.path.split('/').filter(Boolean))) as OrgRow[];
    },
    async upsertMany(orgs) {
      const upsert = db.prepare(
        `INSERT INTO orgs (id, name, level, parent_id, path, member_count, sort) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, member_count = excluded.member_count, sort = excluded.sort`,
      );
      const pathOf = db.prepare('SELECT path FROM orgs WHERE id = ?').pluck();
      db.transaction(() => {
        orgs.forEach((o, i) => {
          const parentPath = o.parentId ? (pathOf.get(o.parentId) as string | undefined) : '/';
          if (parentPath === undefined) throw new Error(`org ${o.id}: parent ${o.parentId} is not known (list parents first)`);
          upsert.run(o.id, o.name, o.level, o.parentId, `${parentPath}${o.id}/`, o.memberCount ?? null, i);
        });
      })();
    },
  };
}
