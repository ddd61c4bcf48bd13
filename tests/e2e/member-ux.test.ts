import type { Browser, Page } from 'playwright-core';
import { devLogin, openRoute, screenshot, startH5Journey, stopH5Journey, tap, taroInput } from '../support/browser';
import type { TestHost } from '../support/http';
import { classPayload } from '../support/classes';

/**
 * Issue 14, the member side on a 390×844 phone: the H5 title bar and 我的 as the hub, the first-use
 * 所在单位 question with search, refusals that carry their fix, confirmations, 再答一次, and the small glitches.
 */

let host: TestHost;
let browser: Browser;

beforeAll(async () => {
  ({ host, browser } = await startH5Journey());
});
afterAll(() => stopH5Journey({ host, browser }));

async function phone(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, locale: 'zh-CN', isMobile: true, hasTouch: true });
  return context.newPage();
}

/** A phone already signed in as a member who has answered the privacy notice. */
async function signedIn(openid: string, nickname: string, profile: Record<string, unknown> = {}): Promise<{ page: Page; token: string }> {
  const token = await host.login(openid, nickname);
  await host.post('member.consent', { version: '2026-11' }, token);
  if (Object.keys(profile).length) expect((await host.post('member.update', profile, token)).status).toBe(200);
  const page = await phone();
  await page.goto(host.url);
  await page.evaluate((t) => {
    localStorage.setItem('session.token', JSON.stringify({ data: t }));
    localStorage.setItem('privacy.noticeSeen', JSON.stringify({ data: '1' }));
  }, token);
  return { page, token };
}

const box = async (page: Page, selector: string) => (await page.locator(selector).first().boundingBox())!;
const lineHeight = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((e) => parseFloat(getComputedStyle(e).lineHeight));

test('H5 title bar: 首页 on a page opened directly, 返回 on one reached from 我的; 我的 is the hub and the 入场码 is one tap away', async () => {
  const { page, token } = await signedIn('ux-hub', '阿拉坦', { orgId: '150426' });
  const admin = await host.login('dev-admin-hhht');
  const now = Date.now();
  const cls = await host.post(
    'class.admin.publish',
    classPayload(now, {
      title: '入场码一步到达课堂',
      teacher: '李老师',
      venue: { name: '新城区向日葵亲子小屋', address: '新华大街 1 号', lat: null, lng: null },
      capacity: 5,
    }),
    admin,
  );
  expect((await host.post('class.register', { classId: cls.body.data.id, answers: {} }, token)).status).toBe(200);

  // Opened by its address: nothing to go back to, so the bar offers 首页.
  await openRoute(page, host.url, '/packages/magazine/search');
  await page.locator('.titlebar').getByText('搜索《人生》').waitFor();
  await screenshot(page, 'ux-01-titlebar-home');
  await tap(page.locator('.titlebar__home'));
  await page.getByText('阿拉坦，您好！').waitFor();

  // 我的: the hub. One tap on 我的报名 shows the ticket; 返回 comes back.
  await tap(page.locator('.taro-tabbar__tabbar').getByText('我的'));
  for (const label of ['我的报名', '我的签到', '我的成绩', '我的阅读', '消息']) await page.locator('.mine__item', { hasText: label }).first().waitFor();
  await screenshot(page, 'ux-02-mine-hub');
  await tap(page.locator('.mine__item--registrations'));
  await page.locator('.ticket-qr').first().waitFor();
  await page.getByText('入场时出示此码签到').first().waitFor();
  const back = page.locator('.titlebar__back').last();
  await back.waitFor();
  await screenshot(page, 'ux-03-ticket-one-tap');
  await tap(back);
  await page.locator('.mine__elder').waitFor();

  // 我的成绩 and 我的阅读 are there too, each with a way back.
  await tap(page.locator('.mine__item--scores'));
  await page.locator('.titlebar').getByText('我的成绩').last().waitFor();
  await tap(page.locator('.titlebar__back').last());
  await tap(page.locator('.mine__item--reading'));
  await page.getByText('每周阅读时间').waitFor();
});

test('first use: after the notice, 首页 asks for 所在单位; typing 土默特 finds it; skipping is remembered', async () => {
  const page = await phone();
  await devLogin(page, host.url, 'ux-first-use', '萨仁');
  const ask = page.locator('.home__org-ask');
  await ask.getByText('您在哪个单位？').waitFor();
  await taroInput(page, 'orgSearch').fill('土默特');
  await ask.getByText('土默特左旗计生协', { exact: true }).waitFor();
  await ask.getByText('呼和浩特市计生协', { exact: false }).first().waitFor(); // where it sits, so two of a name can be told apart
  await screenshot(page, 'ux-04-first-use-org-search');
  await tap(ask.getByText('土默特左旗计生协', { exact: true }));
  await page.locator('.home__org').getByText('土默特左旗计生协').waitFor();
  // The toast's code is fetched when first shown on H5 (src/services/feedback.ts): it still shows.
  await page.locator('.taro__toast').getByText('已选择土默特左旗计生协').waitFor();
  expect(await ask.count()).toBe(0);
  const token = await host.login('ux-first-use');
  expect((await host.post('member.me', {}, token)).body.data.org).toMatchObject({ id: '150121' });

  // Another member skips: the question goes, and stays gone on the next visit.
  const other = await phone();
  await devLogin(other, host.url, 'ux-skipper', '图雅');
  await tap(other.locator('.home__org-skip'));
  await other.locator('.home__org-ask').waitFor({ state: 'detached' });
  await other.reload();
  await other.getByText('图雅，您好！').waitFor();
  await other.locator('.home__feature--quiz').waitFor();
  expect(await other.locator('.home__org-ask').count()).toBe(0);
});

test('the quiz refusal for a member without 所在单位 carries 去设置所在单位, which fixes it', async () => {
  const { page } = await signedIn('ux-no-org', '乌云');
  await openRoute(page, host.url, '/packages/quiz/index');
  await page.getByText('请先选择您所在的单位，再参加竞赛').first().waitFor();
  expect(await page.getByText('开始答题').count()).toBe(0);
  await screenshot(page, 'ux-05-quiz-refusal-with-fix');
  await tap(page.getByText('去设置所在单位').first());
  await taroInput(page, 'orgSearch').fill('翁牛特');
  await tap(page.getByText('翁牛特旗计生协', { exact: true }).last());
  // Saved at once and back on the quiz list, which now lets the member start.
  await page.getByText('开始答题').first().waitFor();
});

test('交卷 asks first even with every question answered; the result offers 再答一次 while attempts remain', async () => {
  const { page } = await signedIn('ux-quiz', '娜仁', { orgId: '150426' });
  await openRoute(page, host.url, '/packages/quiz/index');
  await tap(page.getByText('开始答题').first());
  const total = Number((await page.getByText(/^第 1 \/ \d+ 题$/).textContent())!.match(/\/ (\d+)/)![1]);
  for (let i = 0; i < total; i++) {
    await page.getByText(`第 ${i + 1} / ${total} 题`).waitFor();
    await page.locator('.qcard__option').first().dispatchEvent('click');
    await page.getByText(`已答 ${i + 1} / ${total}`).waitFor();
    if (i < total - 1) await tap(page.getByText('下一题'));
  }
  await tap(page.locator('.quiz-submit'));
  await page.getByText(`${total} 道题都答完了。交卷后就不能再改答案了。`).waitFor();
  // The dialog's own words are readable: the confirm button in our red (Taro's default green is 2.2:1 on white).
  expect(await page.locator('.taro-model__confirm').evaluate((e) => getComputedStyle(e).color)).toBe('rgb(200, 16, 46)');
  await screenshot(page, 'ux-06-submit-confirm');
  // 继续答题 keeps the paper open.
  await tap(page.getByText('继续答题', { exact: true }));
  await page.getByText(`${total} 道题都答完了`, { exact: false }).waitFor({ state: 'hidden' });
  expect(await page.locator('.quiz-submit').count()).toBe(1);
  await tap(page.locator('.quiz-submit'));
  await tap(page.getByText('确定交卷'));
  await page.locator('.rcard__score').waitFor();
  const again = page.locator('.rcard__again');
  await again.getByText(/再答一次（今天还可答 \d 次）/).waitFor();
  await screenshot(page, 'ux-07-result-again');
  await tap(again);
  await page.getByText(`第 1 / ${total} 题`).waitFor();
});

test('cancelling a registration asks first, in plain words; 再想想 keeps the seat', async () => {
  const { page, token } = await signedIn('ux-cancel', '其木格', { orgId: '150426' });
  const admin = await host.login('dev-admin-hhht');
  const now = Date.now();
  const cls = await host.post(
    'class.admin.publish',
    classPayload(now, { title: '取消确认课堂', venue: { name: '新城区向日葵亲子小屋', address: '', lat: null, lng: null }, capacity: 5 }),
    admin,
  );
  expect((await host.post('class.register', { classId: cls.body.data.id, answers: {} }, token)).status).toBe(200);
  await openRoute(page, host.url, '/packages/classes/mine');
  await tap(page.getByText('取消报名', { exact: true }));
  await page.getByText('要取消这次报名吗？').waitFor();
  await page.getByText('您的名额会让给排队候补的家长', { exact: false }).waitFor();
  await screenshot(page, 'ux-08-cancel-confirm');
  await tap(page.getByText('再想想'));
  await page.getByText('要取消这次报名吗？').waitFor({ state: 'hidden' });
  expect((await host.post('class.myRegistrations', {}, token)).body.data.registrations[0].status).toBe('confirmed');
});

test('the small glitches are gone', async () => {
  const { page, token } = await signedIn('ux-glitch', '巴特尔', { orgId: '150426' });
  // A points entry (+5 / +10) for 隐私与数据.
  const campaignId = (await host.post('quiz.list', {}, token)).body.data.campaigns.find((c: { status: string }) => c.status === 'open').id;
  const attempt = (await host.post('quiz.start', { campaignId }, token)).body.data;
  await host.post('quiz.submit', { attemptId: attempt.attemptId, answers: [] }, token);

  // 隐私与数据: 所在单位 on one line, and a points value on one line.
  await openRoute(page, host.url, '/pages/mine/data');
  const orgLabel = page.locator('.data__row', { hasText: '所在单位' }).locator('.data__label');
  await orgLabel.waitFor();
  expect((await orgLabel.boundingBox())!.height).toBeLessThan(1.5 * (await lineHeight(page, '.data__label')));
  const points = page.locator('.data__points').first();
  await points.waitFor();
  expect(await points.textContent()).toMatch(/^\+\d+$/);
  expect((await points.boundingBox())!.height).toBeLessThan(1.5 * (await lineHeight(page, '.data__points')));
  await screenshot(page, 'ux-09-data-one-line');

  // The privacy notice names the WeChat identity in words, not "OpenID".
  await openRoute(page, host.url, '/pages/privacy/index');
  await page.getByText('微信身份标识', { exact: false }).waitFor();
  expect(await page.locator('body').textContent()).not.toContain('OpenID');

  // Leaderboard: the score keeps clear of the card's right edge.
  await openRoute(page, host.url, `/packages/quiz/leaderboard?id=${campaignId}`);
  await page.locator('.quiz-rank-row__score').first().waitFor();
  const score = await box(page, '.quiz-rank-row__score');
  const card = (await page.locator('.quiz-rank-row__score').first().locator('xpath=ancestor::*[contains(@class,"card")][1]').boundingBox())!;
  expect(card.x + card.width - (score.x + score.width)).toBeGreaterThanOrEqual(16);

  // Search: one character clears the old results and says why.
  await openRoute(page, host.url, '/packages/magazine/search');
  await taroInput(page, 'q').fill('血压');
  await tap(page.getByText('搜索', { exact: true }).last());
  await page.locator('.mz-search__item').first().waitFor();
  await taroInput(page, 'q').fill('育');
  await tap(page.getByText('搜索', { exact: true }).last());
  await page.getByText('请至少输入两个字再搜索').waitFor();
  expect(await page.locator('.mz-search__item').count()).toBe(0);

  // Article: 收藏 and 分享给亲友 side by side on one line; the share toast on one line.
  const issueId = (await host.post('magazine.shelf', {}, token)).body.data.issues[0].id;
  const articleId = (await host.post('magazine.issue', { issueId }, token)).body.data.columns[0].articles[0].id;
  await openRoute(page, host.url, `/packages/magazine/article?id=${articleId}`);
  await tap(page.getByText('☆ 收藏'));
  await page.getByText('★ 已收藏').waitFor();
  // Both boxes from one layout: the article above may still be settling (an image arriving) between two separate reads.
  const [fav, share] = await page.evaluate(() =>
    Array.from(document.querySelectorAll('.mz-article__btn'))
      .slice(0, 2)
      .map((b) => b.getBoundingClientRect().toJSON()),
  );
  expect(Math.abs(fav.y - share.y)).toBeLessThan(1);
  expect(Math.abs(fav.height - share.height)).toBeLessThan(1);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await tap(page.getByText('分享给亲友'));
  const toast = page.locator('.taro__toast p').last();
  await toast.getByText('链接已复制，可以发给亲友').waitFor();
  expect((await toast.boundingBox())!.height).toBeLessThan(1.5 * parseFloat(await toast.evaluate((e) => getComputedStyle(e).lineHeight)));
  await screenshot(page, 'ux-10-article-actions-toast');

  // 我的阅读: minutes are 分钟 (分 is for points), and a week shown as 0 has no bar.
  await openRoute(page, host.url, '/packages/magazine/mine');
  await page.getByText('每周阅读时间').waitFor();
  const values = await page.locator('.mz-mine__value').allTextContents();
  expect(values.length).toBeGreaterThan(0);
  for (const v of values) expect(v).toMatch(/分钟$/);
  const rows = page.locator('.mz-mine__row');
  for (let i = 0; i < (await rows.count()); i++) {
    if ((await rows.nth(i).locator('.mz-mine__value').textContent()) === '0 分钟') expect(await rows.nth(i).locator('.mz-mine__bar').count()).toBe(0);
  }
  await screenshot(page, 'ux-11-my-reading');
});
