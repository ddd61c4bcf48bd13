import { z } from 'zod';
import type { ActionName, Envelope } from '../contracts';
import { INTERNAL_ERROR_MESSAGE, refusal } from '../contracts/errors';
import type { Action } from './action';
import { AppError, fieldError } from './errors';
import { fieldLabel } from '../contracts/field-labels';
import type { BaseContext, HostServices, Identity, MemberContext, MemberIdContext } from './context';
import type { CoreStore } from './store';
import { AdminScope } from './access';

// Zod's own messages in Chinese, for the few rules a schema leaves to the defaults.
z.config(z.locales.zhCN());

export interface DispatchResult<T = unknown> {
  status: number;
  body: Envelope<T>;
}

export type Logger = (entry: { action: string; error: unknown }) => void;

// Actions are held with `any` for their store: a handler typed for the app's Store asks more of its context than
// CoreStore promises, so under strictFunctionTypes it is not an Action<…, CoreStore>. The host hands the app's
// Store over in HostServices, and each handler gets it.
type HeldAction = Action<ActionName, any>;

/** One router of `domain.verb` actions, shared by every host. */
export class Router {
  private readonly actions = new Map<string, HeldAction>();

  constructor(
    actions: readonly HeldAction[],
    private readonly logError: Logger = ({ action, error }) => console.error(`[api] ${action} failed:`, error),
  ) {
    for (const a of actions) {
      if (this.actions.has(a.name)) throw new Error(`action ${a.name} is registered twice`);
      this.actions.set(a.name, a);
    }
  }

  has(name: string): boolean {
    return this.actions.has(name);
  }

  names(): ActionName[] {
    return [...this.actions.keys()] as ActionName[];
  }

  async dispatch(name: string, rawPayload: unknown, identity: Identity, services: HostServices): Promise<DispatchResult> {
    const action = this.actions.get(name);
    const memberIdOnly = action?.auth === 'member' && action.memberIdOnly === true;
    try {
      if (!action) throw new AppError('UNKNOWN_ACTION', `没有名为“${truncate(name)}”的操作，请升级小程序后再试`);
      const base: BaseContext = {
        store: services.store,
        mode: services.mode,
        identity,
        now: services.now ?? (() => new Date()),
        issueSession: services.issueSession,
        wechat: services.wechat,
      };
      // Who first (401/403 whatever the payload), then what (400); an action that reads no member row learns who
      // only when it fails (signedOutOr).
      const ctx = action.auth === 'public' ? base : memberIdOnly ? await memberIdContext(base) : await memberContext(base, action.auth === 'admin');
      const controlAt = controlCharacterPath(rawPayload);
      if (controlAt) throw fieldError(controlAt.join('.'), `“${fieldLabel(controlAt)}”里有无法识别的控制字符，请删除后重新提交`);
      const parsed = action.input.safeParse(rawPayload ?? {});
      if (!parsed.success) throw zodRefusal(parsed.error);
      const data = await action.handler(ctx as never, parsed.data);
      return { status: 200, body: { ok: true, data } };
    } catch (caught) {
      const error = memberIdOnly ? await signedOutOr(caught, services.store, identity) : caught;
      if (error instanceof AppError) return { status: error.status, body: refusal(error.code, error.message, error.field) };
      this.logError({ action: name, error });
      return { status: 500, body: refusal('INTERNAL', INTERNAL_ERROR_MESSAGE) };
    }
  }
}

const signedOut = () => new AppError('UNAUTHENTICATED', '请先登录');

async function memberContext(base: BaseContext, requireAdmin: boolean): Promise<MemberContext> {
  const { store, identity } = base;
  let signedIn;
  if (identity.kind === 'session') signedIn = await store.signedIn(identity.memberId);
  else if (identity.kind === 'openid') {
    const member = await store.members.findOrCreateByOpenid(identity.openid, '微信用户');
    signedIn = { member, adminOrgs: await store.admins.orgsOf(member.openid) };
  }
  if (!signedIn) throw signedOut();
  const { member } = signedIn;
  const admin = new AdminScope(signedIn.adminOrgs);
  if (requireAdmin) admin.requireAny();
  return { ...base, memberId: member.id, member, admin };
}

/** A session's member by the id it holds, unread (see MemberIdAction); a WeChat caller is found or created as ever. */
async function memberIdContext(base: BaseContext): Promise<MemberIdContext> {
  const { identity } = base;
  if (identity.kind === 'session') return { ...base, memberId: identity.memberId };
  return memberContext(base, false);
}

/** The refusal of an action that skipped the member read, unless its member is gone: then the 401 of every other action. */
async function signedOutOr(error: unknown, store: CoreStore, identity: Identity): Promise<unknown> {
  if (!(error instanceof AppError) || identity.kind !== 'session') return error;
  try {
    return (await store.signedIn(identity.memberId)) ? error : signedOut();
  } catch (e) {
    return e;
  }
}

function truncate(s: string, n = 40): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}

/**
 * "昵称：昵称最多 20 个字" → "昵称最多 20 个字" — the first problem, named by the field's Chinese label (never its
 * schema key), is what a person can fix.
 */
export function describeZodError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return '提交的内容有误';
  if (issue.code === 'unrecognized_keys') return `不认识的字段：${issue.keys.map((k) => truncate(k, 20)).join('、')}`;
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  if (path.length === 0) return issue.message;
  const label = fieldLabel(path);
  return issue.message.includes(label) ? issue.message : `${label}：${issue.message}`;
}

function zodRefusal(error: z.ZodError): AppError {
  const path = (error.issues[0]?.path ?? []).filter((p): p is string | number => typeof p !== 'symbol');
  const message = describeZodError(error);
  return path.length ? fieldError(path.join('.'), message) : new AppError('INVALID_PAYLOAD', message);
}

// C0 controls and DEL mean nothing in any text a person types, except tab and line breaks.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** The path of the first string (or key) in the payload that holds a control character, if any. */
export function controlCharacterPath(value: unknown): (string | number)[] | undefined {
  const reversed = controlCharacterAt(value);
  return reversed && reversed.reverse();
}
/** The same path, innermost step first: built only on the way back from a find, as every request is walked. */
function controlCharacterAt(value: unknown): (string | number)[] | undefined {
  if (typeof value === 'string') return CONTROL.test(value) ? [] : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = controlCharacterAt(value[i]);
      if (found) return [...found, i];
    }
  } else if (value && typeof value === 'object') {
    for (const key in value) {
      if (CONTROL.test(key)) return [key];
      const found = controlCharacterAt((value as Record<string, unknown>)[key]);
      if (found) return [...found, key];
    }
  }
  return undefined;
}
