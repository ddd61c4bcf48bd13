/**
 * Image uploads over the real HTTP host: admin-only, typed by their bytes, size-limited, stored once
 * per content, served immutable at a stable address; and covers must point at a real upload.
 */
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { startHttpHost, type TestHost } from '../support/http';
import { pngImage } from '../support/images';
import { sqlOf } from '../support/app';
import { MEDIA_MAX_BYTES } from '../../cloud/contracts/media-format';

const CJK = /[\u4e00-\u9fa5]/;
const JPEG = fs.readFileSync(path.join(__dirname, '../fixtures/media/cover-96x54.jpg'));
const WEBP = fs.readFileSync(path.join(__dirname, '../fixtures/media/cover-64x32.webp'));

let host: TestHost;
let admin: string;
let member: string;
beforeAll(async () => {
  host = await startHttpHost();
  admin = await host.login('dev-admin-hhht');
  member = await host.login('media-member');
});
afterAll(() => host.close());

async function upload(body: Buffer | string | FormData, contentType: string | null, token?: string, query = '') {
  const headers: Record<string, string> = {};
  if (contentType) headers['content-type'] = contentType;
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${host.url}/api/media/upload${query}`, { method: 'POST', headers, body: Buffer.isBuffer(body) ? new Uint8Array(body) : body });
  const text = await res.text();
  let json: any = text;
  try {
    json = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: json, headers: res.headers };
}

function expectRefusal(r: { status: number; body: any }, status: number) {
  expect(r.status).toBe(status);
  expect(r.body.ok).toBe(false);
  expect(r.body.error.message).toMatch(CJK);
}

test('an admin uploads a PNG, a JPEG and a WebP and each address serves the same bytes with the right type', async () => {
  const png = pngImage(120, 80, 1);
  for (const [bytes, type, ext, w, h] of [
    [png, 'image/png', 'png', 120, 80],
    [JPEG, 'image/jpeg', 'jpg', 96, 54],
    [WEBP, 'image/webp', 'webp', 64, 32],
  ] as const) {
    const r = await upload(bytes, type, admin);
    expect(r.status).toBe(200);
    const sha = crypto.createHash('sha256').update(bytes).digest('hex');
    expect(r.body.data).toEqual({ url: `/media/${sha}.${ext}`, sha256: sha, type, size: bytes.length, width: w, height: h, reused: false });
    const img = await fetch(`${host.url}${r.body.data.url}`);
    expect(img.status).toBe(200);
    expect(img.headers.get('content-type')).toBe(type);
    expect(img.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(img.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await img.arrayBuffer()).equals(bytes)).toBe(true);
    // Revalidation is answered without the body.
    const again = await fetch(`${host.url}${r.body.data.url}`, { headers: { 'if-none-match': img.headers.get('etag')! } });
    expect(again.status).toBe(304);
  }
});

test('the type comes from the bytes, not the Content-Type header', async () => {
  // A PNG declared as JPEG is stored and served as the PNG it is.
  const png = pngImage(10, 10, 9);
  const r = await upload(png, 'image/jpeg', admin);
  expect(r.status).toBe(200);
  expect(r.body.data.type).toBe('image/png');
  expect(r.body.data.url).toMatch(/\.png$/);
});

test('the same bytes uploaded twice are stored once and get the same address', async () => {
  const png = pngImage(64, 64, 3);
  const first = await upload(png, 'image/png', admin);
  const nm = await host.login('dev-admin-nm');
  const second = await upload(png, 'image/png', nm);
  expect(second.status).toBe(200);
  expect(second.body.data.url).toBe(first.body.data.url);
  expect([first.body.data.reused, second.body.data.reused]).toEqual([false, true]);
  const sql = sqlOf(host.app);
  expect(await sql.value('SELECT COUNT(*) FROM media_blobs WHERE sha256 = ?', first.body.data.sha256)).toBe(1);
  // Both uploads are recorded, each with who uploaded it and for which org.
  const rows = await sql.rows(
    'SELECT m.openid, u.org_id AS orgId FROM media_uploads u JOIN members m ON m.id = u.member_id WHERE u.sha256 = ? ORDER BY u.id',
    first.body.data.sha256,
  );
  expect(rows).toEqual([
    { openid: 'dev-admin-hhht', orgId: '150100' },
    { openid: 'dev-admin-nm', orgId: '150000' },
  ]);
});

test('wx.uploadFile style multipart/form-data uploads work, with the org as a form field', async () => {
  const png = pngImage(30, 20, 4);
  const form = new FormData();
  form.append('orgId', '150100');
  form.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'cover.png');
  const r = await upload(form, null, admin);
  expect(r.status).toBe(200);
  expect(r.body.data).toMatchObject({ type: 'image/png', width: 30, height: 20, size: png.length });
  const served = Buffer.from(await (await fetch(`${host.url}${r.body.data.url}`)).arrayBuffer());
  expect(served.equals(png)).toBe(true);
});

test('a broken form is refused with 400, and a file part over 2 MB with 413, in Chinese', async () => {
  const broken = await upload(
    '--x\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\nnot closed',
    'multipart/form-data; boundary=x',
    admin,
  );
  expectRefusal(broken, 400);
  const noFile = new FormData();
  noFile.append('orgId', '150100');
  expectRefusal(await upload(noFile, null, admin), 400);
  const big = new FormData();
  big.append('file', new Blob([new Uint8Array(2 * 1024 * 1024 + 10)], { type: 'image/png' }), 'big.png');
  const tooBig = await upload(big, null, admin);
  expectRefusal(tooBig, 413);
  expect(tooBig.body.error.message).toContain('2 MB');
});

test('a plain member is refused with 403, and no session with 401', async () => {
  const png = pngImage(8, 8);
  const asMember = await upload(png, 'image/png', member);
  expectRefusal(asMember, 403);
  expect(asMember.body.error.code).toBe('FORBIDDEN');
  expectRefusal(await upload(png, 'image/png'), 401);
  expectRefusal(await upload(png, 'image/png', 'forged.token'), 401);
});

test('an admin may upload only for an org of their own subtree', async () => {
  const r = await upload(pngImage(8, 8, 5), 'image/png', admin, '?orgId=150400');
  expectRefusal(r, 403);
});

test('a text file renamed .png, an SVG and a text/plain body are refused with 415', async () => {
  const text = await upload(Buffer.from('这不是图片，只是一段文字。'.repeat(20)), 'image/png', admin);
  expectRefusal(text, 415);
  expect(text.body.error.message).toContain('JPG、PNG 或 WebP');
  expectRefusal(await upload(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), 'image/png', admin), 415);
  expectRefusal(await upload('plain text', 'text/plain', admin), 415);
  expectRefusal(await upload('<svg/>', 'image/svg+xml', admin), 415);
  // A truncated PNG (signature only) is not an image either.
  expectRefusal(await upload(pngImage(8, 8).subarray(0, 12), 'image/png', admin), 415);
});

test('an empty body is refused with 400', async () => {
  expectRefusal(await upload(Buffer.alloc(0), 'image/png', admin), 400);
});

test('images over 2 MB are refused with 413 and a Chinese message', async () => {
  const png = pngImage(8, 8);
  for (const extra of [1024, 3 * 1024 * 1024]) {
    const big = Buffer.concat([png, Buffer.alloc(MEDIA_MAX_BYTES + extra - png.length, 7)]);
    const r = await upload(big, 'image/png', admin);
    expectRefusal(r, 413);
    expect(r.body.error.message).toContain('2 MB');
  }
});

test('the JSON API cannot carry an upload', async () => {
  const r = await host.post('media.admin.upload', { bytes: 'iVBORw0KGgo=' }, admin);
  expectRefusal(r, 400);
  expect(r.body.error.message).toContain('/api/media/upload');
});

test('unknown and malformed image addresses are 404', async () => {
  expect((await fetch(`${host.url}/media/${'0'.repeat(64)}.png`)).status).toBe(404);
  expect((await fetch(`${host.url}/media/not-a-hash.png`)).status).toBe(404);
  const r = await upload(pngImage(9, 9, 6), 'image/png', admin);
  // The right hash with the wrong extension is not served.
  expect((await fetch(`${host.url}${r.body.data.url.replace(/\.png$/, '.jpg')}`)).status).toBe(404);
});

describe('covers must point at a real upload', () => {
  const campaign = (cover: string | null) => ({
    title: '封面测试竞赛',
    description: '',
    cover,
    orgId: '150100',
    draws: [{ bankId: 'family-health', count: 3 }],
    opensAt: '2026-01-01T00:00:00Z',
    closesAt: '2030-01-01T00:00:00Z',
    timeLimitSec: 300,
    attemptsPerDay: 1,
    attemptsTotal: 1,
    passMark: 60,
    showReview: true,
  });
  const event = (cover: string | null) => ({
    orgId: '150100',
    kind: 'notice',
    title: '封面测试通知',
    type: '其他',
    cover,
    startsAt: '2027-01-01T00:00:00Z',
    endsAt: '2027-01-02T00:00:00Z',
  });

  test('a quiz campaign saves an uploaded cover, and members see it in the list', async () => {
    const url = (await upload(JPEG, 'image/jpeg', admin)).body.data.url as string;
    const saved = await host.post('quiz.admin.saveCampaign', campaign(url), admin);
    expect(saved.status).toBe(200);
    expect(saved.body.data.cover).toBe(url);
    const hhhtMember = await host.login('media-member-hhht');
    await host.post('member.update', { orgId: '150102' }, hhhtMember);
    const list = await host.post('quiz.list', {}, hhhtMember);
    expect(list.body.data.campaigns.find((c: { id: number }) => c.id === saved.body.data.id).cover).toBe(url);
  });

  test('a quiz campaign or an event whose cover points at no upload is refused', async () => {
    const missing = `/media/${'a'.repeat(64)}.jpg`;
    for (const cover of [missing, '/media/x.jpg', 'javascript:alert(1)', 'http://example.com/a.jpg']) {
      const q = await host.post('quiz.admin.saveCampaign', campaign(cover), admin);
      expectRefusal(q, 400);
      expect(q.body.error.message).toContain('封面');
      const e = await host.post('event.admin.publish', event(cover), admin);
      expectRefusal(e, 400);
    }
  });

  test('an event saves an uploaded cover; https and cloud fileIDs are accepted as they are', async () => {
    const url = (await upload(pngImage(40, 30, 7), 'image/png', admin)).body.data.url as string;
    for (const cover of [url, 'https://example.com/cover.jpg', 'cloud://env-1a2b.7465-env-1a2b-1300/covers/a.jpg', null]) {
      const r = await host.post('event.admin.publish', event(cover), admin);
      expect([r.status, r.body.data?.cover]).toEqual([200, cover]);
    }
  });

  test("the uploader's own uploads appear in 我的数据", async () => {
    const data = await host.post('member.exportData', {}, admin);
    const section = data.body.data.sections.find((s: { title: string }) => s.title === '上传的图片');
    expect(section.rows.length).toBeGreaterThan(0);
    expect(section.rows[0]).toMatchObject({ 单位: '呼和浩特市计生协' });
  });
});
