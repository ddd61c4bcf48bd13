import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../../cloud/app';
import { apiServer, bareServer, dirSize, fmt, gzipSize, kb, load, measured, median, post, table, type LoadResult } from '../lib';

/**
 * member.me and member.update against bare node:http in the same run. The machine is shared, so the four targets
 * alternate for ROUNDS rounds, each ratio is taken within its own round, and the figure is the median.
 */
export async function foundationThroughput(): Promise<void> {
  console.log('\n## member.me / member.update 吞吐（对比裸 Node http）');
  const bare = await bareServer('plain');
  const bareSql = await bareServer('sqlite');
  const api = await apiServer();
  try {
    const token = (await post(api.url, 'auth.devLogin', { openid: 'bench-member', nickname: '压测' })).data.token as string;
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    let n = 0;
    const targets: [string, typeof bare, () => Promise<LoadResult>][] = [
      ['bare node:http', bare, () => load({ url: bare.url, method: 'POST', headers, body: '{}' })],
      ['bare http + 1 SQLite insert', bareSql, () => load({ url: bareSql.url, method: 'POST', headers, body: '{}' })],
      ['member.me', api, () => load({ url: `${api.url}/api/member.me`, method: 'POST', headers, body: '{}' })],
      [
        'member.update',
        api,
        () =>
          load({
            url: `${api.url}/api/member.update`,
            method: 'POST',
            headers,
            setupClient: (client) => client.setBody(JSON.stringify({ nickname: `压测${n++ % 1000}` })),
          }),
      ],
    ];
    // Warm-up (JIT, caches) outside the figures, for every target alike.
    for (const [, , run] of targets) await run();
    const ROUNDS = Number(process.env.BENCH_ROUNDS || 5);
    const rows: (string | number)[][] = [['round', 'target', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'non-2xx', '× bare', '× bare+sqlite', 'server CPU µs/req']];
    // The goal (issue 2) is against the plain bare server; × bare+sqlite is context for member.update's write.
    const ratios: Record<string, number[]> = { 'member.me': [], 'member.update': [] };
    for (let round = 1; round <= ROUNDS; round++) {
      const results: [string, LoadResult & { cpuUsPerReq: number }][] = [];
      for (const [name, server, run] of targets) results.push([name, await measured(server, run)]);
      const base = results[0][1].rps;
      const baseSql = results[1][1].rps;
      for (const [name, r] of results) {
        rows.push([round, name, fmt(r.rps), fmt(r.p50), fmt(r.p99), r.errors, r.non2xx, fmt(r.rps / base, 2), fmt(r.rps / baseSql, 2), fmt(r.cpuUsPerReq)]);
        ratios[name]?.push(r.rps / base);
      }
    }
    table(rows);
    for (const [name, xs] of Object.entries(ratios))
      console.log(`  ${name} / bare node:http req/s per round: ${xs.map((r) => fmt(r, 2)).join(', ')}; median ${fmt(median(xs), 2)} (goal ≥ 0.5)`);
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
