import type { Browser, Page } from 'playwright-core';
import { screenshot, startH5Journey, stopH5Journey, tap, taroInput } from '../support/browser';
import type { TestHost } from '../support/http';
import { pick, signedInContext } from './admin-support';

/**
 * The organiser forms on a phone: dates and times from pickers, every error under its own field in
 * Chinese (never a schema key), a Markdown body with a live preview that renders a list right after a
 * heading, a body box tall enough; 撤回 asks first; the list's buttons are large enough to tap.
 */
let host: TestHost;
let browser: Browser;
let token: string;

beforeAll(async () => {
  ({ host, browser } = await startH5Journey());
  token = await host.login('dev-admin-nm', '自治区管理员');
});
afterAll(() => stopH5Journey({ host, browser }));

const SCHEMA_KEY = /\b(title|body|startsAt|endsAt|venue(\.\w+)?|points|realName|teacher|capacity|orgId|checkin\w*)\s*[：:]/;
const errorUnder = (page: Page, field: string) => page.locator(`[data-error-for="${field}"]`);
const pageText = (page: Page) => page.locator('#app').innerText();

async function openPage(route: string): Promise<Page> {
  const context = await signedInContext(browser, token);
  const page = await context.newPage();
  page.on('pageerror', (e) => {
    throw e;
  });
  await page.goto(`${host.url}/#${route}`);
  return page;
}

test('publishing an event: pickers for times, errors in place and in Chinese, a live Markdown preview', async () => {
  const page = await openPage('/packages/admin/events/edit');
  await page.getByText('内蒙古自治区计划生育协会', { exact: true }).waitFor();

  // No typed times: each time is a date Picker and a time Picker.
  expect(await page.locator('[data-field="startsAt"] taro-picker-core').count()).toBe(2);
  expect(await page.locator('[data-field="startsAt"] taro-input-core').count()).toBe(0);
  // Taro's own picker opens on a tap and closes with 确定.
  await tap(page.locator('[data-name="startsAt-date"]'));
  const confirm = page.getByText('确定', { exact: true }).first();
  await confirm.waitFor();
  await screenshot(page, 'admin-forms-01-date-picker');
  await tap(confirm);
  await confirm.waitFor({ state: 'hidden' });

  // Everything wrong at once: each message sits under its own field.
  await pick(page, '[data-name="startsAt-date"]', '2027-05-29');
  await pick(page, '[data-name="startsAt-time"]', '09:00');
  await pick(page, '[data-name="endsAt-date"]', '2027-05-29');
  await pick(page, '[data-name="endsAt-time"]', '08:00');
  await page.locator('[data-field="startsAt"]').getByText('2027年5月29日 周六').waitFor();
  await taroInput(page, 'radius').fill('5');
  await tap(page.getByText('发布', { exact: true }).last());
  await expect(errorUnder(page, 'title').innerText()).resolves.toBe('请填写标题');
  await expect(errorUnder(page, 'endsAt').innerText()).resolves.toBe('结束时间须晚于开始时间');
  await expect(errorUnder(page, 'venue.radius').innerText()).resolves.toContain('签到范围请填写 20 到 50000 之间的整数');
  // The message is inside the field's own box, right under its control.
  const fieldBox = (await page.locator('[data-field="title"]').boundingBox())!;
  const errBox = (await errorUnder(page, 'title').boundingBox())!;
  expect(errBox.y).toBeGreaterThan(fieldBox.y);
  expect(errBox.y + errBox.height).toBeLessThanOrEqual(fieldBox.y + fieldBox.height + 1);
  await screenshot(page, 'admin-forms-02-errors-in-place');
  expect(await pageText(page)).not.toMatch(SCHEMA_KEY);

  // Markdown: a list right after a heading is a heading and a list, in the preview as members will see it.
  await taroInput(page, 'title').fill('E2E 包饺子联欢会');
  await taroInput(page, 'radius').fill('300');
  await taroInput(page, 'venueName').fill('新华广场');
  await pick(page, '[data-name="endsAt-time"]', '12:00');
  const body = page.locator('taro-textarea-core textarea, textarea[name="body"]').first();
  await body.fill('## 活动安排\n- 包饺子\n- 猜灯谜\n\n请**准时**到场');
  const preview = page.locator('[data-preview-for="body"]');
  await preview.locator('.md__h2', { hasText: '活动安排' }).waitFor();
  expect(await preview.locator('.md__li').allInnerTexts()).toEqual([expect.stringContaining('包饺子'), expect.stringContaining('猜灯谜')]);
  expect(await preview.innerText()).not.toContain('##');
  expect(await preview.locator('.md__b').innerText()).toBe('准时');
  // The body box is tall enough to write in (it was two rows).
  expect((await body.boundingBox())!.height).toBeGreaterThanOrEqual(240);
  await screenshot(page, 'admin-forms-03-markdown-preview');

  // A refusal from the API that names a schema key is shown under that field, in words.
  await page.route('**/api/event.admin.publish', (route) =>
    route.fulfill({
      status: 400,
      contentType: 'application/json',
      body: JSON.stringify({ ok: false, error: { code: 'INVALID_PAYLOAD', message: 'title：标题最多 60 个字' } }),
    }),
  );
  await tap(page.getByText('发布', { exact: true }).last());
  await expect(errorUnder(page, 'title').innerText()).resolves.toBe('标题最多 60 个字');
  expect(await pageText(page)).not.toMatch(SCHEMA_KEY);
  await page.unroute('**/api/event.admin.publish');

  // Now it goes through, with the picked times.
  await tap(page.getByText('发布', { exact: true }).last());
  const list = await openPage('/packages/admin/events/index?when=all');
  await tap(list.getByText('全部', { exact: true }));
  const card = list.locator('.admin-events__item', { hasText: 'E2E 包饺子联欢会' });
  await card.waitFor();
  await card.getByText('2027-05-29 09:00').waitFor();

  // Every action is a real button, at least 44 px tall.
  const actions = card.locator('.admin-events__action');
  expect(await actions.allInnerTexts()).toEqual(['签到大屏', '统计', '编辑', '撤回']);
  for (const b of await actions.all()) expect((await b.boundingBox())!.height).toBeGreaterThanOrEqual(44);
  await screenshot(list, 'admin-forms-04-event-actions');

  // 撤回 asks first, in plain words; 不撤回 leaves the event published.
  await tap(actions.getByText('撤回'));
  await list.getByText('撤回这个活动？').waitFor();
  await list.getByText(/会员将看不到“E2E 包饺子联欢会”/).waitFor();
  await screenshot(list, 'admin-forms-05-withdraw-confirm');
  await tap(list.getByText('不撤回'));
  await list.getByText('撤回这个活动？').waitFor({ state: 'hidden' });
  await card.getByText('已发布').waitFor();
  await tap(actions.getByText('撤回'));
  await tap(list.locator('.taro-modal__foot, .taro__modal, body').getByText('撤回', { exact: true }).last());
  await card.getByText('草稿 / 已撤回').waitFor();
});

test('publishing a class: time pickers, errors under their fields, a Markdown description with preview', async () => {
  const page = await openPage('/packages/admin/classes/edit');
  await page.getByText('课程信息').waitFor();
  for (const f of ['startsAt', 'regOpensAt', 'regClosesAt']) expect(await page.locator(`[data-field="${f}"] taro-picker-core`).count()).toBe(2);
  await taroInput(page, 'title').fill('科学养育：睡眠与喂养');
  await pick(page, '[data-name="regClosesAt-date"]', '2030-01-01');
  await tap(page.locator('.btn-primary', { hasText: '发布课堂' }));
  await expect(errorUnder(page, 'teacher').innerText()).resolves.toBe('请填写授课老师');
  await expect(errorUnder(page, 'venueName').innerText()).resolves.toBe('请填写上课地点名称');
  await expect(errorUnder(page, 'regClosesAt').innerText()).resolves.toBe('报名截止时间不能晚于开课时间');
  expect(await pageText(page)).not.toMatch(SCHEMA_KEY);
  const desc = page.locator('taro-textarea-core textarea, textarea[name="description"]').first();
  await desc.fill('## 课程内容\n- 婴儿睡眠\n- 科学喂养');
  const preview = page.locator('[data-preview-for="description"]');
  await preview.locator('.md__h2', { hasText: '课程内容' }).waitFor();
  expect(await preview.locator('.md__li').count()).toBe(2);
  await screenshot(page, 'admin-forms-06-class-errors-preview');
});
