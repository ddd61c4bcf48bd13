import { defineAction } from '../context';
import { AppError } from '../../core/errors';
import { devLoginInput } from '../../contracts/auth';
import { profileOf } from '../member/profile';

/**
 * Dev mode only: log in as any openid, so the H5 build and the tests can act as many members.
 * In production the identity comes from WeChat (cloud context or Cloud Run header).
 */
export const authDevLogin = defineAction({
  name: 'auth.devLogin',
  input: devLoginInput,
  auth: 'public',
  async handler(ctx, { openid, nickname }) {
    if (ctx.mode !== 'dev') throw new AppError('DEV_LOGIN_DISABLED', '正式环境不支持开发登录，请在微信中打开小程序');
    if (!ctx.issueSession) throw new AppError('DEV_LOGIN_DISABLED', '当前环境不需要登录，请直接使用');
    const member = await ctx.store.members.findOrCreateByOpenid(openid, nickname ?? '微信用户');
    return { token: ctx.issueSession(member), member: await profileOf(ctx.store, member) };
  },
});

export const authActions = [authDevLogin];
