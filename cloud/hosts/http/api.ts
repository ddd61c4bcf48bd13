import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import zlib from 'node:zlib';
import type { Router } from '../../core/router';
import type { HostServices, Identity } from '../../core/context';
import { INTERNAL_ERROR_MESSAGE, refusal } from '../../contracts/errors';
import { MEDIA_UPLOAD_PATH } from '../../contracts/media-format';
import { API_HEADERS } from './api-headers';

export const BODY_LIMIT_BYTES = 64 * 1024;
/** Answers smaller than this go as they are: gzip would cost more time than the bytes it saves. */
const COMPRESS_FROM_BYTES = 1024;

/** The headers of every answer, as writeHead's flat list, built once. */
const JSON_HEAD = ['content-type', 'application/json; charset=utf-8', ...Object.entries(API_HEADERS).flat()];
const ACTION_PATH_RE = /^\/api\/([A-Za-z][\w.]{0,63})$/;

export interface ApiHost {
  router: Router;
  identify: (headers: IncomingHttpHeaders) => Identity;
  services: HostServices;
}

/**
 * The JSON API straight on node:http: POST /api/<action> → the shared router → the envelope.
 * It is the hot path of every screen, and a framework's per-request machinery (hooks, reply objects,
 * content-type parser chain) cost more than the work of a cheap action such as member.me, so the
 * few transport rules of the API live here, in one place. Returns false for what is not the JSON API
 * (the H5 site, images and image uploads), which the caller hands to Fastify.
 */
export function apiHandler(host: ApiHost): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    const url = req.url ?? '/';
    if (!url.startsWith('/api/')) return false;
    const q = url.indexOf('?');
    const path = q === -1 ? url : url.slice(0, q);
    if (path === MEDIA_UPLOAD_PATH) return false;

    if (path === '/api/health' && req.method === 'GET') {
      send(req, res, 200, { ok: true, data: { mode: host.services.mode, actions: host.router.names().length } });
    } else if (req.method !== 'POST') {
      req.resume();
      send(req, res, 405, refusal('METHOD_NOT_ALLOWED', '接口只接受 POST 请求'));
    } else {
      const action = ACTION_PATH_RE.exec(path)?.[1];
      if (!action) {
        req.resume();
        send(req, res, 404, refusal('UNKNOWN_ACTION', '没有这个接口'));
      } else {
        readJson(req, res, (payload) =>
          handleSoon(() =>
            host.router.dispatch(action, payload, host.identify(req.headers), host.services).then(
              (result) => send(req, res, result.status, result.body),
              (error) => failed(req, res, error),
            ),
          ),
        );
      }
    }
    return true;
  };
}

/** Reads the body and hands on the parsed JSON ({} for an empty body); answers 413, 415 and 400 itself. */
function readJson(req: IncomingMessage, res: ServerResponse, then: (payload: unknown) => void): void {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > BODY_LIMIT_BYTES) return tooLarge(req, res);
  const chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    if (size > BODY_LIMIT_BYTES) return; // refused already: the rest is let through unread
    size += chunk.length;
    if (size > BODY_LIMIT_BYTES) tooLarge(req, res);
    else chunks.push(chunk);
  });
  req.on('end', () => {
    if (size > BODY_LIMIT_BYTES) return;
    const text = chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks).toString('utf8');
    if (text.trim() === '') return then({});
    const type = req.headers['content-type'] ?? '';
    if (!/^application\/json\s*(;|$)/i.test(type))
      return send(req, res, 415, refusal('UNSUPPORTED_MEDIA_TYPE', '请以 JSON 格式提交（Content-Type: application/json）'));
    let payload: unknown;
    try {
      payload = JSON.parse(text);
    } catch {
      return send(req, res, 400, refusal('BAD_JSON', '提交的内容格式不正确，请刷新页面后重试'));
    }
    then(payload);
  });
  req.on('error', () => res.destroy());
}

function tooLarge(req: IncomingMessage, res: ServerResponse): void {
  // The rest of the body is not read: answer, then close the connection rather than drain megabytes.
  res.shouldKeepAlive = false;
  send(req, res, 413, refusal('PAYLOAD_TOO_LARGE', '提交的内容太大了（上限 64 KB），请精简后再试'));
  req.resume();
}

function failed(req: IncomingMessage, res: ServerResponse, error: unknown): void {
  console.error('[http] unexpected error:', error);
  send(req, res, 500, refusal('INTERNAL', INTERNAL_ERROR_MESSAGE));
}

/**
 * Requests are handled a turn of the event loop at a time: the requests read in one turn are dispatched
 * together after the reading (inbox), and their answers written together after that (outbox). Interleaving
 * HTTP parsing, action code and socket writes request by request costs dearly under load (cold caches at
 * every switch); batched, each request waits well under a millisecond more. (The same reason the group commit
 * answers a burst of writes together; `npm run bench foundation` prints the server CPU per request.)
 */
const inbox: (() => void)[] = [];
const outbox: (() => void)[] = [];

function handleSoon(handle: () => void): void {
  if (inbox.push(handle) === 1) setImmediate(handleAll);
}

function handleAll(): void {
  for (let i = 0; i < inbox.length; i++) inbox[i]();
  inbox.length = 0;
  // Once every promise continuation of these requests has run (Node drains the microtask queue before it
  // runs a tick queued from it), write all they answered; answers that wait on a commit go out with its turn.
  queueMicrotask(() => process.nextTick(writeAll));
}

function writeAll(): void {
  for (let i = 0; i < outbox.length; i++) outbox[i]();
  outbox.length = 0;
}

/** Queues an answer for the outbox (see handleAll). */
function send(req: IncomingMessage, res: ServerResponse, status: number, body: unknown): void {
  if (outbox.push(() => write(req, res, status, body)) === 1) setImmediate(writeAll);
}

/** The envelope as JSON with the API's fixed headers; gzip for large answers when the client takes it. */
function write(req: IncomingMessage, res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent || res.destroyed) return;
  let json: string;
  try {
    json = JSON.stringify(body);
  } catch (error) {
    console.error('[http] answer not serialisable:', error);
    json = JSON.stringify(refusal('INTERNAL', INTERNAL_ERROR_MESSAGE));
    status = 500;
  }
  const bytes = Buffer.byteLength(json);
  const asIs = () => {
    res.writeHead(status, [...JSON_HEAD, 'content-length', String(bytes)]);
    res.end(json);
  };
  if (bytes < COMPRESS_FROM_BYTES || !/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) return asIs();
  // Off the main thread (libuv's pool): a member's list of campaigns must not hold up everyone else's 签到.
  zlib.gzip(json, (error, gz) => {
    if (res.destroyed) return;
    if (error) return asIs();
    res.writeHead(status, [...JSON_HEAD, 'content-encoding', 'gzip', 'vary', 'accept-encoding', 'content-length', String(gz.length)]);
    res.end(gz);
  });
}
