import Taro from '@tarojs/taro';
import { MEDIA_MAX_BYTES, MEDIA_TYPES, MEDIA_UPLOAD_PATH } from '@contracts/media-format';
import type { UploadedMedia } from '@contracts/media';
import { INTERNAL_ERROR_MESSAGE, type Envelope } from '@contracts/errors';
import { sessionToken } from '../../../../services/session';

/** Covers are shown at most phone-width ×2: larger images only cost members' data on rural networks. */
export const MAX_SIDE = 1280;
export const JPEG_QUALITY = 0.8;
/** Smaller, already-small images are sent as they are (a PNG logo keeps its sharp edges). */
const KEEP_AS_IS_BYTES = 300 * 1024;

export const UPLOAD_MESSAGES = {
  tooLarge: `图片太大了（上限 ${MEDIA_MAX_BYTES / 1024 / 1024} MB），请换一张或裁小后再上传`,
  wrongType: '只能上传 JPG、PNG 或 WebP 格式的图片，请换一张',
  network: '网络不太好，图片没有传上去，请检查网络后重试',
  server: INTERNAL_ERROR_MESSAGE,
};

/** A refusal to show beside the picker; an empty message means the admin cancelled. */
export class UploadError extends Error {}

export interface UploadHooks {
  onProgress: (percent: number) => void;
  /** A local address of the chosen (downscaled) image, to show while it uploads. */
  onPreview: (src: string) => void;
}

const ACCEPTED: readonly string[] = Object.values(MEDIA_TYPES);
export const ACCEPT_ATTR = ACCEPTED.join(',');

function fromEnvelope(status: number, text: unknown): string {
  let body: Envelope<UploadedMedia> | undefined;
  try {
    body = (typeof text === 'string' ? JSON.parse(text) : text) as Envelope<UploadedMedia>;
  } catch {
    body = undefined;
  }
  if (body && typeof body === 'object' && 'ok' in body) {
    if (body.ok) return body.data.url;
    throw new UploadError(body.error.message);
  }
  throw new UploadError(status === 413 ? UPLOAD_MESSAGES.tooLarge : UPLOAD_MESSAGES.server);
}

// ---------------------------------------------------------------- H5: file input, canvas, XHR

/** Downscales to MAX_SIDE as JPEG on a canvas (white under any transparency); small images pass unchanged. */
export async function downscaleForUpload(file: Blob): Promise<Blob> {
  const url = URL.createObjectURL(file);
  try {
    const img = document.createElement('img');
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new UploadError(UPLOAD_MESSAGES.wrongType));
      img.src = url;
    });
    const w = img.naturalWidth;
    const h = img.naturalHeight;
    const scale = Math.min(1, MAX_SIDE / Math.max(w, h));
    if (scale === 1 && file.size <= KEEP_AS_IS_BYTES) return file;
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(w * scale));
    canvas.height = Math.max(1, Math.round(h * scale));
    const g = canvas.getContext('2d');
    if (!g) return file;
    g.fillStyle = '#fff';
    g.fillRect(0, 0, canvas.width, canvas.height);
    g.drawImage(img, 0, 0, canvas.width, canvas.height);
    const jpeg = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', JPEG_QUALITY));
    // Re-encoding a small, already-compressed photo can make it larger: keep whichever is smaller.
    return jpeg && (scale < 1 || jpeg.size < file.size) ? jpeg : file;
  } finally {
    URL.revokeObjectURL(url);
  }
}

function xhrUpload(blob: Blob, onProgress: (p: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${API_BASE}${MEDIA_UPLOAD_PATH}`);
    const token = sessionToken.get();
    if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.setRequestHeader('content-type', blob.type);
    xhr.timeout = 60_000;
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.min(99, Math.round((e.loaded / e.total) * 100)));
    };
    xhr.onload = () => {
      try {
        resolve(fromEnvelope(xhr.status, xhr.responseText));
      } catch (e) {
        reject(e);
      }
    };
    xhr.onerror = () => reject(new UploadError(UPLOAD_MESSAGES.network));
    xhr.ontimeout = () => reject(new UploadError(UPLOAD_MESSAGES.network));
    xhr.send(blob);
  });
}

/** H5: the file from the picker's <input type=file>, downscaled and uploaded with progress. */
export async function uploadFileH5(file: File, hooks: UploadHooks): Promise<string> {
  if (!ACCEPTED.includes(file.type)) throw new UploadError(UPLOAD_MESSAGES.wrongType);
  const blob = await downscaleForUpload(file);
  if (blob.size > MEDIA_MAX_BYTES) throw new UploadError(UPLOAD_MESSAGES.tooLarge);
  const preview = URL.createObjectURL(blob);
  hooks.onPreview(preview);
  return xhrUpload(blob, hooks.onProgress);
}

// ---------------------------------------------------------------- weapp: chooseMedia, compressImage, uploadFile

/**
 * weapp: choose from the album or camera, let WeChat downscale (compressImage), then upload:
 * - HTTP builds: Taro.uploadFile (multipart) to the host's upload route, with the session token;
 * - cloud builds (CLOUD_ENV_ID): wx.cloud.uploadFile to cloud storage; the fileID (cloud://…) is the cover.
 */
export async function pickAndUploadWeapp(hooks: UploadHooks): Promise<string> {
  let chosen: Taro.chooseMedia.ChooseMedia;
  try {
    const r = await Taro.chooseMedia({ count: 1, mediaType: ['image'], sizeType: ['compressed'], sourceType: ['album', 'camera'] });
    chosen = r.tempFiles[0];
  } catch {
    throw new UploadError(''); // cancelled
  }
  let filePath = chosen.tempFilePath;
  let size = chosen.size;
  const info = await Taro.getImageInfo({ src: filePath }).catch(() => null);
  if (!info || !['jpeg', 'jpg', 'png', 'webp'].includes(String(info.type).toLowerCase())) throw new UploadError(UPLOAD_MESSAGES.wrongType);
  if (Math.max(info.width, info.height) > MAX_SIDE || size > KEEP_AS_IS_BYTES) {
    const landscape = info.width >= info.height;
    const c = await Taro.compressImage({
      src: filePath,
      quality: Math.round(JPEG_QUALITY * 100),
      ...(landscape ? { compressedWidth: Math.min(MAX_SIDE, info.width) } : { compressedHeight: Math.min(MAX_SIDE, info.height) }),
    }).catch(() => null);
    if (c) {
      filePath = c.tempFilePath;
      size = 0; // measured by the server
    }
  }
  if (size > MEDIA_MAX_BYTES) throw new UploadError(UPLOAD_MESSAGES.tooLarge);
  hooks.onPreview(filePath);
  if (CLOUD_ENV_ID) {
    return new Promise((resolve, reject) => {
      const ext = filePath.split('.').pop()?.toLowerCase() || 'jpg';
      const task = Taro.cloud.uploadFile({
        cloudPath: `media/${Date.now()}-${Math.random().toString(36).slice(2, 10)}.${ext}`,
        filePath,
        success: (r) => resolve(r.fileID),
        fail: () => reject(new UploadError(UPLOAD_MESSAGES.network)),
      });
      task?.onProgressUpdate?.((p) => hooks.onProgress(Math.min(99, p.progress)));
    });
  }
  return new Promise((resolve, reject) => {
    const token = sessionToken.get();
    const task = Taro.uploadFile({
      url: `${API_BASE}${MEDIA_UPLOAD_PATH}`,
      filePath,
      name: 'file',
      header: token ? { authorization: `Bearer ${token}` } : {},
      success: (r) => {
        try {
          resolve(fromEnvelope(r.statusCode, r.data));
        } catch (e) {
          reject(e);
        }
      },
      fail: () => reject(new UploadError(UPLOAD_MESSAGES.network)),
    });
    task?.onProgressUpdate?.((p) => hooks.onProgress(Math.min(99, p.progress)));
  });
}
