import { defineAction } from '../context';
import { notFound } from '../../core/errors';
import { orgChildrenInput, orgTreeInput, type OrgTreeNode } from '../../contracts/org';
import type { OrgRow } from './repo';

export function buildOrgTree(rows: OrgRow[], rootId?: string): OrgTreeNode[] {
  const nodes = new Map<string, OrgTreeNode>();
  for (const r of rows) nodes.set(r.id, { id: r.id, name: r.name, level: r.level, parentId: r.parentId, memberCount: r.memberCount, children: [] });
  const roots: OrgTreeNode[] = [];
  for (const r of rows) {
    const node = nodes.get(r.id)!;
    const parent = r.parentId ? nodes.get(r.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  if (rootId) {
    const root = nodes.get(rootId);
    return root ? [root] : [];
  }
  return roots;
}

export const orgTree = defineAction({
  name: 'org.tree',
  input: orgTreeInput,
  auth: 'public',
  async handler(ctx, { rootId }) {
    if (rootId && !(await ctx.store.orgs.getById(rootId))) throw notFound('该单位');
    return { tree: buildOrgTree(await ctx.store.orgs.all(), rootId) };
  },
});

export const orgChildren = defineAction({
  name: 'org.children',
  input: orgChildrenInput,
  auth: 'public',
  async handler(ctx, { parentId }) {
    const parent = parentId ?? null;
    if (parent && !(await ctx.store.orgs.getById(parent))) throw notFound('该单位');
    const path = parent ? (await ctx.store.orgs.lineage(parent)).map((o) => ({ id: o.id, name: o.name, level: o.level })) : [];
    return { path, children: await ctx.store.orgs.children(parent) };
  },
});

export const orgActions = [orgTree, orgChildren];
