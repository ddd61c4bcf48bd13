import type { Store } from '../features/store';
import type { MemberRow } from '../features/member/repo';
import type { AdminScope } from './access';
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
  store: Store;
  mode: AppMode;
  /** Signs session tokens; only the HTTP host has one. */
  issueSession?: (member: { id: number }) => string;
  now?: () => Date;
  /** WeChat's server API, when the host has a way to reach it (see adapters/wechat). */
  wechat?: WechatGateway | null;
}

export interface BaseContext {
  store: Store;
  mode: AppMode;
  identity: Identity;
  now: () => Date;
  issueSession?: (member: { id: number }) => string;
  wechat?: WechatGateway | null;
}

export interface MemberContext extends BaseContext {
  member: MemberRow;
  admin: AdminScope;
}
