import type { z } from 'zod';
import type { ActionName, PayloadOf, ResultOf } from '../contracts';
import type { BaseContext, MemberContext, MemberIdContext } from './context';
import type { CoreStore } from './store';

interface ActionBase<A extends ActionName> {
  name: A;
  /** Validates the payload at the boundary; the handler then trusts it. */
  input: z.ZodType<unknown, PayloadOf<A>>;
}

/** S: the store the handler sees (features/context.ts: the app's Store). */
export type PublicAction<A extends ActionName, S extends CoreStore = CoreStore> = ActionBase<A> & {
  auth: 'public';
  handler: (ctx: BaseContext<S>, payload: any) => Promise<ResultOf<A>>;
};

export type MemberAction<A extends ActionName, S extends CoreStore = CoreStore> = ActionBase<A> & {
  /** 'admin' also requires the caller to administer at least one org; scope checks stay in the handler. */
  auth: 'member' | 'admin';
  memberIdOnly?: false;
  handler: (ctx: MemberContext<S>, payload: any) => Promise<ResultOf<A>>;
};

/**
 * A member action whose store step proves the member itself: it acts only on rows that are the member's own, under the
 * member's row lock. The router then skips the read of the member's row (a round trip on every call, the one a busy
 * action saves) and hands over the id the session holds. When the action fails, the router looks the member up after
 * all, so a member who is gone gets the same 401 as from any other action.
 */
export type MemberIdAction<A extends ActionName, S extends CoreStore = CoreStore> = ActionBase<A> & {
  auth: 'member';
  memberIdOnly: true;
  handler: (ctx: MemberIdContext<S>, payload: any) => Promise<ResultOf<A>>;
};

export type Action<A extends ActionName = ActionName, S extends CoreStore = CoreStore> = PublicAction<A, S> | MemberAction<A, S> | MemberIdAction<A, S>;

/**
 * Declares an action. The handler's payload type is the schema's output type and its result
 * must match the contract, so client and server cannot drift apart.
 */
export interface DefineAction<S extends CoreStore> {
  <A extends ActionName, I extends z.ZodType<unknown, PayloadOf<A>>>(def: {
    name: A;
    input: I;
    auth: 'public';
    handler: (ctx: BaseContext<S>, payload: z.output<I>) => Promise<ResultOf<A>>;
  }): Action<A, S>;
  <A extends ActionName, I extends z.ZodType<unknown, PayloadOf<A>>>(def: {
    name: A;
    input: I;
    auth: 'member';
    memberIdOnly: true;
    handler: (ctx: MemberIdContext<S>, payload: z.output<I>) => Promise<ResultOf<A>>;
  }): Action<A, S>;
  <A extends ActionName, I extends z.ZodType<unknown, PayloadOf<A>>>(def: {
    name: A;
    input: I;
    auth: 'member' | 'admin';
    handler: (ctx: MemberContext<S>, payload: z.output<I>) => Promise<ResultOf<A>>;
  }): Action<A, S>;
}

/** defineAction for handlers that see store S; features/context.ts makes the one for the app's Store. */
export function defineActionFor<S extends CoreStore>(): DefineAction<S> {
  return <D>(def: D): D => def;
}
