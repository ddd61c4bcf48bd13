import ExcelJS from 'exceljs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { devLogin, openRoute, phonePage, screenshot as shoot, startH5Journey, stopH5Journey, tap, taroInput } from '../support/browser';
import { pick } from './admin-support';
import type { TestHost } from '../support/http';

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

test('an admin imports a bank from an .xlsx file and sees the report', async () => {
  // The fixture, generated here with exceljs: 2 good rows, 2 bad ones.
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('题库');
  ws.addRow(['题型', '题干', '选项A', '选项B', '选项C', '选项D', '选项E', '答案', '解析']);
  ws.addRow(['单选', '世界人口日是哪天？', '5月29日', '7月11日', '12月1日', '', '', 'B', '7月11日是世界人口日。']);
  ws.addRow(['判断', '孕前应补充叶酸。', '', '', '', '', '', '正确', '孕前3个月起补充叶酸。']);
  ws.addRow(['多选', '只有一个答案的多选', '甲', '乙', '丙', '', '', 'A', '解析']);
  ws.addRow(['单选', '没有解析', '甲', '乙', '', '', '', 'A', '']);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'quiz-xlsx-')), '呼市题库.xlsx');
  fs.writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));

  const page = await phonePage(browser);
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await devLogin(page, host.url, 'dev-admin-hhht', '呼和浩特管理员');
  await page.locator('.taro-tabbar__tabbar').getByText('我的').click();
  await page.getByText('协会管理').first().click();
  await page.getByText('知识竞赛与题库 ›').click();
  await page.getByText('7·11 世界人口日知识竞赛（呼和浩特）').waitFor();
  await screenshot(page, 'quiz-admin-01-list');
  await page.getByText('导入题库', { exact: true }).click();

  await taroInput(page, 'bankTitle').fill('呼市题库');
  const chooser = page.waitForEvent('filechooser');
  await page.getByText('选择文件并导入').click();
  await (await chooser).setFiles(file);

  await page.getByText('导入结果').waitFor();
  await page.getByText('成功导入 2 题').waitFor();
  await page.getByText('失败 2 行').waitFor();
  await page.getByText('第 4 行：多选题至少要有两个正确答案').waitFor();
  await page.getByText('第 5 行：缺少解析').waitFor();
  await screenshot(page, 'quiz-admin-02-report');

  // The new bank is there for campaigns.
  const token = await host.login('dev-admin-hhht');
  const list = await host.post('quiz.admin.campaigns', {}, token);
  expect(list.body.data.banks.find((b: any) => b.title === '呼市题库')).toMatchObject({ questionCount: 2, editable: true });
  expect(pageErrors).toEqual([]);
});

test('an admin creates a campaign through the form, choosing its organisation with the picker inside their own subtree', async () => {
  const page = await phonePage(browser);
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  // Consented to the privacy notice in the test above.
  await devLogin(page, host.url, 'dev-admin-hhht', '呼和浩特管理员', { privacyNotice: false });
  await openRoute(page, host.url, '/packages/admin/quiz/edit');
  await taroInput(page, 'title').fill('赛罕区家庭健康知识竞赛');
  // My own org is the default; 更换 opens the drill-down at it, with nothing above it.
  await page.locator('.quiz-org-name').getByText('呼和浩特市计生协').waitFor();
  await tap(page.getByText('更换 ›'));
  const picker = page.locator('.org-picker');
  await picker.getByText('赛罕区计生协').waitFor();
  expect(await picker.getByText('全部', { exact: true }).count()).toBe(0);
  expect(await picker.getByText('内蒙古自治区计划生育协会').count()).toBe(0);
  expect(await picker.getByText('赤峰市计生协').count()).toBe(0);
  await screenshot(page, 'quiz-admin-03-org-picker');
  await tap(picker.getByText('赛罕区计生协'));
  await picker.getByText('选择“赛罕区计生协”').waitFor();
  await picker.getByText('昭乌达路街道计生协').waitFor();
  await tap(picker.getByText('选择“赛罕区计生协”'));

  // Back on the form, with what was typed before still there.
  await page.locator('.quiz-org-name').getByText('赛罕区计生协').waitFor();
  expect(await taroInput(page, 'title').inputValue()).toBe('赛罕区家庭健康知识竞赛');
  // Dates come from Taro's date Pickers (the organiser forms no longer take typed dates).
  await pick(page, '[data-name="opensAt-date"]', '2026-11-01');
  await pick(page, '[data-name="closesAt-date"]', '2027-12-31');
  await page.getByText('2027年12月31日 周五').waitFor();
  await taroInput(page, 'draw-family-health').fill('5');
  await screenshot(page, 'quiz-admin-04-form');
  await tap(page.locator('.quiz-submit').getByText('保存'));

  const token = await host.login('dev-admin-hhht');
  let created: any;
  for (let i = 0; i < 50 && !created; i++) {
    await page.waitForTimeout(200);
    created = (await host.post('quiz.admin.campaigns', {}, token)).body.data.campaigns.find((c: any) => c.title === '赛罕区家庭健康知识竞赛');
  }
  expect(created).toMatchObject({ orgId: '150105', orgName: '赛罕区计生协', draws: [{ bankId: 'family-health', count: 5 }], passMark: 60 });
  expect(pageErrors).toEqual([]);
});
