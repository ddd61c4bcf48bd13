import type { BaseContext } from '../../core/context';
import { AppError } from '../../core/errors';
import { MEDIA_PATH_RE, MEDIA_TYPES, type MediaExt } from '../../contracts/media-format';

/**
 * The rule for an image address saved as a cover: an upload of ours (/media/<sha256>.<ext>, which
 * must exist), a WeChat cloud-storage fileID (cloud://…), or an https address. Anything else — a
 * typo, javascript:, a /media address of nothing — is refused when the campaign or event is saved.
 */
export async function requireCoverImage(ctx: Pick<BaseContext, 'store'>, cover: string | null | undefined): Promise<void> {
  if (cover === null || cover === undefined || cover === '') return;
  const m = MEDIA_PATH_RE.exec(cover);
  if (m) {
    const blob = await ctx.store.media.get(m[1]);
    if (!blob || blob.type !== MEDIA_TYPES[m[2] as MediaExt]) throw new AppError('INVALID_PAYLOAD', '封面图片不存在，请重新上传封面');
    return;
  }
  if (/^cloud:\/\/[^\s]+$/.test(cover) || /^https:\/\/[^\s]+$/.test(cover)) return;
  throw new AppError('INVALID_PAYLOAD', '封面图片地址不正确，请重新上传封面');
}
