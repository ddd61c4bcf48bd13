import { z } from 'zod';

/** Levels of the association, top down. */
export const ORG_LEVELS = ['自治区', '盟市', '旗县(市、区)', '苏木(乡镇)', '村(社区)'] as const;
export type OrgLevel = 1 | 2 | 3 | 4 | 5;

export const orgId = z
  .string()
  .trim()
  .min(1)
  .max(32)
  .regex(/^[0-9A-Za-z_-]+$/, '组织编号只能包含字母、数字、下划线或短横线');

export interface OrgSummary {
  id: string;
  name: string;
  level: OrgLevel;
  parentId: string | null;
  /** Registered members of this org, where the association knows it (for participation rates). */
  memberCount: number | null;
  hasChildren: boolean;
}

export interface OrgTreeNode extends Omit<OrgSummary, 'hasChildren'> {
  children: OrgTreeNode[];
}

export const orgTreeInput = z.object({ rootId: orgId.optional() }).strict();
export const orgChildrenInput = z.object({ parentId: orgId.nullable().optional() }).strict();

export interface OrgChildrenResult {
  /** The parent and its ancestors, top down: a breadcrumb for pickers. Empty at the top. */
  path: Pick<OrgSummary, 'id' | 'name' | 'level'>[];
  children: OrgSummary[];
}

export type OrgActions = {
  'org.tree': { payload: z.input<typeof orgTreeInput>; result: { tree: OrgTreeNode[] } };
  'org.children': { payload: z.input<typeof orgChildrenInput>; result: OrgChildrenResult };
};
