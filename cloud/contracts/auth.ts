import { z } from 'zod';
import type { MemberProfile } from './member';

export const devLoginInput = z
  .object({
    openid: z
      .string()
      .trim()
      .min(3, '开发账号至少 3 个字符')
      .max(64, '开发账号最多 64 个字符')
      .regex(/^[A-Za-z0-9_-]+$/, '开发账号只能包含字母、数字、下划线或短横线'),
    nickname: z.string().trim().min(1, '昵称不能为空').max(20, '昵称最多 20 个字').optional(),
  })
  .strict();

export type AuthActions = {
  'auth.devLogin': { payload: z.input<typeof devLoginInput>; result: { token: string; member: MemberProfile } };
};
