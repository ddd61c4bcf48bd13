import type { OrgRecord, OrgRepo, OrgSeed } from './repo';

/** The top of the tree: a 自治区-level org's path is "/<id>/". */
const ROOT_PATH = '/';

/** The materialised path of a child: its parent's and its own id, "/150000/" → "/150000/150100/". */
export const childPath = (parentPath: string, id: string): string => `${parentPath}${id}/`;

/**
 * Inserts new orgs and renames known ones (the seed loader). Parents come first, in the list or already
 * stored: each org's path follows from its parent's, and its sort from its place in the list.
 */
export async function saveOrgs(repo: OrgRepo, orgs: readonly OrgSeed[]): Promise<void> {
  const pathOf = new Map<string, string>();
  const records: OrgRecord[] = [];
  for (const [sort, o] of orgs.entries()) {
    const parentPath = o.parentId === null ? ROOT_PATH : (pathOf.get(o.parentId) ?? (await repo.getById(o.parentId))?.path);
    if (parentPath === undefined) throw new Error(`org ${o.id}: parent ${o.parentId} is not known (list parents first)`);
    const path = childPath(parentPath, o.id);
    pathOf.set(o.id, path);
    records.push({ id: o.id, name: o.name, level: o.level, parentId: o.parentId, path, memberCount: o.memberCount ?? null, sort });
  }
  await repo.upsertMany(records);
}
