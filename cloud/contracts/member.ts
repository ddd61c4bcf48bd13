import { z } from 'zod';
import { orgId } from './org';

import { PRIVACY_NOTICE_VERSION } from './privacy';

export { PRIVACY_NOTICE_VERSION };

export interface OrgRef {
  id: string;
  name: string;
  level: number;
}

export interface MemberProfile {
  id: number;
  nickname: string;
  /** Full values are sent only to their owner. */
  realName: string | null;
  phone: string | null;
  phoneMasked: string | null;
  org: OrgRef | null;
  /** The member's organisation and its ancestors, top down. */
  orgPath: OrgRef[];
  points: number;
  consentVersion: string | null;
  consentAt: string | null;
  /** 长辈模式: larger text, stronger contrast and bigger tap targets on every screen; remembered per member. */
  elderMode: boolean;
  /** Organisations this member administers (and everything under them). */
  adminOrgs: OrgRef[];
  createdAt: string;
}

const nickname = z.string().trim().min(1, '昵称不能为空').max(20, '昵称最多 20 个字');
const realName = z
  .string()
  .trim()
  .min(2, '姓名至少 2 个字')
  .max(20, '姓名最多 20 个字')
  .regex(/^[\u4e00-\u9fa5·A-Za-z ]+$/, '姓名只能包含汉字、字母或间隔号');
const phone = z
  .string()
  .trim()
  .regex(/^1[3-9]\d{9}$/, '请填写 11 位手机号码');

export const memberMeInput = z.object({}).strict();
export const memberUpdateInput = z
  .object({
    nickname: nickname.optional(),
    realName: realName.nullable().optional(),
    phone: phone.nullable().optional(),
    orgId: orgId.nullable().optional(),
    elderMode: z.boolean({ message: '长辈模式只能是开或关' }).optional(),
  })
  .strict();
export const memberConsentInput = z
  .object({ version: z.literal(PRIVACY_NOTICE_VERSION, { message: '《个人信息保护说明》已更新，请刷新后重新阅读' }) })
  .strict();
export const memberExportInput = z.object({}).strict();
export const memberPointsInput = z.object({}).strict();
export const memberDeleteInput = z.object({ confirm: z.literal('注销', { message: '请输入“注销”二字以确认' }) }).strict();

export interface PointsEntry {
  delta: number;
  reason: string;
  createdAt: string;
}

/** Everything stored about a member, grouped by where it is kept. Features add their sections. */
export interface MemberDataExport {
  profile: MemberProfile;
  consents: { version: string; agreedAt: string; withdrawnAt: string | null }[];
  points: PointsEntry[];
  sections: { title: string; rows: Record<string, string | number | null>[] }[];
}

export type MemberActions = {
  'member.me': { payload: z.input<typeof memberMeInput>; result: MemberProfile };
  'member.update': { payload: z.input<typeof memberUpdateInput>; result: MemberProfile };
  'member.consent': { payload: z.input<typeof memberConsentInput>; result: MemberProfile };
  'member.exportData': { payload: z.input<typeof memberExportInput>; result: MemberDataExport };
  'member.delete': { payload: z.input<typeof memberDeleteInput>; result: { deleted: true } };
  'member.points': { payload: z.input<typeof memberPointsInput>; result: { balance: number; entries: PointsEntry[] } };
};
