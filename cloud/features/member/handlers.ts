import { defineAction, type MemberDataParts } from '../context';
import { AppError } from '../../core/errors';
import { memberConsentInput, memberDeleteInput, memberExportInput, memberMeInput, memberPointsInput, memberUpdateInput } from '../../contracts/member';
import { requirePrivacyConsent } from './consent';
import { profileOf } from './profile';

export const memberMe = defineAction({
  name: 'member.me',
  input: memberMeInput,
  auth: 'member',
  handler: async (ctx) => profileOf(ctx.store, ctx.member, ctx.admin.orgs),
});

export const memberUpdate = defineAction({
  name: 'member.update',
  input: memberUpdateInput,
  auth: 'member',
  async handler(ctx, patch) {
    // 个人信息保护法: a real name or phone is stored only after the member agreed to the notice.
    const storesPersonal = (patch.realName ?? null) !== null || (patch.phone ?? null) !== null;
    if (storesPersonal) requirePrivacyConsent(ctx);
    if (patch.orgId && !(await ctx.store.orgs.getById(patch.orgId))) {
      throw new AppError('NOT_FOUND', '所选单位不存在，请重新选择');
    }
    const updated = await ctx.store.members.update(ctx.member.id, patch, ctx.now());
    return profileOf(ctx.store, updated, ctx.admin.orgs);
  },
});

export const memberConsent = defineAction({
  name: 'member.consent',
  input: memberConsentInput,
  auth: 'member',
  async handler(ctx, { version }) {
    const updated = await ctx.store.members.recordConsent(ctx.member.id, version, ctx.now());
    return profileOf(ctx.store, updated, ctx.admin.orgs);
  },
});

/** 我的数据: the member's own rows, then every other feature's section (those with nothing stored are left out). */
const memberExportData = ({ sections }: MemberDataParts) =>
  defineAction({
    name: 'member.exportData',
    input: memberExportInput,
    auth: 'member',
    async handler(ctx) {
      const features = await Promise.all(sections.map((section) => section(ctx)));
      return {
        profile: await profileOf(ctx.store, ctx.member, ctx.admin.orgs),
        consents: await ctx.store.members.consents(ctx.member.id),
        points: await ctx.store.points.entries(ctx.member.id, 10_000),
        sections: features.filter((s) => s !== null),
      };
    },
  });

/** 注销: the features' hooks first, while the member still exists, then the one DELETE that cascades. */
const memberDelete = ({ beforeDelete }: MemberDataParts) =>
  defineAction({
    name: 'member.delete',
    input: memberDeleteInput,
    auth: 'member',
    async handler(ctx) {
      for (const hook of beforeDelete) await hook(ctx);
      await ctx.store.members.delete(ctx.member.id, ctx.now());
      return { deleted: true as const };
    },
  });

export const memberPoints = defineAction({
  name: 'member.points',
  input: memberPointsInput,
  auth: 'member',
  async handler(ctx) {
    return { balance: ctx.member.points, entries: await ctx.store.points.entries(ctx.member.id, 100) };
  },
});

/** The member actions; `memberData` (listed in app.ts) says what the other features keep about a member. */
export const memberActions = (memberData: MemberDataParts) => [
  memberMe,
  memberUpdate,
  memberConsent,
  memberExportData(memberData),
  memberDelete(memberData),
  memberPoints,
];
