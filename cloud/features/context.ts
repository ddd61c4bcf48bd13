import type { ActionName } from '../contracts';
import { defineActionFor, type Action as CoreAction } from '../core/action';
import type { BaseContext as CoreBaseContext, MemberContext as CoreMemberContext, MemberIdContext as CoreMemberIdContext } from '../core/context';
import type {
  BeforeMemberDeleteHook as CoreBeforeMemberDeleteHook,
  MemberDataParts as CoreMemberDataParts,
  MemberDataSection as CoreMemberDataSection,
} from '../core/member-data';
import type { Seeder as CoreSeeder } from '../core/seed';
import type { Store } from './store';

// Core's handler types, with the app's Store filled in: core sits below the features and cannot name it.
// Features import these (not core/context, core/action) so every handler sees all the repositories.

export type BaseContext = CoreBaseContext<Store>;
export type MemberContext = CoreMemberContext<Store>;
export type MemberIdContext = CoreMemberIdContext<Store>;
export type Action<A extends ActionName = ActionName> = CoreAction<A, Store>;
export type Seeder = CoreSeeder<Store>;
export type MemberDataSection = CoreMemberDataSection<Store>;
export type BeforeMemberDeleteHook = CoreBeforeMemberDeleteHook<Store>;
export type MemberDataParts = CoreMemberDataParts<Store>;

export const defineAction = defineActionFor<Store>();
