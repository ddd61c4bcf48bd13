import type { MemberContext } from './context';
import type { OrgRow } from './store';

/** The organisation the member chose (所在单位), or null when they have not chosen one. */
export async function memberOrg(ctx: Pick<MemberContext, 'member' | 'store'>): Promise<OrgRow | null> {
  if (!ctx.member.orgId) return null;
  return (await ctx.store.orgs.getById(ctx.member.orgId)) ?? null;
}
