import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { REPO_ROOT } from '../../cloud/app';
import { startHttpHost, type TestHost } from './http';

export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'test-results', 'screenshots');

/** Debian's Chromium (installed by scripts/test.mjs), headless, with no outside network chatter. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
  });
}

/** A phone-sized page, as most members see the app. */
export async function phonePage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, locale: 'zh-CN', isMobile: true, hasTouch: true });
  return context.newPage();
}

/**
 * What went wrong on a page as a person would not see it: uncaught errors, and console errors (a blocked script
 * under the CSP, a failed request such as a missing /favicon.ico). Assert `problems` is empty at the end of a journey.
 */
export function watchPageProblems(page: Page): { problems: string[] } {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  return { problems };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  // Let a page slide-in finish (finite animations only: a spinner turns forever), so the picture shows one page.
  // A transition may start a frame or two after the text appeared: settled = nothing running at two looks 100 ms apart.
  const running = () =>
    page
      .evaluate(() => document.getAnimations().filter((a) => a.playState === 'running' && a.effect?.getTiming().iterations !== Infinity).length)
      .catch(() => 0);
  for (let calm = 0, i = 0; calm < 2 && i < 30; i++) {
    calm = (await running()) === 0 ? calm + 1 : 0;
    await page.waitForTimeout(100);
  }
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Taro H5 renders <Input> as a custom element wrapping a native input. */
export function taroInput(page: Page, name: string) {
  return page.locator(`taro-input-core[name="${name}"] input, input[name="${name}"]`).first();
}

/** A tap that does not wait for layout to settle (a loaded 2-core machine keeps pages animating). */
export async function tap(locator: Locator): Promise<void> {
  await locator.waitFor();
  await locator.dispatchEvent('click');
}

/**
 * A full load of a hash route. A hash-only goto on a page that is already showing the app races the
 * SPA router (the old page is still mid-transition), so the page is left first.
 */
export async function openRoute(page: Page, baseUrl: string, route: string): Promise<void> {
  await page.goto('about:blank');
  await page.goto(`${baseUrl}/#${route}`);
}

/**
 * Signs in through the dev login page. A member who has not consented yet, on a device that has not
 * shown it before, gets the privacy notice just after 首页 renders; it is accepted here.
 */
export async function devLogin(page: Page, baseUrl: string, openid: string, nickname: string, opts: { privacyNotice?: boolean } = {}): Promise<void> {
  await page.goto(baseUrl);
  await page.getByText('开发环境登录').waitFor();
  await taroInput(page, 'openid').fill(openid);
  await taroInput(page, 'nickname').fill(nickname);
  await tap(page.getByText('登录', { exact: true }).last());
  if (opts.privacyNotice ?? true) {
    const consent = page.getByText('同意并继续');
    await tap(consent);
    await consent.waitFor({ state: 'hidden' });
  }
  await page.getByText(`${nickname}，您好！`).waitFor();
}

/** What every browser journey stands on: the H5 build served by the real host over a fresh data dir, and Chromium. */
export async function startH5Journey(): Promise<{ host: TestHost; browser: Browser }> {
  const host = await startHttpHost({ withH5: true });
  return { host, browser: await launchBrowser() };
}

export async function stopH5Journey(journey: { host?: TestHost; browser?: Browser }): Promise<void> {
  await journey.browser?.close();
  await journey.host?.close();
}
