/**
 * An admin gives a quiz campaign a cover through the H5 file input (the image is generated here,
 * larger than covers need, so the client's downscale shows), saves, and a member sees it loaded.
 */
import type { Browser, Page } from 'playwright-core';
import { devLogin, launchBrowser, openRoute, phonePage, screenshot as shoot, tap } from '../support/browser';
import { startHttpHost, type TestHost } from '../support/http';
import { pngImage } from '../support/images';

let host: TestHost;
let browser: Browser;
beforeAll(async () => {
  host = await startHttpHost({ withH5: true });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await host?.close();
});

const screenshot = async (page: Page, name: string) => {
  await page.waitForTimeout(500);
  return shoot(page, name);
};

/** The image's natural width once it has loaded (0 while it has not). */
async function loadedWidth(page: Page, img: ReturnType<Page['locator']>, timeout = 10_000): Promise<number> {
  const handle = await img.elementHandle({ timeout });
  await page.waitForFunction((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0, handle, { timeout });
  return img.evaluate((el: HTMLImageElement) => el.naturalWidth);
}

const TITLE = '7·11 世界人口日知识竞赛（呼和浩特）';

test('an admin uploads a cover while editing a campaign, and a member sees it in the list', async () => {
  const adminToken = await host.login('dev-admin-hhht');
  const before = await host.post('quiz.admin.campaigns', {}, adminToken);
  const campaign = before.body.data.campaigns.find((c: { title: string }) => c.title === TITLE);
  expect(campaign.cover).toBeNull();

  const admin = await phonePage(browser);
  const errors: string[] = [];
  admin.on('pageerror', (e) => errors.push(e.message));
  await devLogin(admin, host.url, 'dev-admin-hhht', '呼和浩特管理员');
  await openRoute(admin, host.url, `/packages/admin/quiz/edit?id=${campaign.id}`);
  await admin.getByText('点击选择封面图片').waitFor();

  // A wrong file first: a text file named .png is refused in Chinese, in place.
  const input = admin.locator('input[type=file][name="cover-file"]');
  await input.setInputFiles({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('这不是图片'.repeat(50)) });
  await admin.getByText('只能上传 JPG、PNG 或 WebP 格式的图片').first().waitFor();

  // A 1600×900 PNG: the client scales it to 1280 wide and sends a JPEG.
  const requests: string[] = [];
  admin.on('request', (r) => {
    if (r.url().endsWith('/api/media/upload')) requests.push(r.headers()['content-type']);
  });
  const big = pngImage(1600, 900, 2);
  const uploaded = admin.waitForResponse((r) => r.url().endsWith('/api/media/upload'));
  await input.setInputFiles({ name: '封面.png', mimeType: 'image/png', buffer: big });
  const result = (await (await uploaded).json()).data;
  expect(result).toMatchObject({ type: 'image/jpeg', width: 1280, height: 720 });
  expect(result.size).toBeLessThan(big.length);
  await admin.getByText('更换图片').waitFor();
  await admin.getByText('移除封面').waitFor();
  const preview = admin.locator('.media-cover__img img');
  expect(await loadedWidth(admin, preview)).toBe(1280);
  expect(requests).toEqual(['image/jpeg']);
  await screenshot(admin, 'media-01-admin-cover');

  await tap(admin.getByText('保存', { exact: true }).last());
  await admin.getByText('已保存').waitFor();
  const after = await host.post('quiz.admin.campaigns', {}, adminToken);
  const cover = after.body.data.campaigns.find((c: { id: number }) => c.id === campaign.id).cover as string;
  expect(cover).toMatch(/^\/media\/[0-9a-f]{64}\.jpg$/);
  const served = await fetch(`${host.url}${cover}`);
  expect(served.headers.get('content-type')).toBe('image/jpeg');
  expect(cover).toBe(result.url);
  expect((await served.arrayBuffer()).byteLength).toBe(result.size);
  expect(errors).toEqual([]);

  // A member of 呼和浩特 sees the cover, loaded, on the campaign's card.
  const member = await phonePage(browser);
  await devLogin(member, host.url, 'media-e2e-member', '看封面的会员');
  await host.post('member.update', { orgId: '150102' }, await host.login('media-e2e-member'));
  await openRoute(member, host.url, '/packages/quiz/index');
  const card = member.locator('.quiz-campaign', { hasText: TITLE });
  await card.scrollIntoViewIfNeeded();
  const img = card.locator('.cover__img img');
  await img.waitFor();
  expect(await loadedWidth(member, img)).toBe(1280);
  expect(await img.getAttribute('src')).toBe(cover);
  // Campaigns without a cover show no empty box in the list.
  expect(await member.locator('.quiz-campaign').count()).toBeGreaterThan(1);
  expect(await member.locator('.quiz-campaign .cover').count()).toBe(1);
  await card.screenshot({ path: (await screenshot(member, 'media-02-member-list')).replace('media-02-member-list', 'media-03-member-card') });
});
