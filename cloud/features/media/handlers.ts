import crypto from 'node:crypto';
import { defineAction, type Action } from '../context';
import { requireAdminOrg } from '../../core/admin-org';
import { AppError } from '../../core/errors';
import { mediaUploadInput, MEDIA_MAX_BYTES, MEDIA_TYPES, mediaPath } from '../../contracts/media';
import { sniffImage } from './sniff';

export const MEDIA_TOO_LARGE_MESSAGE = `图片太大了（上限 ${MEDIA_MAX_BYTES / 1024 / 1024} MB），请换一张或裁小后再上传`;
export const MEDIA_WRONG_TYPE_MESSAGE = '只能上传 JPG、PNG 或 WebP 格式的图片，这个文件不是图片或格式不支持';

/**
 * An admin uploads an image (a cover, or a picture for an event's body). The bytes decide the type;
 * identical bytes are stored once and get the same address.
 */
export const mediaUpload = defineAction({
  name: 'media.admin.upload',
  input: mediaUploadInput,
  auth: 'admin',
  async handler(ctx, { bytes, orgId }) {
    const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (data.length === 0) throw new AppError('INVALID_PAYLOAD', '没有收到图片，请重新选择');
    if (data.length > MEDIA_MAX_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', MEDIA_TOO_LARGE_MESSAGE);
    const image = sniffImage(data);
    if (!image) throw new AppError('UNSUPPORTED_MEDIA_TYPE', MEDIA_WRONG_TYPE_MESSAGE);
    const org = orgId ? await requireAdminOrg(ctx, orgId) : ctx.admin.orgs[0];
    const sha256 = crypto.createHash('sha256').update(data).digest('hex');
    const type = MEDIA_TYPES[image.ext];
    const { reused } = await ctx.store.media.put({
      sha256,
      type,
      data,
      width: image.width,
      height: image.height,
      memberId: ctx.member.id,
      orgId: org?.id ?? null,
      at: ctx.now(),
    });
    return { url: mediaPath(sha256, image.ext), sha256, type, size: data.length, width: image.width, height: image.height, reused };
  },
});

export const mediaActions: Action[] = [mediaUpload];
