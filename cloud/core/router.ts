import { z } from 'zod';
import type { ActionName, Envelope } from '../contracts';
import { INTERNAL_ERROR_MESSAGE, refusal } from '../contracts/errors';
import type { Action } from './action';
import { AppError } from './errors';
import type { BaseContext, HostServices, Identity, MemberContext } from './context';
import { AdminScope } from './access';

// Zod's own messages in Chinese, for the few rules a schema leaves to the defaults.
z.config(z.locales.zhCN());

export interface DispatchResult<T = unknown> {
  status: number;
  body: Envelope<T>;
}

export type Logger = (entry: { action: string; error: unknown }) => void;

/** One router of `domain.verb` actions, shared by every host. */
export class Router {
  private readonly actions = new Map<string, Action>();

  constructor(
    actions: readonly Action[],
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
    try {
      const action = this.actions.get(name);
      if (!action) throw new AppError('UNKNOWN_ACTION', `没有名为“${truncate(name)}”的操作，请升级小程序后再试`);
      const base: BaseContext = {
        store: services.store,
        mode: services.mode,
        identity,
        now: services.now ?? (() => new Date()),
        issueSession: services.issueSession,
        wechat: services.wechat,
      };
      // Who first (401/403 whatever the payload), then what (400).
      const ctx = action.auth === 'public' ? base : await memberContext(base, action.auth === 'admin');
      const parsed = action.input.safeParse(rawPayload ?? {});
      if (!parsed.success) throw new AppError('INVALID_PAYLOAD', describeZodError(parsed.error));
      const data = await action.handler(ctx as never, parsed.data);
      return { status: 200, body: { ok: true, data } };
    } catch (error) {
      if (error instanceof AppError) return { status: error.status, body: refusal(error.code, error.message) };
      this.logError({ action: name, error });
      return { status: 500, body: refusal('INTERNAL', INTERNAL_ERROR_MESSAGE) };
    }
  }
}

async function memberContext(base: BaseContext, requireAdmin: boolean): Promise<MemberContext> {
  const { store, identity } = base;
  let member;
  if (identity.kind === 'session') member = await store.members.getById(identity.memberId);
  else if (identity.kind === 'openid') member = await store.members.findOrCreateByOpenid(identity.openid, '微信用户');
  if (!member) throw new AppError('UNAUTHENTICATED', '请先登录');
  const admin = new AdminScope(await store.admins.orgsOf(member.openid));
  if (requireAdmin) admin.requireAny();
  return { ...base, member, admin };
}

function truncate(s: string, n = 40): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}

/** "nickname: 昵称最多 20 个字" — the first problem, named by its field, is what a person can fix. */
export function describeZodError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return '提交的内容有误';
  const field = issue.path.filter((p) => typeof p !== 'symbol').join('.');
  if (issue.code === 'unrecognized_keys') return `不认识的字段：${issue.keys.map((k) => truncate(k, 20)).join('、')}`;
  return field ? `${truncate(field, 30)}：${issue.message}` : issue.message;
}
