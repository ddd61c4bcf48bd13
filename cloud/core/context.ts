import type { AdminScope } from './access';
import type { CoreStore, MemberRow } from './store';
import type { WechatGateway } from './wechat';

export type AppMode = 'dev' | 'production';

/** Who is calling, as established by the host — never by the payload. */
export type Identity =
  | { kind: 'anonymous' }
  /** WeChat context (cloud function) or a trusted Cloud Run header: the member is found or created by openid. */
  | { kind: 'openid'; openid: string }
  /** A verified session token of the HTTP host. */
  | { kind: 'session'; memberId: number };

export interface HostServices {
  /** The app's whole Store: core needs only its CoreStore part, the handlers the router holds need the rest. */
  store: CoreStore;
  mode: AppMode;
  /** Signs session tokens; only the HTTP host has one. */
  issueSession?: (member: { id: number }) => string;
  now?: () => Date;
  /** WeChat's server API, when the host has a way to reach it (see adapters/wechat). */
  wechat?: WechatGateway | null;
}

/**
 * What a handler gets. Generic over the store because core cannot name the app's Store (it sits below the
 * features); features/context.ts gives the features these types with their Store filled in.
 */
export interface BaseContext<S extends CoreStore = CoreStore> {
  store: S;
  mode: AppMode;
  identity: Identity;
  now: () => Date;
  issueSession?: (member: { id: number }) => string;
  wechat?: WechatGateway | null;
}

/** A signed-in member known by id alone: the context of an action whose own store step proves the member (`memberIdOnly`). */
export interface MemberIdContext<S extends CoreStore = CoreStore> extends BaseContext<S> {
  memberId: number;
}

export interface MemberContext<S extends CoreStore = CoreStore> extends MemberIdContext<S> {
  member: MemberRow;
  admin: AdminScope;
}
