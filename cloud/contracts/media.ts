import { z } from 'zod';
import { MEDIA_UPLOAD_PATH, type MediaType } from './media-format';

export * from './media-format';

/**
 * `media.admin.upload` is reached only through the HTTP host's upload route (POST /api/media/upload),
 * which hands the router the raw bytes. A JSON body can never carry them, so the JSON API refuses it.
 */
export const mediaUploadInput = z
  .object({
    bytes: z.custom<Uint8Array>((v) => v instanceof Uint8Array, { message: `图片请通过上传接口提交（POST ${MEDIA_UPLOAD_PATH}）` }),
    /** The org the upload is for; defaults to the admin's first org. */
    orgId: z
      .string()
      .trim()
      .min(1)
      .max(32)
      .regex(/^[0-9A-Za-z_-]+$/)
      .optional(),
  })
  .strict();

export interface UploadedMedia {
  /** Relative to the HTTP host, e.g. /media/<sha256>.jpg; store it as a cover or in Markdown as ![](url). */
  url: string;
  sha256: string;
  type: MediaType;
  size: number;
  width: number;
  height: number;
  /** The same bytes had been uploaded before: nothing new was stored. */
  reused: boolean;
}

export type MediaActions = {
  'media.admin.upload': { payload: z.input<typeof mediaUploadInput>; result: UploadedMedia };
};
