/**
 * An admin gives a quiz campaign a cover through the H5 file input (the image is generated here,
 * larger than covers need, so the client's downscale shows), saves, and a member sees it loaded.
 */
import type { Browser, Page } from 'playwright-core';
import { devLogin, openRoute, phonePage, screenshot as shoot, startH5Journey, stopH5Journey, tap, taroInput } from '../support/browser';
import type { TestHost } from '../support/http';
import { pngImage } from '../support/images';

let host: TestHost;
let browser: Browser;
beforeAll(async () => {
  ({ host, browser } = await startH5Journey());
});
afterAll(() => stopH5Journey({ host, browser }));

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
  await screenshot(admin, 'media-00-admin-wrong-type');

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

test('an admin publishes a notice with a cover and a picture in its body; a member sees both', async () => {
  const admin = await phonePage(browser);
  const errors: string[] = [];
  admin.on('pageerror', (e) => errors.push(e.message));
  await devLogin(admin, host.url, 'dev-admin-hhht', '呼和浩特管理员', { privacyNotice: false }); // agreed in the test above
  await openRoute(admin, host.url, '/packages/admin/events/index');
  await tap(admin.getByText('发布活动 / 通知'));
  await taroInput(admin, 'title').waitFor();
  await tap(admin.getByText('通知', { exact: true }));
  await taroInput(admin, 'title').fill('E2E 带封面的通知');
  await tap(admin.getByText('所有会员'));

  // A small PNG is sent as it is (no re-encoding), and shown as the cover.
  await admin.locator('input[type=file][name="cover-file"]').setInputFiles({ name: 'cover.png', mimeType: 'image/png', buffer: pngImage(800, 450, 5) });
  await admin.getByText('移除封面').waitFor();

  const body = admin.locator('taro-textarea-core textarea, textarea[name="body"]').first();
  await body.fill('## 欢迎参加\n\n活动现场：');
  await admin.locator('input[type=file][name="body-image-file"]').setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: pngImage(640, 360, 6) });
  await admin.waitForFunction(() =>
    /!\[\]\(\/media\/[0-9a-f]{64}\.png\)/.test((document.querySelector('textarea') as HTMLTextAreaElement | null)?.value ?? ''),
  );
  expect(await body.inputValue()).toMatch(/^## 欢迎参加\n\n活动现场：\n\n!\[\]\(\/media\/[0-9a-f]{64}\.png\)\n\n$/);
  await screenshot(admin, 'media-04-event-editor');
  await tap(admin.getByText('发布', { exact: true }).last());
  await admin.locator('.admin-events__item', { hasText: 'E2E 带封面的通知' }).waitFor({ timeout: 10_000 });
  expect(errors).toEqual([]);

  const token = await host.login('dev-admin-hhht');
  const list = await host.post('event.list', { when: 'upcoming', scope: 'all' }, token);
  const ev = list.body.data.items.find((e: { title: string }) => e.title === 'E2E 带封面的通知');
  expect(ev.cover).toMatch(/^\/media\/[0-9a-f]{64}\.png$/);

  const member = await phonePage(browser);
  await devLogin(member, host.url, 'media-e2e-reader', '读通知的会员');
  await openRoute(member, host.url, '/packages/events/index');
  const item = member.locator('.events__item', { hasText: 'E2E 带封面的通知' });
  await item.scrollIntoViewIfNeeded();
  expect(await loadedWidth(member, item.locator('.cover__img img'))).toBe(800);

  await openRoute(member, host.url, `/packages/events/detail/index?id=${ev.id}`);
  expect(await loadedWidth(member, member.locator('.event-detail__cover .cover__img img'))).toBe(800);
  const bodyImg = member.locator('.md__img img');
  await bodyImg.scrollIntoViewIfNeeded();
  expect(await loadedWidth(member, bodyImg)).toBe(640);
  const [boxH, imgH] = await member.evaluate(() => ['.md__img', '.md__img img'].map((q) => document.querySelector(q)!.getBoundingClientRect().height));
  expect(Math.abs(boxH - imgH)).toBeLessThan(2); // the picture's box fits it: no blank band below
  await screenshot(member, 'media-05-event-detail');

  // An event without a cover shows the quiet placeholder on its page, not a broken image.
  const plain = list.body.data.items.find((e: { cover: string | null }) => e.cover === null);
  await openRoute(member, host.url, `/packages/events/detail/index?id=${plain.id}`);
  await member.locator('.event-detail__cover .cover__placeholder').waitFor();
  await screenshot(member, 'media-06-event-placeholder');
});
