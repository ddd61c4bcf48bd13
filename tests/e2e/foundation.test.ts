import type { Browser } from 'playwright-core';
import { devLogin, openRoute, phonePage, screenshot, startH5Journey, stopH5Journey, tap, taroInput, watchPageProblems } from '../support/browser';
import type { TestHost } from '../support/http';
import { classPayload } from '../support/classes';

let host: TestHost;
let browser: Browser;

beforeAll(async () => {
  ({ host, browser } = await startH5Journey());
});
afterAll(() => stopH5Journey({ host, browser }));

test('first open → login → 我的 → edit profile with an organisation → reload keeps the change', async () => {
  const page = await phonePage(browser);
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));

  // First open without a session lands on the login page.
  await page.goto(host.url);
  await page.getByText('开发环境登录').waitFor();
  await screenshot(page, 'foundation-01-login');

  await taroInput(page, 'openid').fill('e2e-member-1');
  await taroInput(page, 'nickname').fill('格桑花');
  await page.getByText('登录', { exact: true }).last().click();

  // First use: the privacy notice, then consent.
  await page.getByText('同意并继续').waitFor();
  await screenshot(page, 'foundation-02-privacy');
  await page.getByText('同意并继续').click();
  // The notice closes itself after its toast; until then it is still in the page.
  await page.getByText('同意并继续').waitFor({ state: 'hidden' });
  await page.getByText('格桑花，您好！').waitFor();
  await page.getByText(/距 5·29 会员活动日/).waitFor();
  await screenshot(page, 'foundation-03-home');

  // 我的
  await page.locator('.taro-tabbar__tabbar').getByText('我的').click();
  await page.getByText('编辑资料').waitFor();
  expect(await page.getByText('协会管理', { exact: true }).count()).toBe(0);
  await screenshot(page, 'foundation-04-mine');
  await page.getByText('编辑资料').click();

  await taroInput(page, 'realName').waitFor();
  await taroInput(page, 'realName').fill('王其其格');
  await taroInput(page, 'phone').fill('13912345678');
  await page.getByText('选择 ›').click();
  await page.getByText('内蒙古自治区计划生育协会').click();
  await page.getByText('赤峰市计生协').click();
  await page.getByText('翁牛特旗计生协').click();
  await page.getByText('选择“翁牛特旗计生协”').click();
  await page.getByText('翁牛特旗计生协').waitFor();
  await screenshot(page, 'foundation-05-edit');
  await page.getByText('保存', { exact: true }).click();

  // Back on 我的 with the new values; the phone is masked.
  await page.getByText('实名：王其其格').waitFor();
  await page.getByText('139****5678').waitFor();

  await page.reload();
  await page.getByText('实名：王其其格').waitFor();
  await page.getByText('139****5678').waitFor();
  await page.getByText('翁牛特旗计生协').waitFor();
  await screenshot(page, 'foundation-06-after-reload');

  // And the server agrees.
  const token = await host.login('e2e-member-1');
  const me = await host.post('member.me', {}, token);
  expect(me.body.data).toMatchObject({ realName: '王其其格', phone: '13912345678', org: { id: '150426' } });

  // 协会管理 is not for plain members, even by its address.
  await openRoute(page, host.url, '/packages/admin/index');
  await page.getByText('此功能仅对协会管理员开放', { exact: false }).waitFor();
  expect(await page.getByText('知识竞赛与题库 ›').count()).toBe(0);
  expect(pageErrors).toEqual([]);
});

test('an admin sees 协会管理 on 我的 and reaches the admin subPackage, with no error logged on the way', async () => {
  const page = await phonePage(browser);
  const watch = watchPageProblems(page);
  await devLogin(page, host.url, 'dev-admin-hhht', '呼和浩特管理员');
  await page.locator('.taro-tabbar__tabbar').getByText('我的').click();
  // exact: only the entry, not text that mentions 协会管理员.
  await page.getByText('协会管理', { exact: true }).click();
  await page
    .getByText(/本单位及下级单位/)
    .first()
    .waitFor();
  await page.getByText(/您管理：呼和浩特市计生协/).waitFor();
  await page.getByText('知识竞赛与题库 ›').waitFor();
  await screenshot(page, 'foundation-07-admin-entry');
  // The admin home lists the admin's own area and the tools of every feature.
  expect(await page.getByText(/您管理：呼和浩特市计生协/).count()).toBe(1);
  for (const entry of ['知识竞赛与题库 ›']) expect(await page.getByText(entry).count()).toBe(1);
  // The tab tap above (Taro renders tabs as javascript: links) and the browser's own /favicon.ico ask logged nothing.
  expect((await page.request.get(`${host.url}/favicon.ico`)).status()).toBe(200);
  expect(watch.problems).toEqual([]);
});

test('a member deletes their account from 隐私与数据 and is signed out', async () => {
  const token = await host.login('e2e-leaver', '要走的人');
  await host.post('member.consent', { version: '2026-11' }, token);
  await host.post('member.update', { realName: '离开者', phone: '13700001234' }, token);
  const page = await phonePage(browser);
  await page.goto(host.url);
  await page.evaluate((t) => localStorage.setItem('session.token', JSON.stringify({ data: t })), token);
  await openRoute(page, host.url, '/pages/mine/data');
  await page.getByText('13700001234').waitFor();
  // Times are shown on the Beijing clock.
  const agreedAt = (await host.post('member.exportData', {}, token)).body.data.consents[0].agreedAt as string;
  const beijing = new Date(Date.parse(agreedAt) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
  await page.locator('.data__row', { hasText: '版本 2026-11' }).getByText(beijing).waitFor();
  await screenshot(page, 'foundation-08-my-data');
  await taroInput(page, 'confirmDelete').fill('注销');
  page.once('dialog', (d) => d.accept());
  await page.getByText('注销账号', { exact: true }).last().click();
  await page.getByText('确认注销').waitFor();
  await screenshot(page, 'foundation-09-delete-confirm');
  await page.getByText('注销', { exact: true }).last().click();
  await page.getByText('开发环境登录').waitFor();
  expect((await host.post('member.me', {}, token)).status).toBe(401);
});

test('a member who declined the notice is taken to it when a class form asks for a name and phone; after agreeing the registration goes through', async () => {
  const admin = await host.login('dev-admin-hhht');
  const now = Date.now();
  const published = await host.post(
    'class.admin.publish',
    classPayload(now, {
      title: '隐私同意测试课堂',
      teacher: '李老师',
      venue: { name: '新城区向日葵亲子小屋', address: '新华大街 1 号', lat: null, lng: null },
      capacity: 5,
      waitlistOpen: false,
      fields: [
        { id: 'parent_name', label: '家长姓名', type: 'text', required: true },
        { id: 'phone', label: '联系电话', type: 'phone', required: true },
      ],
    }),
    admin,
  );
  expect(published.status).toBe(200);

  const page = await phonePage(browser);
  await page.goto(host.url);
  await taroInput(page, 'openid').fill('e2e-later-consent');
  await taroInput(page, 'nickname').fill('后来同意');
  await page.getByText('登录', { exact: true }).last().click();
  await tap(page.getByText('暂不同意（不填写姓名和手机号）'));
  await page.getByText('后来同意，您好！').waitFor();

  await openRoute(page, host.url, `/packages/classes/detail?id=${published.body.data.id}`);
  await taroInput(page, 'f_parent_name').fill('王其其格');
  await taroInput(page, 'f_phone').fill('13912345670');
  await tap(page.getByText('提交报名'));
  // Refused by the server, nothing stored: the notice opens.
  await page.getByText('同意并继续').waitFor();
  await screenshot(page, 'foundation-10-consent-before-registration');
  const token = await host.login('e2e-later-consent');
  expect((await host.post('class.myRegistrations', {}, token)).body.data.registrations).toEqual([]);

  await tap(page.getByText('同意并继续'));
  await page.getByText('同意并继续').waitFor({ state: 'hidden' });
  await tap(page.getByText('提交报名'));
  await page.getByText('已确认').first().waitFor();
  const regs = (await host.post('class.myRegistrations', {}, token)).body.data.registrations;
  expect(regs).toHaveLength(1);
  expect(regs[0].answers).toMatchObject({ parent_name: '王其其格', phone: '13912345670' });
});
