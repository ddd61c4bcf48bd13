import type { Db } from './db';
import type { OrgSummary } from '../../contracts/org';
import type { OrgRepo, OrgRow } from '../../features/org/repo';
import { rowCache } from './row-cache';

const COLUMNS = `id, name, level, parent_id AS parentId, path, member_count AS memberCount`;

export function sqliteOrgRepo(db: Db): OrgRepo {
  const childrenOf = db.prepare(
    `SELECT ${COLUMNS}, EXISTS(SELECT 1 FROM orgs c WHERE c.parent_id = o.id) AS hasChildren
     FROM orgs o WHERE parent_id IS ? ORDER BY sort, id`,
  );
  const allRows = db.prepare(`SELECT ${COLUMNS} FROM orgs ORDER BY level, sort, id`);
  // The tree is read on nearly every request (我的, 首页, scope and eligibility checks) and changes seldom
  // (the seed loader), so it is held in memory, built on first use and dropped when any org changes.
  const tree = rowCache<'tree', Map<string, OrgRow>>(db, { tables: ['orgs'], max: 1 });
  const readTree = () => new Map((allRows.all() as OrgRow[]).map((r) => [r.id, Object.freeze(r)]));
  const index = () => tree.get('tree', readTree)!;

  return {
    async getById(id) {
      return index().get(id);
    },
    async all() {
      return [...index().values()]; // in the order it was read: level, sort, id
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
      const org = index().get(id);
      if (!org) return [];
      return org.path
        .split('/')
        .filter(Boolean)
        .map((ancestor) => index().get(ancestor)!);
    },
    async upsertMany(orgs) {
      // A known org keeps its place in the tree (level, parent, path): only what a seed may change is updated.
      const upsert = db.prepare(
        `INSERT INTO orgs (id, name, level, parent_id, path, member_count, sort) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, member_count = excluded.member_count, sort = excluded.sort`,
      );
      db.transaction(() => {
        for (const o of orgs) upsert.run(o.id, o.name, o.level, o.parentId, o.path, o.memberCount, o.sort);
      })();
    },
  };
}
