import type { MemberDataSection } from '../context';
import { mediaPath, type MediaExt } from '../../contracts/media-format';

const EXT: Record<string, MediaExt> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

/** "我的数据": images this member uploaded as an admin (the images stay: published covers use them). */
export const mediaDataSection: MemberDataSection = async (ctx) => {
  const rows = await ctx.store.media.uploadsBy(ctx.member.id);
  if (!rows.length) return null;
  return {
    title: '上传的图片',
    rows: rows.map((r) => ({ 图片: mediaPath(r.sha256, EXT[r.type] ?? 'jpg'), 单位: r.orgName ?? r.orgId, 上传时间: r.uploadedAt })),
  };
};
