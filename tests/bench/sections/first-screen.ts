import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../../support/browser';
import { startHttpHost, type TestHost } from '../../support/http';
import { fmt, median, table } from '../lib';

/** Slow 3G as issue 14 states it: 400 ms latency, 400 kbit/s each way. */
export const SLOW_3G = { offline: false, latency: 400, downloadThroughput: (400 * 1000) / 8, uploadThroughput: (400 * 1000) / 8 };
const ROUNDS = Number(process.env.BENCH_ROUNDS || 5);
const HOME_CARDS = ['events', 'quiz', 'classes', 'magazine'].map((k) => `.home__feature--${k}`);

export interface FirstScreenTiming {
  /** Navigation start to 首页 with its greeting, its four cards and every card's data answered. */
  ms: number;
  /** Navigation start to the first contentful paint. */
  fcpMs: number;
  /** Bytes of JavaScript fetched before the screen was complete. */
  jsBytes: number;
  /** Script URLs in the order they were requested. */
  scripts: string[];
}

/**
 * Opens the H5 app in a fresh context (empty cache) with or without the slow-3G emulation and times how long
 * until the screen a visitor came for is complete: 首页 and its cards for a member with a session, the login
 * page for a visitor without one.
 */
export async function timeFirstScreen(browser: Browser, url: string, opts: { throttle: boolean; token?: string }): Promise<FirstScreenTiming> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, locale: 'zh-CN', isMobile: true, hasTouch: true });
  try {
    if (opts.token) {
      // Taro's H5 storage keeps {data} as JSON; the notice is marked seen so 首页 stays the first screen.
      await context.addInitScript((token: string) => {
        localStorage.setItem('session.token', JSON.stringify({ data: token }));
        localStorage.setItem('privacy.noticeSeen', JSON.stringify({ data: '1' }));
      }, opts.token);
    }
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    if (opts.throttle) await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
    const scripts: string[] = [];
    let jsBytes = 0;
    let pendingApi = 0;
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
      if (r.url().includes('/api/')) pendingApi++;
    });
    const settle = (r: { url(): string }) => {
      if (r.url().includes('/api/')) pendingApi--;
    };
    page.on('requestfinished', settle);
    page.on('requestfailed', settle);
    // Bytes on the wire (compressed), as the emulated link carries them.
    const scriptIds = new Set<string>();
    cdp.on('Network.requestWillBeSent', (e) => {
      if (e.type === 'Script') scriptIds.add(e.requestId);
    });
    cdp.on('Network.loadingFinished', (e) => {
      if (scriptIds.has(e.requestId)) jsBytes += e.encodedDataLength;
    });
    const t0 = Date.now();
    await page.goto(url, { waitUntil: 'commit' });
    await waitForScreen(page, !!opts.token, () => pendingApi);
    const ms = Date.now() - t0;
    const fcpMs = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN);
    return { ms, fcpMs, jsBytes, scripts };
  } finally {
    await context.close();
  }
}

async function waitForScreen(page: Page, member: boolean, pendingApi: () => number): Promise<void> {
  const timeout = 60_000;
  if (!member) {
    await page.getByText('开发环境登录').waitFor({ timeout });
    return;
  }
  await page.locator('.home__hello', { hasText: '，您好！' }).waitFor({ timeout });
  for (const card of HOME_CARDS) await page.locator(card).first().waitFor({ timeout });
  // Every card asks for its own data; the screen is complete when none of those answers is outstanding.
  const until = Date.now() + timeout;
  while (pendingApi() > 0 && Date.now() < until) await page.waitForTimeout(10);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
}

/** npm run bench first-screen: 首页 (and the login page before login) on slow 3G beside the same page unthrottled. */
export async function firstScreenBench(): Promise<void> {
  console.log('\n## 首屏时间：慢速 3G（400 ms 延迟、400 kbit/s，CDP 网络模拟）对比不限速');
  let host: TestHost | undefined;
  let browser: Browser | undefined;
  try {
    host = await startHttpHost({ withH5: true });
    const token = await host.login('bench-first-screen', '测速会员');
    browser = await launchBrowser();
    const cases: [string, { throttle: boolean; token?: string }][] = [
      ['首页（已登录）· 不限速', { throttle: false, token }],
      ['首页（已登录）· 慢速 3G', { throttle: true, token }],
      ['登录页（未登录）· 不限速', { throttle: false }],
      ['登录页（未登录）· 慢速 3G', { throttle: true }],
    ];
    const runs = new Map<string, FirstScreenTiming[]>(cases.map(([name]) => [name, []]));
    await timeFirstScreen(browser, host.url, { throttle: false, token }); // warm-up: server caches, JIT
    for (let round = 0; round < ROUNDS; round++) for (const [name, opts] of cases) runs.get(name)!.push(await timeFirstScreen(browser, host.url, opts));
    const rows: (string | number)[][] = [['page', 'median ms', 'runs ms', 'first paint ms (median)', 'JS before complete KB']];
    for (const [name, rs] of runs) {
      rows.push([
        name,
        fmt(median(rs.map((r) => r.ms))),
        rs.map((r) => r.ms).join(' / '),
        fmt(median(rs.map((r) => r.fcpMs))),
        fmt(median(rs.map((r) => r.jsBytes)) / 1024),
      ]);
    }
    table(rows);
    const home3g = median(runs.get('首页（已登录）· 慢速 3G')!.map((r) => r.ms));
    console.log(`  首页 on slow 3G: median ${fmt(home3g)} ms (goal ≤ 3000 ms)`);
    console.log(`  scripts for 首页: ${runs.get('首页（已登录）· 慢速 3G')![0].scripts.join(', ')}`);
    console.log(`  scripts for 登录页: ${runs.get('登录页（未登录）· 慢速 3G')![0].scripts.join(', ')}`);
  } finally {
    await browser?.close();
    await host?.close();
  }
}
