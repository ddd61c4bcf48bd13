import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../../cloud/app';
import { apiServer, bareServer, dirSize, fmt, gzipSize, kb, load, post, table, type LoadResult } from '../lib';

/** member.me and member.update against bare node:http in the same run. */
export async function foundationThroughput(): Promise<void> {
  console.log('\n## member.me / member.update 吞吐（对比裸 Node http）');
  const bare = await bareServer('plain');
  const bareSql = await bareServer('sqlite');
  const api = await apiServer();
  try {
    const token = (await post(api.url, 'auth.devLogin', { openid: 'bench-member', nickname: '压测' })).data.token as string;
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    const results: [string, LoadResult][] = [];
    results.push(['bare node:http', await load({ url: bare.url, method: 'POST', headers, body: '{}' })]);
    results.push(['bare http + 1 SQLite insert', await load({ url: bareSql.url, method: 'POST', headers, body: '{}' })]);
    results.push(['member.me', await load({ url: `${api.url}/api/member.me`, method: 'POST', headers, body: '{}' })]);
    let n = 0;
    results.push([
      'member.update',
      await load({
        url: `${api.url}/api/member.update`,
        method: 'POST',
        headers,
        setupClient: (client) => client.setBody(JSON.stringify({ nickname: `压测${n++ % 1000}` })),
      }),
    ]);
    const base = results[0][1].rps;
    const baseSql = results[1][1].rps;
    table([
      ['target', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'non-2xx', '× bare', '× bare+sqlite'],
      ...results.map(([name, r]) => [name, fmt(r.rps), fmt(r.p50), fmt(r.p99), r.errors, r.non2xx, fmt(r.rps / base, 2), fmt(r.rps / baseSql, 2)]),
    ]);
  } finally {
    bare.stop();
    bareSql.stop();
    api.stop();
  }
}

/** Mini-program package sizes (WeChat's limit is 2 MB per package) and the H5 first load. */
export function bundleSizes(): void {
  console.log('\n## 包体积');
  const weapp = path.join(REPO_ROOT, 'dist', 'weapp');
  if (!fs.existsSync(weapp)) {
    console.log('  dist/weapp 不存在：先运行 npm run build:weapp');
  } else {
    const packagesDir = path.join(weapp, 'packages');
    const total = dirSize(weapp);
    const subs = fs.existsSync(packagesDir) ? fs.readdirSync(packagesDir) : [];
    const rows: (string | number)[][] = [['package', 'size', 'goal']];
    rows.push(['main (everything outside packages/)', kb(total - dirSize(packagesDir)), '< 400 KB']);
    for (const s of subs) rows.push([`packages/${s}`, kb(dirSize(path.join(packagesDir, s))), '< 150 KB']);
    table(rows);
  }
  const h5 = path.join(REPO_ROOT, 'dist', 'h5');
  const indexHtml = path.join(h5, 'index.html');
  if (fs.existsSync(indexHtml)) {
    const html = fs.readFileSync(indexHtml, 'utf8');
    const scripts = [...html.matchAll(/<script[^>]+src="\/?([^"]+)"/g)].map((m) => path.join(h5, m[1]));
    const css = [...html.matchAll(/<link[^>]+href="\/?([^"]+\.css)"/g)].map((m) => path.join(h5, m[1]));
    const raw = scripts.reduce((s, f) => s + fs.statSync(f).size, 0);
    const gz = scripts.reduce((s, f) => s + gzipSize(f), 0);
    console.log(`  H5 first-load JS (index.html scripts): ${kb(raw)} raw, ${kb(gz)} gzip; CSS ${kb(css.reduce((s, f) => s + fs.statSync(f).size, 0))}`);
    console.log(`  H5 all JS: ${kb(dirSize(h5, (f) => f.endsWith('.js')))}`);
  }
}
