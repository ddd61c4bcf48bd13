import type { BaseContext } from '../context';
import { AppError } from '../../core/errors';
import { MEDIA_PATH_RE, MEDIA_TYPES, type MediaExt } from '../../contracts/media-format';

/** An address of one of our uploads (/media/<sha256>.<ext>) that exists, stored as that type; refused with `message` otherwise. */
export async function requireUploadedImage(ctx: Pick<BaseContext, 'store'>, address: string, message: string): Promise<void> {
  const m = MEDIA_PATH_RE.exec(address);
  const blob = m ? await ctx.store.media.get(m[1]) : null;
  if (!m || !blob || blob.type !== MEDIA_TYPES[m[2] as MediaExt]) throw new AppError('INVALID_PAYLOAD', message);
}

/**
 * The rule for an image address saved as a cover: an upload of ours (/media/<sha256>.<ext>, which
 * must exist), a WeChat cloud-storage fileID (cloud://…), or an https address. Anything else — a
 * typo, javascript:, a /media address of nothing — is refused when the campaign or event is saved.
 */
export async function requireCoverImage(ctx: Pick<BaseContext, 'store'>, cover: string | null | undefined): Promise<void> {
  if (cover === null || cover === undefined || cover === '') return;
  if (MEDIA_PATH_RE.test(cover)) return requireUploadedImage(ctx, cover, '封面图片不存在，请重新上传封面');
  if (/^cloud:\/\/[^\s]+$/.test(cover) || /^https:\/\/[^\s]+$/.test(cover)) return;
  throw new AppError('INVALID_PAYLOAD', '封面图片地址不正确，请重新上传封面');
}
