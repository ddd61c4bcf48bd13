import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { startH5Journey, stopH5Journey } from '../support/browser';
import type { TestHost } from '../support/http';
import { draftOf, payloadOf } from '../../src/packages/admin/classes/form';
import { call, member, signedInContext } from './admin-support';

/**
 * axe-core over every organiser page (H5, phone size, signed in as the Inner Mongolia admin):
 * no serious or critical violation. Each page is audited once its content has loaded.
 */
let host: TestHost;
let browser: Browser;
let adminToken: string;
const ids: Record<string, number> = {};
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

beforeAll(async () => {
  ({ host, browser } = await startH5Journey());
  adminToken = await host.login('dev-admin-nm', '自治区管理员');
  const now = Date.now();
  const ev = await call(host, adminToken, 'event.admin.publish', {
    orgId: '150000',
    kind: 'event',
    type: '会员活动日',
    title: '无障碍检查用活动',
    audience: 'all',
    body: '## 活动安排\n- 包饺子\n- 猜灯谜',
    startsAt: new Date(now - 600_000).toISOString(),
    endsAt: new Date(now + 3 * 3600_000).toISOString(),
    venue: { name: '新华广场' },
    points: 10,
  });
  ids.event = ev.id;
  const m = await member(host, 'a11y-member', '萨日朗');
  const code = await call(host, adminToken, 'event.admin.code', { id: ev.id });
  await call(host, m, 'event.checkin', { eventId: ev.id, code: code.code });
  const draft = { ...draftOf(null, new Date()), title: '无障碍检查用课堂', teacher: '赵老师', venueName: '培训室' };
  const { payload } = payloadOf(draft);
  ids.class = (await call(host, adminToken, 'class.admin.publish', { orgId: '150000', ...payload })).id;
  ids.campaign = (await call(host, adminToken, 'quiz.admin.campaigns', {})).campaigns[0]?.id ?? 0;
});
afterAll(() => stopH5Journey({ host, browser }));

/** Route, and text that shows the page has its content (not a spinner). */
const PAGES: [string, () => string, string][] = [
  ['协会管理', () => '/packages/admin/index', '活动通知与签到'],
  ['活动管理', () => '/packages/admin/events/index', '无障碍检查用活动'],
  ['发布活动', () => '/packages/admin/events/edit', '发布单位'],
  ['编辑活动', () => `/packages/admin/events/edit?id=${ids.event}`, '预览（会员看到的样子）'],
  ['签到统计', () => `/packages/admin/events/stats?id=${ids.event}`, '萨**'],
  ['签到大屏', () => `/packages/admin/events/screen?id=${ids.event}`, '萨**'],
  ['课堂管理', () => '/packages/admin/classes/index', '无障碍检查用课堂'],
  ['发布课堂', () => '/packages/admin/classes/edit', '课程信息'],
  ['编辑课堂', () => `/packages/admin/classes/edit?id=${ids.class}`, '保存修改'],
  ['报名名单', () => `/packages/admin/classes/roster?id=${ids.class}`, '无障碍检查用课堂'],
  ['竞赛管理', () => '/packages/admin/quiz/index', '题库'],
  ['编辑竞赛', () => `/packages/admin/quiz/edit?id=${ids.campaign}`, '抽题'],
  ['新建竞赛', () => '/packages/admin/quiz/edit', '抽题'],
  ['导入题库', () => '/packages/admin/quiz/import', '下载模板 .xlsx'],
  ['竞赛统计', () => `/packages/admin/quiz/stats?id=${ids.campaign}`, '导出'],
  ['会刊管理', () => '/packages/admin/magazine/index', '新建一期'],
  ['编辑一期', () => '/packages/admin/magazine/issue?id=1', '本期标题'],
  ['新建文章', () => '/packages/admin/magazine/article?issueId=1', '目录顺序（选填，1 为第一篇）'],
];

async function audit(page: Page) {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            c: unknown,
            o: unknown,
          ) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[]; failureSummary: string }[] }[] }>;
        };
      }
    ).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map(
        (v) =>
          `${v.impact} ${v.id}: ${v.help}\n${v.nodes
            .slice(0, 5)
            .map((n) => `    ${n.target.join(' ')} — ${n.failureSummary.split('\n').slice(0, 2).join(' ')}`)
            .join('\n')}`,
      );
  });
}

test.each(PAGES)('%s has no serious or critical accessibility violation', async (_name, route, ready) => {
  const context = await signedInContext(browser, adminToken);
  const page = await context.newPage();
  try {
    await page.goto(`${host.url}/#${route()}`);
    await page.getByText(ready).first().waitFor({ timeout: 15000 });
    await page.waitForTimeout(400); // the page's slide-in: axe reads colours of the settled page
    expect(await audit(page)).toEqual([]);
  } finally {
    await context.close();
  }
});
