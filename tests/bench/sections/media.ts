import path from 'node:path';
import { REPO_ROOT } from '../../../cloud/app';
import { pngImage } from '../../support/images';
import { apiServer, bareServer, fmt, kb, load, post, startChild, table, type LoadResult } from '../lib';

/**
 * Image uploads and serving: GET /media/<sha256>.png beside bare node:http sending the same bytes from
 * memory; POST /api/media/upload of distinct images (each stored) and of the same image (deduplicated)
 * beside bare http + 1 SQLite insert.
 */
export async function mediaBench(): Promise<void> {
  const image = pngImage(1280, 720, 1);
  console.log(`\n## 图片：上传与读取（${kb(image.length)} 的 PNG，对比裸 Node http）`);
  const bareFile = await startChild([path.join(REPO_ROOT, 'tests/bench/bare-file.ts'), '1280', '720']);
  const bareSql = await bareServer('sqlite');
  const api = await apiServer();
  try {
    const token = (await post(api.url, 'auth.devLogin', { openid: 'dev-admin-nm' })).data.token as string;
    const up = await fetch(`${api.url}/api/media/upload`, {
      method: 'POST',
      headers: { 'content-type': 'image/png', authorization: `Bearer ${token}` },
      body: new Uint8Array(image),
    });
    const url = ((await up.json()) as { data: { url: string } }).data.url;

    const results: [string, LoadResult, string][] = [];
    const bareGet = await load({ url: bareFile.url });
    results.push(['bare node:http, same bytes from memory', bareGet, '']);
    const get = await load({ url: `${api.url}${url}` });
    results.push([`GET ${url.slice(0, 16)}….png`, get, fmt(get.rps / bareGet.rps, 2)]);
    const headers = { 'content-type': 'image/png', authorization: `Bearer ${token}` };
    const bareInsert = await load({ url: bareSql.url, method: 'POST', headers, body: image });
    results.push(['bare http + 1 SQLite insert (same body)', bareInsert, '']);
    const same = await load({ url: `${api.url}/api/media/upload`, method: 'POST', headers, body: image });
    results.push(['upload, same image (dedup)', same, fmt(same.rps / bareInsert.rps, 2)]);
    let n = 0;
    const distinct = await load({
      url: `${api.url}/api/media/upload`,
      method: 'POST',
      headers,
      // Distinct content every time: bytes after IEND change the sha256, not the picture.
      setupClient: (client) => {
        client.on('response', () => client.setBody(Buffer.concat([image, Buffer.from(`#${n++}`)])));
        client.setBody(Buffer.concat([image, Buffer.from(`#${n++}`)]));
      },
    });
    results.push(['upload, distinct images (stored)', distinct, fmt(distinct.rps / bareInsert.rps, 2)]);
    table([
      ['target', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'non-2xx', '× its baseline'],
      ...results.map(([name, r, ratio]) => [name, fmt(r.rps), fmt(r.p50), fmt(r.p99), r.errors, r.non2xx, ratio]),
    ]);
  } finally {
    bareFile.stop();
    bareSql.stop();
    api.stop();
  }
}
