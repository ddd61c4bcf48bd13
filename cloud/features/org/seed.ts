import type { Seeder } from '../context';
import type { OrgSeed } from './repo';
import { saveOrgs } from './save';

interface OrgSeedNode {
  id: string;
  name: string;
  memberCount?: number;
  children?: OrgSeedNode[];
}

/** seeds/orgs.json is a nested tree; levels follow depth (自治区 = 1 … 村(社区) = 5). */
export function flattenOrgTree(nodes: OrgSeedNode[], parentId: string | null = null, level = 1): OrgSeed[] {
  return nodes.flatMap((n) => [
    { id: n.id, name: n.name, level: level as OrgSeed['level'], parentId, memberCount: n.memberCount ?? null },
    ...flattenOrgTree(n.children ?? [], n.id, level + 1),
  ]);
}

export const orgSeeder: Seeder = {
  name: 'orgs',
  async run(store, seeds) {
    await saveOrgs(store.orgs, flattenOrgTree(seeds.readJson<OrgSeedNode[]>('orgs.json')));
  },
};
