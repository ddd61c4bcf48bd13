import path from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { devLogin, openRoute, phonePage, screenshot, startH5Journey, stopH5Journey, tap, taroInput } from '../support/browser';
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
  await page.waitForTimeout(500); // let the page transition finish
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
  const articleId =
    shelf.body.data.issues[0] && (await host.post('magazine.issue', { issueId: shelf.body.data.issues[0].id }, token)).body.data.columns[0].articles[0].id;
  expect(
    await pollAbove(async () => (await host.post('magazine.article', { articleId }, token)).body.data.progress?.position ?? 0, 0.4, 10_000),
  ).toBeGreaterThan(0.4);
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

  // share on H5: the link is copied for pasting into WeChat (the weapp uses the share button / onShareAppMessage)
  await other.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.url });
  await tap(other.getByText('分享给亲友'));
  await other.getByText('链接已复制，可以发给亲友').waitFor();
  expect(await other.evaluate(() => navigator.clipboard.readText())).toMatch(new RegExp(`^《人生》${title}.*#/packages/magazine/article\\?id=\\d+`));

  // favourite it
  await tap(other.getByText('☆ 收藏'));
  await other.getByText('★ 已收藏').waitFor();

  // extra large and night mode
  await other.locator('.mz-fs__btn--xlarge').click();
  await other.locator('.mz-fs__night').click();
  await other.locator('.mz-article--night.mz-article--xlarge').waitFor();
  await screenshot(other, 'magazine-06-night-xlarge');

  // search with highlights
  await openRoute(other, host.url, '/packages/magazine/search');
  await taroInput(other, 'q').fill('血压');
  await other.getByText('搜索', { exact: true }).last().click();
  await other.locator('.mz-search__hit').first().waitFor();
  expect(await other.locator('.mz-search__hit').first().textContent()).toBe('血压');
  await screenshot(other, 'magazine-07-search');
  await taroInput(other, 'q').fill('量子力学');
  await other.getByText('搜索', { exact: true }).last().click();
  await other.getByText('没有找到相关文章，换个词试试').waitFor();

  // 我的阅读: weeks of reading (written straight into the database: real heartbeats would take minutes) as a chart
  const db = new Database(path.join(host.dataDir, 'huiyuan.sqlite'));
  const memberId = db.prepare("SELECT id FROM members WHERE openid = 'e2e-reader'").pluck().get() as number;
  const day = (weeksAgo: number) => new Date(Date.now() + 8 * 3600_000 - weeksAgo * 7 * 86400_000).toISOString().slice(0, 10);
  const minutesAgo = [12, 0, 25, 8, 40, 18]; // this week, last week, …
  for (const [w, m] of minutesAgo.entries())
    db.prepare(
      'INSERT INTO magazine_daily (member_id, day, seconds, finished) VALUES (?, ?, ?, 0) ON CONFLICT (member_id, day) DO UPDATE SET seconds = seconds + excluded.seconds',
    ).run(memberId, day(w), m * 60);
  db.close();
  await openRoute(other, host.url, '/packages/magazine/mine');
  await other.getByText('每周阅读时间').waitFor();
  await other.locator('.mz-mine__bar').first().waitFor();
  const rows = await other
    .locator('.mz-mine__row')
    .evaluateAll((els) =>
      els.map((e) => [
        e.querySelector('.mz-mine__label')!.textContent,
        e.querySelector('.mz-mine__value')!.textContent,
        (e.querySelector('.mz-mine__bar') as HTMLElement | null)?.style.width ?? '',
      ]),
    );
  // newest week on top; bar lengths in proportion (this week may hold a few real seconds of the heartbeats above)
  expect(rows.slice(0, 6).map((r) => [r[0], r[1]])).toEqual([
    ['本周', '12 分钟'],
    ['上周', '0 分钟'],
    [expect.stringMatching(/^\d+月\d+日$/), '25 分钟'],
    [expect.stringMatching(/^\d+月\d+日$/), '8 分钟'],
    [expect.stringMatching(/^\d+月\d+日$/), '40 分钟'],
    [expect.stringMatching(/^\d+月\d+日$/), '18 分钟'],
  ]);
  const widths = rows.slice(0, 6).map((r) => parseFloat(r[2] || '0'));
  [30, 0, 62.5, 20, 100, 45].forEach((w, i) => expect(Math.abs(widths[i] - w)).toBeLessThan(2));
  await screenshot(other, 'magazine-08-mine');

  // 收藏 and 阅读记录
  await openRoute(other, host.url, '/packages/magazine/list?kind=favorites');
  await other.locator('.mz-mine__title').getByText(title).waitFor();
  await openRoute(other, host.url, '/packages/magazine/list?kind=history');
  await other.locator('.mz-mine__title').getByText(title).waitFor();
  expect(await other.locator('.mz-mine__item').first().textContent()).toMatch(/读到 \d+%/);
  await screenshot(other, 'magazine-12-history');
  expect(errors).toEqual([]);
});

test('offline: the last opened issue is readable without network, and progress made offline reaches the server later', async () => {
  const page = await phonePage(browser);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await login(page, 'e2e-offline', { privacyNotice: true });
  await openRoute(page, host.url, '/packages/magazine/index');
  await tap(page.getByText('最新一期'));
  await page.locator('.mz-toc-item').nth(1).waitFor();
  // the reader opens one article while online (H5 loads the reader's page code then; the weapp has it on the device)
  await tap(page.locator('.mz-toc-item').first());
  await page.locator('.mz-article__title').first().waitFor();
  await page.goBack();
  await page.locator('.mz-toc-item').nth(1).waitFor();

  // the network goes: another article of the same issue still opens, from the device
  await page.context().setOffline(true);
  const second = (await page.locator('.mz-toc-item__title').nth(1).textContent())!.trim();
  await tap(page.locator('.mz-toc-item').nth(1));
  await page.locator('.mz-article__title').getByText(second).waitFor();
  await page.getByText('离线阅读中，进度会在联网后同步').waitFor();
  expect((await page.locator('.mz-article__body').last().innerText()).match(/[\u4e00-\u9fa5]/g)!.length).toBeGreaterThan(300);
  await page.waitForTimeout(500); // let the page transition finish
  await screenshot(page, 'magazine-09-offline');

  // read half way offline: the reading waits in the device's queue, nothing reaches the server yet
  const queued = async () => {
    const raw = await page.evaluate(() => localStorage.getItem('magazine:progress-queue'));
    const list = raw ? (JSON.parse(JSON.parse(raw).data) as { position: number }[]) : [];
    return list[0]?.position ?? 0;
  };
  // the reader scrolls on to the middle (a few small moves, as a finger does; the page may still be settling after the transition)
  const q = await pollAbove(
    async () => {
      await page.evaluate(
        `(() => { const el = ${PAGE_EL}; const half = (el.scrollHeight - el.clientHeight) / 2; el.scrollTo(0, el.scrollTop === Math.round(half) ? half - 4 : half); })()`,
      );
      await page.waitForTimeout(300);
      return queued();
    },
    0.4,
    8000,
  );
  expect(q).toBeGreaterThan(0.4);
  expect(q).toBeLessThan(0.6);
  const token = await host.login('e2e-offline');
  const shelf = await host.post('magazine.shelf', {}, token);
  const issue = (await host.post('magazine.issue', { issueId: shelf.body.data.issues[0].id }, token)).body.data;
  const articleId = issue.columns.flatMap((c: any) => c.articles).find((a: any) => a.title === second).id;
  const serverPosition = async () =>
    (await host.post('magazine.issue', { issueId: issue.issue.id }, token)).body.data.columns
      .flatMap((c: any) => c.articles)
      .find((a: any) => a.id === articleId).position as number;
  expect(await serverPosition()).toBe(0);

  // the network comes back: the queued reading is sent without the reader doing anything
  await page.context().setOffline(false);
  const synced = await pollAbove(serverPosition, 0.4, 20_000);

  expect(synced).toBeGreaterThan(0.4);
  expect(synced).toBeLessThan(0.6);
  expect(await queued()).toBe(0); // the queue is empty again

  // and another device opens the article there
  const other = await phonePage(browser);
  await login(other, 'e2e-offline', { privacyNotice: false });
  await openRoute(other, host.url, `/packages/magazine/article?id=${articleId}`);
  await other.locator('.mz-article__title').getByText(second).waitFor();
  expect(await pollAbove(() => scrolled(other), 0.4, 5000)).toBeGreaterThan(0.4);
  expect(errors).toEqual([]);
});

test('an admin creates an issue and an article in the admin subPackage; a member of that org reads it', async () => {
  const page = await phonePage(browser);
  await devLogin(page, host.url, 'dev-admin-hhht', '呼和浩特管理员');
  await openRoute(page, host.url, '/packages/admin/magazine/index');
  await tap(page.getByText('新建一期', { exact: true }));
  await taroInput(page, 'number').fill('12');
  await taroInput(page, 'title').fill('青城晚报特刊（示例）');
  await taroInput(page, 'publishAt').fill('2026-01-01 08:00');
  await tap(page.getByText('创建本期'));
  await page.getByText('本期文章（0）').waitFor();
  await screenshot(page, 'magazine-10-admin-issue');
  await tap(page.getByText('添加文章', { exact: true }));
  await page.getByText('保存文章').waitFor();
  await page.locator('taro-input-core[name="title"] input').last().fill('青城社区的育儿角');
  await page.locator('.amz__chip').getByText('家庭健康').click();
  await page.locator('taro-textarea-core[name="summary"] textarea, textarea[name="summary"]').last().fill('一个社区育儿角的半年。');
  await page
    .locator('taro-textarea-core[name="bodyMd"] textarea, textarea[name="bodyMd"]')
    .last()
    .fill('## 缘起\n\n社区里的年轻父母常常聚在楼下聊带娃的烦恼，于是有了这个育儿角。\n\n- 每周三上午开放\n- 有志愿者值守');
  await screenshot(page, 'magazine-11-admin-article');
  await tap(page.getByText('保存文章'));
  await page.getByText('本期文章（1）').waitFor();
  await page.getByText('1. 青城社区的育儿角').waitFor();

  // a member of 呼和浩特 sees it on the shelf and reads it
  const token = await host.login('e2e-hhht-member');
  await host.post('member.update', { orgId: '150102' }, token);
  const shelf = (await host.post('magazine.shelf', {}, token)).body.data;
  const issue = shelf.issues.find((i: any) => i.title === '青城晚报特刊（示例）');
  expect(issue).toBeTruthy();
  const toc = (await host.post('magazine.issue', { issueId: issue.id }, token)).body.data;
  expect(toc.columns).toEqual([{ column: '家庭健康', articles: [expect.objectContaining({ title: '青城社区的育儿角' })] }]);
  // a member elsewhere does not
  const far = await host.login('e2e-chifeng-member');
  await host.post('member.update', { orgId: '150400' }, far);
  expect((await host.post('magazine.shelf', {}, far)).body.data.issues.map((i: any) => i.id)).not.toContain(issue.id);
});
