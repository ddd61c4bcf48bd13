import type { MemberDataExport } from '../contracts/member';
import type { MemberContext } from './context';
import type { CoreStore } from './store';

/**
 * "我的数据" shows everything stored about a member, and 注销 removes it. Each feature that keeps personal
 * rows contributes a section (and, if it must act while the member still exists, a before-delete hook);
 * app.ts lists them all, so the member feature never imports the others. S: the store they see (features/context.ts:
 * the app's Store).
 */
export type MemberDataSection<S extends CoreStore = CoreStore> = (ctx: MemberContext<S>) => Promise<MemberDataExport['sections'][number] | null>;

/** Runs before the one DELETE that cascades the member's personal rows (give a class seat to the waitlist, say). */
export type BeforeMemberDeleteHook<S extends CoreStore = CoreStore> = (ctx: MemberContext<S>) => Promise<void>;

export interface MemberDataParts<S extends CoreStore = CoreStore> {
  sections: readonly MemberDataSection<S>[];
  /** Run in this order. */
  beforeDelete: readonly BeforeMemberDeleteHook<S>[];
}
