import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import { LRUCache } from 'lru-cache';
import type { App } from '../../app';
import type { HostServices, Identity } from '../../core/context';
import { INTERNAL_ERROR_MESSAGE, refusal } from '../../contracts/errors';
import { API_HEADERS } from './api-headers';
import { MEDIA_MAX_BYTES, MEDIA_PATH_RE, MEDIA_TYPES, MEDIA_UPLOAD_PATH, type MediaExt } from '../../contracts/media-format';
import { MEDIA_TOO_LARGE_MESSAGE, MEDIA_WRONG_TYPE_MESSAGE } from '../../features/media/handlers';

/** Room for multipart framing around the image (wx.uploadFile always sends multipart/form-data). */
const MULTIPART_OVERHEAD = 64 * 1024;

/** Served images never change (the address is their sha256), may be cached for good, and can run nothing. */
const IMAGE_HEADERS = {
  'cache-control': 'public, max-age=31536000, immutable',
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; sandbox",
  'cross-origin-resource-policy': 'cross-origin',
};

const refuse = (reply: FastifyReply, status: number, code: string, message: string) => reply.code(status).headers(API_HEADERS).send(refusal(code, message));

/**
 * Image uploads and the images themselves, beside the JSON API (whose 64 KB body limit is kept):
 *   POST /api/media/upload  — the image's bytes (Content-Type image/jpeg|png|webp, or multipart/form-data
 *                             with one file part, as wx.uploadFile sends); optional ?orgId=…; session auth.
 *                             Answers the usual envelope with the media.upload result.
 *   GET  /media/<sha256>.<ext> — the stored image, immutable.
 * The upload is handed to the router as the `media.admin.upload` action, so identity, admin rights and
 * error envelopes are exactly the JSON API's.
 */
export async function registerMediaRoutes(
  server: FastifyInstance,
  host: { app: App; identify: (req: FastifyRequest) => Identity; services: HostServices },
): Promise<void> {
  const { app, identify, services } = host;
  await server.register(async (scope) => {
    scope.addContentTypeParser(Object.values(MEDIA_TYPES), { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
    // wx.uploadFile sends multipart/form-data: one file part, perhaps an orgId field.
    await scope.register(multipart, { limits: { fileSize: MEDIA_MAX_BYTES, files: 1, fields: 5, fieldSize: 200, parts: 6 } });

    scope.setErrorHandler((error: Error & { statusCode?: number; code?: string }, _req, reply) => {
      if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || error.statusCode === 413) return refuse(reply, 413, 'PAYLOAD_TOO_LARGE', MEDIA_TOO_LARGE_MESSAGE);
      if (error.code === 'UNSUPPORTED_MEDIA_TYPE' || error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || error.statusCode === 415)
        return refuse(reply, 415, 'UNSUPPORTED_MEDIA_TYPE', MEDIA_WRONG_TYPE_MESSAGE);
      if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) return refuse(reply, 400, 'INVALID_PAYLOAD', '上传的内容有误，请重新选择图片');
      console.error('[http] media upload failed:', error);
      return refuse(reply, 500, 'INTERNAL', INTERNAL_ERROR_MESSAGE);
    });

    scope.post<{ Querystring: { orgId?: string } }>(
      MEDIA_UPLOAD_PATH,
      {
        bodyLimit: MEDIA_MAX_BYTES + MULTIPART_OVERHEAD,
        // Who first: an anonymous caller is turned away before a megabyte is read.
        onRequest: async (req, reply) => {
          if (identify(req).kind === 'anonymous') return refuse(reply, 401, 'UNAUTHENTICATED', '请先登录');
        },
      },
      async (req, reply) => {
        let bytes: Buffer | undefined = Buffer.isBuffer(req.body) ? req.body : undefined;
        let orgId = typeof req.query.orgId === 'string' && req.query.orgId ? req.query.orgId : undefined;
        if (req.isMultipart()) {
          try {
            const part = await req.file();
            if (!part) return refuse(reply, 400, 'INVALID_PAYLOAD', '没有收到图片，请重新选择');
            bytes = await part.toBuffer();
            const field = part.fields.orgId;
            if (!orgId && field && !Array.isArray(field) && field.type === 'field' && typeof field.value === 'string' && field.value) orgId = field.value;
          } catch (error) {
            // A broken form is the caller's problem (400); only the size limit has its own answer.
            if ((error as { statusCode?: number }).statusCode === 413) return refuse(reply, 413, 'PAYLOAD_TOO_LARGE', MEDIA_TOO_LARGE_MESSAGE);
            return refuse(reply, 400, 'INVALID_PAYLOAD', '上传的内容有误，请重新选择图片');
          }
        }
        if (!bytes || bytes.length === 0) return refuse(reply, 400, 'INVALID_PAYLOAD', '没有收到图片，请重新选择');
        const result = await app.router.dispatch('media.admin.upload', { bytes, ...(orgId ? { orgId } : {}) }, identify(req), services);
        return reply.code(result.status).headers(API_HEADERS).send(result.body);
      },
    );

    // Images never change, so the hot ones (a campaign's cover on everyone's list) are kept in memory.
    const hot = new LRUCache<string, { sha256: string; type: string; data: Buffer }>({
      maxSize: HOT_CACHE_BYTES,
      maxEntrySize: HOT_CACHE_BYTES / 8,
      sizeCalculation: (v) => v.data.length,
    });
    scope.get<{ Params: { file: string } }>('/media/:file', async (req, reply) => {
      const m = MEDIA_PATH_RE.exec(`/media/${req.params.file}`);
      let blob = m ? hot.get(m[1]) : undefined;
      if (m && !blob) {
        const stored = await app.store.media.get(m[1]);
        if (stored) hot.set(m[1], (blob = { sha256: stored.sha256, type: stored.type, data: stored.data }));
      }
      if (!m || !blob || blob.type !== MEDIA_TYPES[m[2] as MediaExt]) {
        return reply.code(404).headers(API_HEADERS).type('text/plain; charset=utf-8').send('图片不存在');
      }
      const etag = `"${blob.sha256}"`;
      reply.headers(IMAGE_HEADERS).header('etag', etag);
      if (req.headers['if-none-match'] === etag) return reply.code(304).send();
      return reply.type(blob.type).send(blob.data);
    });
  });
}

const HOT_CACHE_BYTES = 32 * 1024 * 1024;
