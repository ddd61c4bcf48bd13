import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import type { Page } from 'playwright-core';
import { devLogin, phonePage, screenshot as shoot, startH5Journey, stopH5Journey } from '../support/browser';

/** Let the H5 page transition finish before the picture. */
const screenshot = async (page: Page, name: string) => {
  await page.waitForTimeout(500);
  return shoot(page, name);
};
import type { TestHost } from '../support/http';

let host: TestHost;
let browser: Browser;

beforeAll(async () => {
  ({ host, browser } = await startH5Journey());
});
afterAll(() => stopH5Journey({ host, browser }));

test('a member opens a campaign from 首页, answers every question, submits, and sees score, rank and the review', async () => {
  const page = await phonePage(browser);
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));

  // The member already belongs to 翁牛特旗 (set through the API to keep this journey about the quiz).
  const token = await host.login('e2e-quiz-1', '乌兰');
  await host.post('member.update', { orgId: '150426' }, token);

  await devLogin(page, host.url, 'e2e-quiz-1', '乌兰');

  // 首页 card shows the open campaign.
  await page.getByText('正在进行：优生优育进万家知识竞赛').waitFor();
  await screenshot(page, 'quiz-01-home');
  await page.getByText('去答题').click();

  // List: open, upcoming; attempts left.
  await page.getByText('剩余次数：今天 3 次，共 10 次').waitFor();
  await page.getByText('5·29 会员活动日知识竞赛').waitFor();
  await screenshot(page, 'quiz-02-list');
  await page.getByText('开始答题').click();

  // Answer all 10, one at a time, with the progress bar and countdown.
  await page.getByText('第 1 / 10 题').waitFor();
  await page.getByText(/剩余 (09|10):\d\d/).waitFor();
  await screenshot(page, 'quiz-03-question');
  for (let i = 0; i < 10; i++) {
    await page.getByText(`第 ${i + 1} / 10 题`).waitFor();
    await page.locator('.qcard__option').first().click();
    await page.getByText(`已答 ${i + 1} / 10`).waitFor();
    if (i === 1) {
      // Back, and forward again: the answer is still chosen.
      await page.getByText('上一题').click();
      await page.getByText('第 1 / 10 题').waitFor();
      await page.locator('.qcard__option--on').waitFor();
      await page.getByText('下一题').click();
      await page.getByText('第 2 / 10 题').waitFor();
    }
    if (i < 9) await page.getByText('下一题').click();
  }
  await screenshot(page, 'quiz-04-last-question');
  await page.getByText('交卷', { exact: true }).click();
  // Asked first, even with every question answered.
  await page.getByText('10 道题都答完了', { exact: false }).waitFor();
  await page.getByText('确定交卷', { exact: true }).click();

  // Result: score, correct count, time, pass/fail, rank; then the review.
  await page.getByText('答案解析').waitFor();
  const list = await host.post('quiz.list', {}, token);
  const best = list.body.data.campaigns[0].myBestScore as number;
  await page.locator('.rcard__score').getByText(String(best), { exact: true }).waitFor();
  await page.getByText('第 1 名').waitFor();
  await page.getByText(best >= 60 ? '及格（60 分及格）' : '未及格（60 分及格）').waitFor();
  expect(await page.locator('.quiz-review__item').count()).toBe(10);
  expect(await page.getByText(/^解析：/).count()).toBe(10);
  await page
    .getByText(/我的答案：[A-E]+ · 正确答案：/)
    .first()
    .waitFor();
  await screenshot(page, 'quiz-05-result');

  // Poster: drawn on a canvas and saved as a PNG download on H5.
  const download = page.waitForEvent('download');
  await page.getByText('保存成绩海报').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`竞赛成绩-${best}分.png`);
  const png = fs.readFileSync((await file.path())!);
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  expect(png.readUInt32BE(16)).toBe(600); // width from the IHDR chunk
  expect(png.readUInt32BE(20)).toBe(800);
  await page.getByText('再次下载海报').waitFor();
  await page.locator('.quiz-poster-img').scrollIntoViewIfNeeded();
  await screenshot(page, 'quiz-06-poster');

  // Leaderboard
  await page.locator('.quiz-result').getByText('排行榜', { exact: true }).click();
  await page.getByText('我的排名：第 1 名').waitFor();
  await page.getByText('乌兰（我）').waitFor();
  await page.getByText('盟市排行').click();
  await page.getByText('1. 赤峰市计生协').waitFor();
  await screenshot(page, 'quiz-07-leaderboard');
  expect(pageErrors).toEqual([]);
});
