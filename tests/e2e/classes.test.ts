import type { Browser, Page } from 'playwright-core';
import { devLogin, openRoute, phonePage, screenshot, startH5Journey, stopH5Journey, tap, taroInput } from '../support/browser';
import type { TestHost } from '../support/http';
import { classPayload } from '../support/classes';

jest.setTimeout(180_000);

let host: TestHost;
let browser: Browser;
let classId: number;

beforeAll(async () => {
  ({ host, browser } = await startH5Journey());
  const admin = await host.login('dev-admin-hhht');
  const now = Date.now();
  const r = await host.post(
    'class.admin.publish',
    classPayload(now, {
      title: '端到端测试课堂',
      description: '两个名额，满员可候补。\n## 课程安排\n- 亲子游戏\n- **答疑**',
      venue: { name: '新城区向日葵亲子小屋', address: '新华大街 1 号', lat: null, lng: null },
      capacity: 2,
      fields: [
        { id: 'parent_name', label: '家长姓名', type: 'text', required: true },
        { id: 'phone', label: '联系电话', type: 'phone', required: true },
        { id: 'relation', label: '与孩子关系', type: 'choice', required: true, options: ['妈妈', '爸爸'] },
      ],
    }),
    admin,
  );
  classId = r.body.data.id;
});
afterAll(async () => {
  await stopH5Journey({ host, browser });
});

async function loginAs(openid: string, nickname: string): Promise<Page> {
  const page = await phonePage(browser);
  pages.push(page);
  page.on('pageerror', (e) => errors.push(`${openid}: ${e.message}`));
  await devLogin(page, host.url, openid, nickname);
  return page;
}
const errors: string[] = [];
const pages: Page[] = [];
afterEach(async () => {
  // On failure the last state of every page is kept for inspection.
  for (const [i, p] of pages.entries()) await screenshot(p, `classes-last-${i}`).catch(() => undefined);
});

function open(page: Page, route: string) {
  return openRoute(page, host.url, route);
}

async function register(page: Page, n: number) {
  await open(page, `/packages/classes/detail?id=${classId}`);
  // The description is read as the organiser wrote it: a heading, a list right under it, bold text.
  await page.locator('.detail-desc .md__h2', { hasText: '课程安排' }).waitFor();
  expect(await page.locator('.detail-desc .md__li').allInnerTexts()).toEqual([expect.stringContaining('亲子游戏'), expect.stringContaining('答疑')]);
  expect(await page.locator('.detail-desc .md__b').innerText()).toBe('答疑');
  await taroInput(page, 'f_parent_name').waitFor();
  await taroInput(page, 'f_parent_name').fill(`家长${n}`);
  await taroInput(page, 'f_phone').fill(`1390000000${n}`);
  // dispatchEvent: a page still animating out must not swallow the tap under load.
  await page.locator('.reg-form__choice', { hasText: '妈妈' }).dispatchEvent('click');
  await page.locator('.reg-form__choice--on').waitFor();
  expect(await taroInput(page, 'f_phone').inputValue()).toBe(`1390000000${n}`);
}

/** Waits for the registration outcome; a form error fails with its own message instead of a timeout. */
async function outcome(page: Page, text: string) {
  const ok = page
    .getByText(text)
    .first()
    .waitFor({ timeout: 60_000 })
    .then(() => null);
  const bad = page
    .locator('.field-error')
    .first()
    .waitFor({ timeout: 60_000 })
    .then(async () => `form error: ${await page.locator('.field-error').first().textContent()}`);
  ok.catch(() => undefined);
  bad.catch(() => undefined); // the loser of the race times out later; nobody waits for it
  const problem = await Promise.race([ok, bad]);
  if (problem) throw new Error(problem);
}

test('parents fill the class, the next is waitlisted at 1, a cancel promotes them; an admin publishes a class', async () => {
  const p1 = await loginAs('e2e-parent-1', '家长一');
  // The class shows up in the list with its seats.
  await open(p1, `/packages/classes/index`);
  await p1.getByText('端到端测试课堂').waitFor();
  await p1.getByText('剩余 2 个名额').first().waitFor();
  await screenshot(p1, 'classes-01-list');
  await register(p1, 1);
  await screenshot(p1, 'classes-02-form');
  await tap(p1.getByText('提交报名'));
  await outcome(p1, '已确认');

  const p2 = await loginAs('e2e-parent-2', '家长二');
  await register(p2, 2);
  await tap(p2.getByText('提交报名'));
  await outcome(p2, '已确认');

  const p3 = await loginAs('e2e-parent-3', '家长三');
  await open(p3, `/packages/classes/index`);
  await p3.getByText('名额已满，可候补').first().waitFor();
  await register(p3, 3);
  await tap(p3.getByText('报名候补'));
  await outcome(p3, '候补中 · 第 1 位');
  await screenshot(p3, 'classes-03-waitlisted');

  // Parent 1 cancels from 我的报名 (where the ticket QR is shown).
  await open(p1, `/packages/classes/mine`);
  await p1.locator('.ticket-qr').first().waitFor();
  await screenshot(p1, 'classes-04-ticket');
  await tap(p1.getByText('取消报名', { exact: true }));
  await tap(p1.getByText('确定', { exact: true }));
  await p1.getByText('已取消', { exact: true }).first().waitFor();

  // Parent 3 now holds a seat and was told so.
  await open(p3, `/packages/classes/mine`);
  await p3.getByText('已确认').first().waitFor();
  await p3.locator('.ticket-qr').first().waitFor();
  await screenshot(p3, 'classes-05-promoted');
  await open(p3, `/packages/classes/messages`);
  await p3.getByText('候补成功，已为您保留名额').waitFor();

  // An admin publishes a new class with an age range, coordinates and a custom single-choice field, and sees it in the list.
  const admin = await loginAs('dev-admin-hhht', '呼和浩特管理员');
  await open(admin, `/packages/admin/classes/index`);
  await admin.getByText('端到端测试课堂').first().waitFor();
  await tap(admin.getByText('发布新课堂'));
  await taroInput(admin, 'title').fill('沟通之道：新学期家长会');
  await taroInput(admin, 'teacher').fill('赵老师');
  await taroInput(admin, 'venueName').fill('呼和浩特市计生协培训室');
  await taroInput(admin, 'capacity').fill('20');
  await admin.locator('.admin-class-edit .chip', { hasText: '青春期沟通' }).dispatchEvent('click');
  await taroInput(admin, 'ageMin').fill('10');
  await taroInput(admin, 'ageMax').fill('16');
  await taroInput(admin, 'lat').fill('95');
  await taroInput(admin, 'lng').fill('111.749');
  await tap(admin.getByText('添加报名字段'));
  await taroInput(admin, 'field_label_2').fill('孩子年级');
  const editor = admin.locator('.field-editor').nth(2);
  await editor.locator('.chip', { hasText: '单选' }).dispatchEvent('click');
  await taroInput(admin, 'field_option_2_0').fill('初一');
  await taroInput(admin, 'field_option_2_1').fill('初二');
  await tap(editor.getByText('＋ 添加选项'));
  await taroInput(admin, 'field_option_2_2').fill('初三');
  await editor.locator('.chip', { hasText: '必填' }).dispatchEvent('click');
  // A latitude out of range is refused in place, in words the admin can act on.
  await tap(admin.locator('.btn-primary', { hasText: '发布课堂' }));
  await admin.getByText('纬度请填写 -90 到 90 之间的数字，如 40.8424').waitFor();
  await taroInput(admin, 'lat').fill('40.8424');
  // The new field moves up to be asked first after the name.
  await tap(editor.getByText('上移'));
  expect(await taroInput(admin, 'field_label_1').inputValue()).toBe('孩子年级');
  expect(await taroInput(admin, 'field_option_1_2').inputValue()).toBe('初三');
  await screenshot(admin, 'classes-06-publish');
  await editor.scrollIntoViewIfNeeded();
  await screenshot(admin, 'classes-06b-publish-fields');
  await tap(admin.locator('.btn-primary', { hasText: '发布课堂' }));
  await admin.getByText('沟通之道：新学期家长会').first().waitFor();
  await admin.getByText('报名率').waitFor();
  await screenshot(admin, 'classes-07-admin-list');

  // A parent finds it, is asked the child's age and the new question, and registers.
  const p4 = await loginAs('e2e-parent-4', '家长四');
  await open(p4, `/packages/classes/index`);
  await tap(p4.getByText('沟通之道：新学期家长会').first());
  await taroInput(p4, 'childAge').waitFor();
  await p4.getByText('适合：孩子 10–16 岁的家长').waitFor();
  const labels = (await p4.locator('.reg-form .field-label').allTextContents()).map((t) => t.trim());
  expect(labels).toEqual(['孩子年龄（岁）*', '家长姓名 *', '孩子年级 *', '联系电话 *']);
  await taroInput(p4, 'childAge').fill('13');
  await taroInput(p4, 'f_parent_name').fill('家长四');
  await taroInput(p4, 'f_phone').fill('13900000004');
  await tap(p4.getByText('提交报名'));
  await p4.getByText('请填写“孩子年级”').waitFor(); // required, and not yet chosen
  await p4.locator('.reg-form__choice', { hasText: '初二' }).dispatchEvent('click');
  await p4.locator('.reg-form__choice--on', { hasText: '初二' }).waitFor();
  await p4.getByText('请填写“孩子年级”').waitFor({ state: 'detached' }); // the answered problem is gone
  await screenshot(p4, 'classes-09-custom-field');
  await tap(p4.getByText('提交报名'));
  await p4.getByText('已确认').first().waitFor({ timeout: 60_000 });
  await admin.reload();
  await admin.getByText('沟通之道：新学期家长会 · 1/20（5%）').waitFor();

  // The roster shows who came in which order.
  await open(admin, `/packages/admin/classes/roster?id=${classId}`);
  await admin.getByText(/家长三 · 已确认/).waitFor();
  await tap(admin.locator('.roster-entry', { hasText: '家长三' }).getByText('签到', { exact: true }));
  await admin.getByText('家长三 签到成功').waitFor();
  await admin.getByText(/家长三 · 已确认 · 已签到/).waitFor();
  await screenshot(admin, 'classes-08-roster');
  expect(errors).toEqual([]);
});
