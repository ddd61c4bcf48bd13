import type { SqliteStore } from '../../../cloud/adapters/sqlite/sqlite';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp, REPO_ROOT } from '../../../cloud/app';
import { issueFolders, readIssueFolder } from '../../../cloud/features/magazine/importer';
import type { ImportArticle } from '../../../cloud/features/magazine/repo';
import { apiServer, bareServer, fmt, load, median, percentile, post, table } from '../lib';

const ARTICLES = Number(process.env.MAGAZINE_BENCH_ARTICLES || 10_000);
const PER_ISSUE = 25;

/** Deterministic pseudo-random numbers, so every run loads the same corpus. */
function rng(seed: number) {
  return () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
}

/** 10,000 synthetic articles: sentences of the sample issues shuffled into new bodies. */
async function loadCorpus(dataDir: string): Promise<number> {
  const app = await createApp({ dataDir, mode: 'dev' });
  const samples = issueFolders(path.join(REPO_ROOT, 'seeds', 'magazine')).flatMap((d) => readIssueFolder(d, '150000').articles);
  const sentences = samples.flatMap((a) =>
    a.bodyMd
      .split(/(?<=[。！？])/)
      .map((s) => s.replace(/^[\s#>*\-\d.![\]()a-z:]+/g, '').trim())
      .filter((s) => s.length > 8),
  );
  const rand = rng(42);
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
  const started = Date.now();
  for (let i = 0; i * PER_ISSUE < ARTICLES; i++) {
    const articles: ImportArticle[] = [];
    for (let j = 0; j < PER_ISSUE && i * PER_ISSUE + j < ARTICLES; j++) {
      const paras = Array.from({ length: 8 }, () => Array.from({ length: 5 }, () => pick(sentences)).join(''));
      const base = pick(samples);
      articles.push({
        slug: `a${j}`,
        seq: j + 1,
        title: `${base.title.slice(0, 12)}（合成 ${i}-${j}）`,
        author: base.author,
        column: base.column,
        summary: pick(sentences),
        bodyMd: `## ${pick(sentences).slice(0, 10)}\n\n` + paras.join('\n\n'),
        sample: true,
      });
    }
    await app.store.magazine.importIssue(
      {
        orgId: '150000',
        year: 1990 + Math.floor(i / 12),
        number: (i % 12) + 1,
        title: `合成第 ${i} 期`,
        cover: 'family',
        intro: '',
        publishAt: new Date(Date.UTC(1990, i, 1)),
        articles,
      },
      new Date(),
    );
  }
  const n = (app.store as SqliteStore).db.prepare('SELECT COUNT(*) FROM magazine_articles').pluck().get() as number;
  const size = fs.statSync(path.join(dataDir, 'huiyuan.sqlite')).size;
  app.store.close();
  console.log(`  loaded ${fmt(n)} articles in ${fmt((Date.now() - started) / 1000, 1)} s (database ${fmt(size / 1024 / 1024, 1)} MB)`);
  return n;
}

/** Sequential latency of one client (what a member waits for), in ms. */
async function sequential(fn: () => Promise<unknown>, n = 200): Promise<number[]> {
  for (let i = 0; i < 10; i++) await fn();
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = process.hrtime.bigint();
    await fn();
    ms.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return ms;
}

export async function magazineBench(): Promise<void> {
  console.log(`\n## magazine: ${fmt(ARTICLES)} synthetic articles — article fetch and search (2- and 4-character queries)`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-magazine-'));
  const articles = await loadCorpus(dataDir);
  const bare = await bareServer('plain');
  const api = await apiServer(dataDir);
  try {
    const token = (await post(api.url, 'auth.devLogin', { openid: 'bench-reader', nickname: '压测' })).data.token as string;
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    const check = await post(api.url, 'magazine.search', { q: '孩子' }, token);
    const check4 = await post(api.url, 'magazine.search', { q: '家庭健康' }, token);
    console.log(`  hits (limit 20): "孩子" ${check.data.hits.length}, "家庭健康" ${check4.data.hits.length}`);
    const rand = rng(7);
    const id = () => 1 + Math.floor(rand() * articles);
    const seqRows: [string, number[]][] = [
      ['bare node:http', await sequential(() => fetch(bare.url, { method: 'POST', headers, body: '{}' }).then((r) => r.text()))],
      ['magazine.article', await sequential(() => post(api.url, 'magazine.article', { articleId: id() }, token))],
      ['magazine.search "孩子" (2 chars)', await sequential(() => post(api.url, 'magazine.search', { q: '孩子' }, token))],
      ['magazine.search "家庭健康" (4 chars)', await sequential(() => post(api.url, 'magazine.search', { q: '家庭健康' }, token))],
      ['magazine.search "血压" (2 chars)', await sequential(() => post(api.url, 'magazine.search', { q: '血压' }, token))],
    ];
    console.log('  one client, sequential (200 requests each):');
    const base = median(seqRows[0][1]);
    table([
      ['target', 'p50 ms', 'p99 ms', '× bare p50', 'goal'],
      ...seqRows.map(([name, xs]) => [
        name,
        fmt(median(xs), 2),
        fmt(percentile(xs, 99), 2),
        fmt(median(xs) / base, 1),
        name.includes('search') ? 'p50 ≤ 20 ms' : '',
      ]),
    ]);
    const connections = Number(process.env.BENCH_CONNECTIONS || 10);
    console.log(`  under load (${connections} connections):`);
    let n = 0;
    const loaded: [string, Awaited<ReturnType<typeof load>>][] = [
      ['bare node:http', await load({ connections, url: bare.url, method: 'POST', headers, body: '{}' })],
      [
        'magazine.article',
        await load({
          connections,
          url: `${api.url}/api/magazine.article`,
          method: 'POST',
          headers,
          setupClient: (c) => c.setBody(JSON.stringify({ articleId: 1 + (n++ % articles) })),
        }),
      ],
      [
        'magazine.search 2 chars',
        await load({ connections, url: `${api.url}/api/magazine.search`, method: 'POST', headers, body: JSON.stringify({ q: '孩子' }) }),
      ],
      [
        'magazine.search 4 chars',
        await load({ connections, url: `${api.url}/api/magazine.search`, method: 'POST', headers, body: JSON.stringify({ q: '家庭健康' }) }),
      ],
    ];
    table([
      ['target', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'non-2xx', '× bare'],
      ...loaded.map(([name, r]) => [name, fmt(r.rps), fmt(r.p50), fmt(r.p99), r.errors, r.non2xx, fmt(r.rps / loaded[0][1].rps, 2)]),
    ]);
  } finally {
    bare.stop();
    api.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
