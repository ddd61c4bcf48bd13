import type { z } from 'zod';
import type { ActionName, PayloadOf, ResultOf } from '../contracts';
import type { BaseContext, MemberContext } from './context';

interface ActionBase<A extends ActionName> {
  name: A;
  /** Validates the payload at the boundary; the handler then trusts it. */
  input: z.ZodType<unknown, PayloadOf<A>>;
}

export type PublicAction<A extends ActionName> = ActionBase<A> & {
  auth: 'public';
  handler: (ctx: BaseContext, payload: any) => Promise<ResultOf<A>>;
};

export type MemberAction<A extends ActionName> = ActionBase<A> & {
  /** 'admin' also requires the caller to administer at least one org; scope checks stay in the handler. */
  auth: 'member' | 'admin';
  handler: (ctx: MemberContext, payload: any) => Promise<ResultOf<A>>;
};

export type Action<A extends ActionName = ActionName> = PublicAction<A> | MemberAction<A>;

/**
 * Declares an action. The handler's payload type is the schema's output type and its result
 * must match the contract, so client and server cannot drift apart.
 */
export function defineAction<A extends ActionName, S extends z.ZodType<unknown, PayloadOf<A>>>(def: {
  name: A;
  input: S;
  auth: 'public';
  handler: (ctx: BaseContext, payload: z.output<S>) => Promise<ResultOf<A>>;
}): Action<A>;
export function defineAction<A extends ActionName, S extends z.ZodType<unknown, PayloadOf<A>>>(def: {
  name: A;
  input: S;
  auth: 'member' | 'admin';
  handler: (ctx: MemberContext, payload: z.output<S>) => Promise<ResultOf<A>>;
}): Action<A>;
export function defineAction(def: Action): Action {
  return def;
}
