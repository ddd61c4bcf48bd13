import type { MemberContext } from '../../core/context';

/**
 * "Before member delete" hooks: a feature that must act while the member still exists (give a class seat to
 * the waitlist, say) registers one in cloud/actions.ts, so the member feature never imports the others.
 * Hooks run in registration order, before the one DELETE that cascades the member's personal rows.
 */
export type BeforeMemberDeleteHook = (ctx: MemberContext) => Promise<void>;

const beforeDelete: BeforeMemberDeleteHook[] = [];

export function onBeforeMemberDelete(hook: BeforeMemberDeleteHook): void {
  if (!beforeDelete.includes(hook)) beforeDelete.push(hook);
}

export async function runBeforeMemberDelete(ctx: MemberContext): Promise<void> {
  for (const hook of beforeDelete) await hook(ctx);
}
