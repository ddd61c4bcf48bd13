/**
 * Uploaded images (covers, pictures in an event's body), zod-free so the client may import it.
 * An upload is stored once per content (sha256) and served at a stable, immutable address.
 */

/** The image types an admin may upload, by the extension of the address they are served at. */
export const MEDIA_TYPES = { jpg: 'image/jpeg', png: 'image/png', webp: 'image/webp' } as const;
export type MediaExt = keyof typeof MEDIA_TYPES;
export type MediaType = (typeof MEDIA_TYPES)[MediaExt];

/** The largest upload the server keeps (the client downscales before sending, so covers are far smaller). */
export const MEDIA_MAX_BYTES = 2 * 1024 * 1024;

/** HTTP host: POST the image's bytes here (raw body with Content-Type image/*, or multipart/form-data from wx.uploadFile). */
export const MEDIA_UPLOAD_PATH = '/api/media/upload';

/** The address of a stored image, relative to the HTTP host: /media/<sha256>.<ext>. */
export const mediaPath = (sha256: string, ext: MediaExt): string => `/media/${sha256}.${ext}`;

/** Matches a stored image's address and captures the sha256 and extension. */
export const MEDIA_PATH_RE = /^\/media\/([0-9a-f]{64})\.(jpg|png|webp)$/;
