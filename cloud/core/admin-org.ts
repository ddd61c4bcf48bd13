import type { MemberContext } from './context';
import type { OrgRow } from './store';
import { AppError } from './errors';

/** The organisation an admin publishes or reports for: it must exist and lie in the admin's own subtree. */
export async function requireAdminOrg(ctx: MemberContext, orgId: string): Promise<OrgRow> {
  const org = await ctx.store.orgs.getById(orgId);
  if (!org) throw new AppError('NOT_FOUND', '所选单位不存在，请重新选择');
  ctx.admin.require(org.path);
  return org;
}
