/**
 * An organiser of 呼和浩特 imports an issue on the 《人生》 admin page by upload, as a village organiser would,
 * without a command line: first files with a mistake (the report names the file and why), then a .zip.
 */
import type { Browser } from 'playwright-core';
import { devLogin, openRoute, phonePage, screenshot, startH5Journey, stopH5Journey, tap, watchPageProblems } from '../support/browser';
import type { TestHost } from '../support/http';
import { zipOf } from '../support/zip';

let host: TestHost;
let browser: Browser;
beforeAll(async () => {
  ({ host, browser } = await startH5Journey());
});
afterAll(() => stopH5Journey({ host, browser }));

const issueJson = JSON.stringify({ year: 2027, number: 8, title: '青城秋韵（示例）', publishAt: '2027-08-01T08:00:00+08:00', cover: 'reading' });
const md = (title: string, body: string) => `---\ntitle: ${title}\nauthor: 青城通讯员\ncolumn: 家庭健康\nsummary: 示例摘要\n---\n\n${body}`;
const file = (name: string, text: string) => ({ name, mimeType: name.endsWith('.json') ? 'application/json' : 'text/markdown', buffer: Buffer.from(text) });

test('the admin page imports an issue by upload, with a progress bar and a line per article', async () => {
  const page = await phonePage(browser);
  const { problems } = watchPageProblems(page);
  await devLogin(page, host.url, 'dev-admin-hhht', '呼和浩特管理员');
  await openRoute(page, host.url, '/packages/admin/magazine/index');
  await page.getByText('上传导入').first().waitFor();
  expect(await page.content()).not.toContain('npm run magazine');

  // files with one broken article: nothing is imported, and the report says which file and why
  let chooser = page.waitForEvent('filechooser');
  await tap(page.getByText('选择文件或 .zip'));
  await (
    await chooser
  ).setFiles([file('issue.json', issueJson), file('01-autumn.md', md('秋季养生', '秋天干燥，多喝水。')), file('02-broken.md', '忘了写 YAML 头')]);
  await page.getByText('02-broken.md：缺少 YAML 头').waitFor();
  await page.getByText('✗ 未导入《青城秋韵（示例）》', { exact: false }).waitFor();
  expect(await page.locator('.progress-bar').evaluate((el) => (el as HTMLElement).style.width)).toBe('100%');
  await screenshot(page, 'magazine-import-01-refused');

  // the same issue as a .zip, mended: imported, listed with its articles, and in the issue list
  chooser = page.waitForEvent('filechooser');
  await tap(page.getByText('选择文件或 .zip'));
  const zip = zipOf([
    { name: '2027-08/issue.json', text: issueJson },
    { name: '2027-08/01-autumn.md', text: md('秋季养生', '秋天干燥，多喝水。') },
    { name: '2027-08/02-harvest.md', text: md('丰收节里话家风', '丰收节，一家人在一起。') },
  ]);
  await (await chooser).setFiles([{ name: '青城秋韵.zip', mimeType: 'application/zip', buffer: zip }]);
  await page.getByText('✓ 已导入：《青城秋韵（示例）》，2 篇文章').waitFor();
  await page.getByText('✓ 丰收节里话家风').waitFor();
  await page.getByText('2027 年第 8 期 青城秋韵（示例）').waitFor();
  await screenshot(page, 'magazine-import-02-imported');

  const token = await host.login('dev-admin-hhht');
  const issues = (await host.post('magazine.admin.issues', {}, token)).body.data.issues as {
    number: number;
    year: number;
    orgId: string;
    articleCount: number;
  }[];
  expect(issues.find((i) => i.year === 2027 && i.number === 8)).toMatchObject({ orgId: '150100', articleCount: 2 });
  expect(problems).toEqual([]);
  await page.close();
});
