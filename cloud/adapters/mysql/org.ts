import { valueRows, valuesOf, type MysqlDb } from './db';
import type { OrgSummary } from '../../contracts/org';
import type { OrgRepo, OrgRow } from '../../features/org/repo';

const COLUMNS = `id, name, level, parent_id AS parentId, path, member_count AS memberCount`;
/** Rows per INSERT when the seed loader writes the tree. */
const BATCH = 500;

/** The org tree on MySQL, read from the database each time (another host's seed loader may change it). */
export function mysqlOrgRepo(db: MysqlDb): OrgRepo {
  return {
    getById: (id) => db.row<OrgRow>(`SELECT ${COLUMNS} FROM orgs WHERE id = ?`, [id]),
    all: () => db.rows<OrgRow>(`SELECT ${COLUMNS} FROM orgs ORDER BY level, sort, id`),
    async children(parentId) {
      const rows = await db.rows<OrgRow & { hasChildren: number }>(
        `SELECT ${COLUMNS}, EXISTS(SELECT 1 FROM orgs c WHERE c.parent_id = o.id) AS hasChildren
         FROM orgs o WHERE ${parentId === null ? 'parent_id IS NULL' : 'parent_id = ?'} ORDER BY sort, id`,
        parentId === null ? [] : [parentId],
      );
      return rows.map((r) => ({
        id: r.id,
        name: r.name,
        level: r.level,
        parentId: r.parentId,
        memberCount: r.memberCount,
        hasChildren: Number(r.hasChildren) === 1,
      })) satisfies OrgSummary[];
    },
    async lineage(id) {
      const org = await db.row<OrgRow>(`SELECT ${COLUMNS} FROM orgs WHERE id = ?`, [id]);
      if (!org) return [];
      const ancestors = org.path.split('/').filter(Boolean);
      return db.rows<OrgRow>(`SELECT ${COLUMNS} FROM orgs WHERE id IN (?) ORDER BY level`, [ancestors]);
    },
    async upsertMany(orgs) {
      // A known org keeps its place in the tree (level, parent, path): only what a seed may change is updated.
      await db.tx(async (sql) => {
        for (let i = 0; i < orgs.length; i += BATCH) {
          const batch = orgs.slice(i, i + BATCH);
          await sql.run(
            `INSERT INTO orgs (id, name, level, parent_id, path, member_count, sort) VALUES ${valueRows(batch.length, 7)}
             ON DUPLICATE KEY UPDATE name = VALUES(name), member_count = VALUES(member_count), sort = VALUES(sort)`,
            valuesOf(batch, (o) => [o.id, o.name, o.level, o.parentId, o.path, o.memberCount, o.sort]),
          );
        }
      });
    },
  };
}
