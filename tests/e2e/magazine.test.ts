import type { Browser, Page } from 'playwright-core';
import { devLogin, phonePage, screenshot, startH5Journey, stopH5Journey, taroInput } from '../support/browser';
import type { TestHost } from '../support/http';

let host: TestHost;
let browser: Browser;

beforeAll(async () => {
  ({ host, browser } = await startH5Journey());
});
afterAll(() => stopH5Journey({ host, browser }));

function login(page: Page, openid: string, opts?: { privacyNotice?: boolean }) {
  return devLogin(page, host.url, openid, '读者', opts);
}

/** Waits until fn() gives a value above min; returns it. */
async function pollAbove(fn: () => Promise<number>, min: number, timeout = 10_000): Promise<number> {
  const end = Date.now() + timeout;
  let v = await fn();
  while (v <= min && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 200));
    v = await fn();
  }
  return v;
}

/** Taro H5 scrolls the page's container (.taro_page), not the window: the visible one holding the article. */
const PAGE_EL = `(() => {
  const pages = Array.from(document.querySelectorAll('.mz-article')).map((a) => a.closest('.taro_page')).filter((p) => p && getComputedStyle(p).display !== 'none');
  return pages[pages.length - 1];
})()`;

/** Fraction of the page scrolled, as the reader measures it. */
const scrolled = (page: Page) =>
  page.evaluate(`(() => { const el = ${PAGE_EL}; return el.scrollTop / Math.max(1, el.scrollHeight - el.clientHeight); })()`) as Promise<number>;

test('open an issue and an article, scroll half way, reload and a second device reopen it there; large font works', async () => {
  const page = await phonePage(browser);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await login(page, 'e2e-reader');

  // home card → shelf → latest issue → first article
  await page.getByText('《人生》会刊').click();
  await page.getByText('最新一期').waitFor();
  await screenshot(page, 'magazine-01-shelf');
  await page.getByText('最新一期').click();
  await page.getByText('本期导读').waitFor();
  await page.locator('.mz-toc-item').first().waitFor();
  await page.waitForTimeout(500);
  await screenshot(page, 'magazine-02-issue');
  const title = (await page.locator('.mz-toc-item__title').first().textContent())!.trim();
  await page.locator('.mz-toc-item').first().click();
  await page.locator('.mz-article__title').getByText(title).waitFor();

  // large font: the body's computed font size grows and is remembered on the server
  const bodySize = () => page.locator('.mz-article__body').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  const standard = await bodySize();
  await page.locator('.mz-fs__btn--large').click();
  await page.waitForFunction((s) => parseFloat(getComputedStyle(document.querySelector('.mz-article__body')!).fontSize) > s, standard);
  expect(await bodySize()).toBeGreaterThan(standard);
  await page.waitForTimeout(300);

  // scroll half way; the throttled save reaches the server
  await page.evaluate(`(() => { const el = ${PAGE_EL}; el.scrollTo(0, (el.scrollHeight - el.clientHeight) / 2); })()`);
  const token = await host.login('e2e-reader');
  const shelf = await host.post('magazine.shelf', {}, token);
  const articleId = shelf.body.data.issues[0] && (await host.post('magazine.issue', { issueId: shelf.body.data.issues[0].id }, token)).body.data.columns[0].articles[0].id;
  expect(await pollAbove(async () => (await host.post('magazine.article', { articleId }, token)).body.data.progress?.position ?? 0, 0.4, 10_000)).toBeGreaterThan(0.4);
  const saved = (await host.post('magazine.article', { articleId }, token)).body.data;
  expect(saved.progress.position).toBeLessThan(0.6);
  expect(saved.settings.fontSize).toBe('large');
  await screenshot(page, 'magazine-03-article-half');

  // reload: reopens at the same place, still in large font
  await page.reload();
  await page.locator('.mz-article__title').getByText(title).waitFor();
  expect(await pollAbove(() => scrolled(page), 0.4, 5000)).toBeGreaterThan(0.4);
  expect(await scrolled(page)).toBeLessThan(0.6);
  expect(await page.locator('.mz-fs__btn--large').getAttribute('class')).toContain('mz-fs__btn--on');

  // a second device (fresh browser context, same member): same place, same font size
  const other = await phonePage(browser);
  await login(other, 'e2e-reader', { privacyNotice: false }); // consent is already on record
  await other.getByText(/继续阅读：/).waitFor();
  await screenshot(other, 'magazine-04-home-continue');
  await other.getByText(/继续阅读：/).click();
  await other.locator('.mz-article__title').getByText(title).waitFor();
  expect(await pollAbove(() => scrolled(other), 0.4, 5000)).toBeGreaterThan(0.4);
  expect(await scrolled(other)).toBeLessThan(0.6);
  expect(await other.locator('.mz-fs__btn--large').getAttribute('class')).toContain('mz-fs__btn--on');
  await screenshot(other, 'magazine-05-second-device');

  // extra large and night mode
  await other.locator('.mz-fs__btn--xlarge').click();
  await other.locator('.mz-fs__night').click();
  await other.locator('.mz-article--night.mz-article--xlarge').waitFor();
  await screenshot(other, 'magazine-06-night-xlarge');

  // search with highlights
  await other.goto(`${host.url}/#/packages/magazine/search`);
  await taroInput(other, 'q').fill('血压');
  await other.getByText('搜索', { exact: true }).last().click();
  await other.locator('.mz-search__hit').first().waitFor();
  expect(await other.locator('.mz-search__hit').first().textContent()).toBe('血压');
  await screenshot(other, 'magazine-07-search');
  expect(errors).toEqual([]);
});
