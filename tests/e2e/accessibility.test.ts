import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { openRoute, screenshot, startH5Journey, stopH5Journey } from '../support/browser';
import type { TestHost } from '../support/http';
import { classPayload } from '../support/classes';

/**
 * Issue 14: every member page, in the standard mode and in 长辈模式, on a 390×844 phone.
 * 1. axe-core finds no serious or critical violation.
 * 2. Measured in the browser: no text below the mode's floor, body text at its size, every text at 4.5:1
 *    against what is behind it (gradients by their worst stop), and the main controls at least the mode's target.
 */

type Mode = 'standard' | 'elder';
const FLOOR: Record<Mode, { body: number; secondary: number; target: number }> = {
  standard: { body: 16, secondary: 16, target: 44 },
  elder: { body: 20, secondary: 17, target: 48 },
};
const AXE_PATH = path.join(path.dirname(require.resolve('axe-core')), 'axe.min.js');

let host: TestHost;
let browser: Browser;
let token: string;
const ids = { campaign: 0, attempt: 0, classId: 0, event: 0, mappedEvent: 0, issue: 0, article: 0 };

interface MemberPage {
  name: string;
  route: () => string;
  /** Text that shows once the page has its content. */
  ready: string | RegExp;
  /** The page's main controls: each must be at least the mode's tap target. */
  controls: string[];
  /** Elements holding the page's body text: each at least the mode's body size. */
  body?: string[];
  /** Done on the page before it is checked (e.g. turn on the reader's night mode). */
  prepare?: (page: Page) => Promise<void>;
}

const PAGES: MemberPage[] = [
  {
    name: 'home',
    route: () => '/pages/home/index',
    ready: /您好！/,
    controls: ['.home__all-events', '.weui-tabbar__item'],
    body: ['.home__event-title', '.home__countdown-label'],
  },
  {
    name: 'mine',
    route: () => '/pages/mine/index',
    ready: '长辈模式',
    controls: ['.mine__elder', '.mine__item', '.profile-card__edit', '.weui-tabbar__item'],
    body: ['.mine__label'],
  },
  { name: 'mine-edit', route: () => '/pages/mine/edit', ready: '所在单位', controls: ['.field-input', '.btn-primary'] },
  {
    name: 'mine-pick-org',
    route: () => '/pages/mine/edit?pickOrg=1',
    ready: '全部',
    controls: ['.org-picker__item', '.org-picker__crumb', '.org-picker__input', '.titlebar__btn'],
  },
  { name: 'mine-data', route: () => '/pages/mine/data', ready: '基本信息', controls: ['.field-input', '.titlebar__btn'], body: ['.state-title, .card-title'] },
  {
    name: 'privacy',
    route: () => '/pages/privacy/index',
    ready: '同意并继续',
    controls: ['.btn-primary', '.btn-plain', '.titlebar__btn'],
    body: ['.privacy__what'],
  },
  { name: 'quiz-list', route: () => '/packages/quiz/index', ready: /剩余次数/, controls: ['.quiz-btn', '.titlebar__btn'], body: ['.quiz-campaign__stats'] },
  { name: 'quiz-mine', route: () => '/packages/quiz/index?mine=1', ready: /我的最好成绩/, controls: ['.quiz-btn'] },
  {
    name: 'quiz-answer',
    route: () => `/packages/quiz/answer?id=${ids.campaign}`,
    ready: /第 1 \/ \d+ 题/,
    controls: ['.qcard__option', '.qcard__btn', '.quiz-submit'],
    body: ['.qcard__text'],
  },
  { name: 'quiz-result', route: () => `/packages/quiz/result?attemptId=${ids.attempt}`, ready: '排行榜', controls: ['.rcard__btn'], body: ['.rcard__title'] },
  { name: 'quiz-leaderboard', route: () => `/packages/quiz/leaderboard?id=${ids.campaign}`, ready: /我的排名/, controls: ['.quiz-tab'] },
  { name: 'classes', route: () => '/packages/classes/index', ready: '全部主题', controls: ['.chip', '.classes-tab'] },
  { name: 'class-detail', route: () => `/packages/classes/detail?id=${ids.classId}`, ready: '我的报名', controls: ['.btn-primary', '.titlebar__btn'] },
  { name: 'classes-mine', route: () => '/packages/classes/mine', ready: /入场时出示此码签到/, controls: ['.btn-plain', '.classes-tab'] },
  { name: 'classes-messages', route: () => '/packages/classes/messages', ready: '暂时没有消息', controls: ['.classes-tab'] },
  { name: 'events', route: () => '/packages/events/index', ready: '往期活动', controls: ['.events__tab', '.events__chip', '.events__mine-link'] },
  {
    name: 'event-detail',
    route: () => `/packages/events/detail/index?id=${ids.mappedEvent}`,
    ready: '查看地图 ›',
    controls: ['.event-detail__map', '.event-detail__intend', '.event-detail__share'],
  },
  { name: 'events-mine', route: () => '/packages/events/mine/index', ready: '还没有签到记录', controls: ['.titlebar__btn'] },
  { name: 'magazine', route: () => '/packages/magazine/index', ready: '最新一期', controls: ['.mz-shelf__search', '.mz-shelf__tool'] },
  { name: 'magazine-issue', route: () => `/packages/magazine/issue?id=${ids.issue}`, ready: '本期导读', controls: ['.mz-toc-item'] },
  {
    name: 'magazine-article',
    route: () => `/packages/magazine/article?id=${ids.article}`,
    ready: '字号',
    controls: ['.mz-fs__btn', '.mz-article__btn'],
    body: ['.mz-article__body'],
    prepare: (page) => readerNight(page, false),
  },
  {
    name: 'magazine-article-night',
    route: () => `/packages/magazine/article?id=${ids.article}`,
    ready: '字号',
    controls: ['.mz-fs__btn', '.mz-article__btn', '.mz-article__nav .tap-link'],
    prepare: (page) => readerNight(page, true),
  },
  { name: 'magazine-search', route: () => '/packages/magazine/search', ready: '搜索', controls: ['.mz-search__btn', '.field-input'] },
  {
    name: 'magazine-mine',
    route: () => '/packages/magazine/mine',
    ready: '每周阅读时间',
    controls: ['.titlebar__btn'],
    body: ['.mz-mine__title, .card-title'],
  },
  { name: 'magazine-favorites', route: () => '/packages/magazine/list?kind=favorites', ready: '还没有收藏的文章', controls: ['.titlebar__btn'] },
];

/** The reader's night mode, which the server remembers per member: set it to what the check needs. */
async function readerNight(page: Page, on: boolean): Promise<void> {
  if ((await page.locator('.mz-article--night').count()) > 0 !== on) await page.locator('.mz-fs__night').dispatchEvent('click');
  await page
    .locator(on ? '.mz-article--night' : '.mz-article:not(.mz-article--night)')
    .first()
    .waitFor();
}

/** Asks until the answer is the expected one (a save travels after the tap). */
async function eventually<T>(read: () => Promise<T>, expected: T, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  let last = await read();
  while (last !== expected && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 100));
    last = await read();
  }
  expect(last).toBe(expected);
}

beforeAll(async () => {
  ({ host, browser } = await startH5Journey());
  token = await host.login('a11y-member', '其其格');
  await host.post('member.consent', { version: '2026-11' }, token);
  await host.post('member.update', { orgId: '150426', realName: '王其其格', phone: '13900001111' }, token);

  // A finished quiz attempt, for the result page and 我的成绩.
  const campaigns = (await host.post('quiz.list', {}, token)).body.data.campaigns as { id: number; status: string; eligible: boolean }[];
  ids.campaign = campaigns.find((c) => c.status === 'open' && c.eligible)!.id;
  const attempt = (await host.post('quiz.start', { campaignId: ids.campaign }, token)).body.data;
  const submitted = await host.post(
    'quiz.submit',
    { attemptId: attempt.attemptId, answers: attempt.questions.map((q: { id: string }) => ({ questionId: q.id, choice: [0] })) },
    token,
  );
  expect(submitted.status).toBe(200);
  ids.attempt = submitted.body.data.attemptId;

  // A class with a confirmed seat (the ticket page).
  const admin = await host.login('dev-admin-hhht');
  const now = Date.now();
  const cls = await host.post(
    'class.admin.publish',
    classPayload(now, {
      title: '长辈模式测试课堂',
      teacher: '李老师',
      description: '亲子沟通的三个小办法',
      venue: { name: '新城区向日葵亲子小屋', address: '新华大街 1 号', lat: null, lng: null },
      capacity: 5,
    }),
    admin,
  );
  expect(cls.status).toBe(200);
  ids.classId = cls.body.data.id;
  expect((await host.post('class.register', { classId: ids.classId, answers: {} }, token)).status).toBe(200);

  // An event with a map position, and an issue of 《人生》 with an article.
  const events = (await host.post('event.list', { when: 'upcoming', scope: 'all', limit: 50 }, token)).body.data.items as { id: number; kind: string }[];
  for (const e of events.filter((x) => x.kind === 'event')) {
    const full = (await host.post('event.get', { id: e.id }, token)).body.data;
    if (full.venue?.lat !== null && full.venue?.lat !== undefined) {
      ids.mappedEvent = e.id;
      break;
    }
  }
  expect(ids.mappedEvent).toBeGreaterThan(0);
  ids.issue = (await host.post('magazine.shelf', {}, token)).body.data.issues[0].id;
  const issue = (await host.post('magazine.issue', { issueId: ids.issue }, token)).body.data;
  ids.article = issue.columns[0].articles[0].id;
}, 120_000);
afterAll(() => stopH5Journey({ host, browser }));

/** The phone of tests/support/browser.ts phonePage, letting axe-core in past the host's Content-Security-Policy. */
async function phonePage(b: Browser): Promise<Page> {
  const context = await b.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    locale: 'zh-CN',
    isMobile: true,
    hasTouch: true,
    bypassCSP: true,
  });
  return context.newPage();
}

/** A phone page signed in as the test member, with 长辈模式 as the server has it for them. */
async function memberPage(mode: Mode): Promise<Page> {
  expect((await host.post('member.update', { elderMode: mode === 'elder' }, token)).body.data.elderMode).toBe(mode === 'elder');
  const page = await phonePage(browser);
  await page.goto(host.url);
  await page.evaluate(
    ([t, elder]) => {
      // Taro's storage format. The device copy of the mode only decides the first paint; member.me confirms it.
      localStorage.setItem('session.token', JSON.stringify({ data: t }));
      localStorage.setItem('ui.elderMode', JSON.stringify({ data: elder ? '1' : '' }));
      localStorage.setItem('privacy.noticeSeen', JSON.stringify({ data: '1' }));
    },
    [token, mode === 'elder'] as const,
  );
  return page;
}

async function open(page: Page, p: MemberPage, mode: Mode): Promise<void> {
  await openRoute(page, host.url, p.route());
  await page.getByText(p.ready, { exact: true }).first().waitFor({ timeout: 20_000 });
  await page.locator(`.screen.${mode}`).first().waitFor();
  if (p.prepare) await p.prepare(page);
  // Let transitions finish so colours and boxes are final.
  await page.waitForTimeout(400);
}

async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE_PATH });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            ctx: unknown,
            opts: unknown,
          ) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[]; failureSummary: string }[] }[] }>;
        };
      }
    ).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.slice(0, 3).map((n) => `${v.impact} ${v.id}: ${n.target.join(' ')} — ${n.failureSummary.split('\n').slice(1, 2).join('').trim()}`));
}

interface Measured {
  smallestText: { size: number; text: string } | null;
  body: { selector: string; size: number }[];
  lowContrast: { text: string; ratio: number; color: string; ground: string }[];
  targets: { selector: string; text: string; width: number; height: number }[];
}

/** Everything measured inside the page, from computed styles and boxes. */
function measure(page: Page, controls: string[], body: string[]): Promise<Measured> {
  return page.evaluate(
    ([controls, body]) => {
      const parse = (c: string): [number, number, number, number] | null => {
        const m = /rgba?\(([^)]+)\)/.exec(c);
        if (!m) return null;
        const p = m[1].split(',').map((x) => parseFloat(x));
        return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
      };
      const lum = ([r, g, b]: number[]) => {
        const f = (v: number) => {
          const s = v / 255;
          return s <= 0.03928 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
        };
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
      };
      const ratio = (a: number[], b: number[]) => {
        const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
        return (x + 0.05) / (y + 0.05);
      };
      const blend = (top: number[], under: number[]) => [0, 1, 2].map((i) => top[i] * top[3] + under[i] * (1 - top[3]));
      /** The colours behind an element: its first ancestor with a solid ground or a gradient (every stop). */
      const grounds = (el: Element): number[][] => {
        const layers: number[][] = [];
        for (let e: Element | null = el; e; e = e.parentElement) {
          const cs = getComputedStyle(e);
          const stops = (cs.backgroundImage.match(/rgba?\([^)]+\)/g) ?? []).map((s) => parse(s)!);
          if (cs.backgroundImage.includes('gradient') && stops.length) return stops.map((s) => layers.reduceRight((acc, l) => blend(l, acc), s.slice(0, 3)));
          const bg = parse(cs.backgroundColor);
          if (bg && bg[3] > 0) {
            if (bg[3] >= 1) return [layers.reduceRight((acc, l) => blend(l, acc), bg.slice(0, 3))];
            layers.push(bg);
          }
        }
        return [layers.reduceRight((acc, l) => blend(l, acc), [255, 255, 255])];
      };
      const visible = (el: Element) => {
        const r = el.getBoundingClientRect();
        const cs = getComputedStyle(el);
        return r.width > 0 && r.height > 0 && cs.visibility !== 'hidden' && cs.opacity !== '0';
      };
      const out: Measured = { smallestText: null, body: [], lowContrast: [], targets: [] };
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const text = (n.textContent ?? '').trim();
        const el = n.parentElement;
        if (!text || !el || !visible(el) || el.closest('script, style, .taro__toast, [aria-hidden="true"], .mz-cover')) continue;
        const cs = getComputedStyle(el);
        const size = parseFloat(cs.fontSize);
        if (!out.smallestText || size < out.smallestText.size) out.smallestText = { size, text: text.slice(0, 20) };
        const fg = parse(cs.color)!;
        for (const g of grounds(el)) {
          const r = ratio(fg[3] < 1 ? blend(fg, g) : fg.slice(0, 3), g);
          if (r < 4.5) {
            out.lowContrast.push({ text: text.slice(0, 20), ratio: Math.round(r * 100) / 100, color: cs.color, ground: `rgb(${g.map(Math.round).join(',')})` });
            break;
          }
        }
      }
      for (const sel of body) {
        const el = Array.from(document.querySelectorAll(sel)).find(visible);
        if (el) out.body.push({ selector: sel, size: parseFloat(getComputedStyle(el).fontSize) });
        else out.body.push({ selector: sel, size: -1 });
      }
      for (const sel of controls) {
        const els = Array.from(document.querySelectorAll(sel)).filter(visible);
        if (els.length === 0) out.targets.push({ selector: sel, text: '(not found)', width: -1, height: -1 });
        for (const el of els) {
          const r = el.getBoundingClientRect();
          out.targets.push({
            selector: sel,
            text: (el.textContent ?? '').trim().slice(0, 12),
            width: Math.round(r.width * 10) / 10,
            height: Math.round(r.height * 10) / 10,
          });
        }
      }
      return out;
    },
    [controls, body] as const,
  );
}

describe.each<Mode>(['standard', 'elder'])('%s mode', (mode) => {
  const floor = FLOOR[mode];

  test(`every member page: axe finds nothing serious or critical; type, contrast and targets meet ${mode === 'elder' ? '20/17 px, 4.5:1, 48 px' : '16 px, 4.5:1, 44 px'}`, async () => {
    const page = await memberPage(mode);
    const problems: string[] = [];
    for (const p of PAGES) {
      await open(page, p, mode);
      await screenshot(page, `a11y-${mode}-${p.name}`);
      for (const v of await axeViolations(page)) problems.push(`${p.name}: ${v}`);
      const m = await measure(page, p.controls, p.body ?? []);
      if (m.smallestText && m.smallestText.size < floor.secondary - 0.01)
        problems.push(`${p.name}: text "${m.smallestText.text}" is ${m.smallestText.size}px (< ${floor.secondary})`);
      for (const b of m.body) if (b.size < floor.body - 0.01) problems.push(`${p.name}: body text ${b.selector} is ${b.size}px (< ${floor.body})`);
      for (const c of m.lowContrast.slice(0, 3)) problems.push(`${p.name}: "${c.text}" ${c.color} on ${c.ground} is ${c.ratio}:1`);
      for (const t of m.targets)
        if (t.width < floor.target || t.height < floor.target) problems.push(`${p.name}: ${t.selector} "${t.text}" is ${t.width}×${t.height}`);
    }
    expect(problems).toEqual([]);
  }, 600_000);
});

test('the 长辈模式 switch on 我的 is remembered on the server and restyles every screen at once', async () => {
  const page = await memberPage('standard');
  await openRoute(page, host.url, '/pages/mine/index');
  const sw = page.locator('.mine__elder');
  await sw.waitFor();
  expect(await sw.getAttribute('aria-checked')).toBe('false');
  const before = await page
    .locator('.mine__label')
    .first()
    .evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
  await sw.dispatchEvent('click');
  await page.locator('.screen.elder').first().waitFor();
  await eventually(async () => (await host.post('member.me', {}, token)).body.data.elderMode, true);
  const after = await page
    .locator('.mine__label')
    .first()
    .evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
  expect(before).toBeGreaterThanOrEqual(16);
  expect(after).toBeGreaterThanOrEqual(20);
  // The H5 tab bar (outside the page) follows too.
  expect(
    await page
      .locator('.weui-tabbar__label')
      .first()
      .evaluate((e) => parseFloat(getComputedStyle(e).fontSize)),
  ).toBeGreaterThanOrEqual(17);
  await screenshot(page, 'a11y-switch-on');

  // Another device: the server's answer wins over the device's own copy.
  const other = await phonePage(browser);
  await other.goto(host.url);
  await other.evaluate((t) => localStorage.setItem('session.token', JSON.stringify({ data: t })), token);
  await openRoute(other, host.url, '/pages/home/index');
  await other.locator('.screen.elder').first().waitFor();
  await other.close();

  await sw.dispatchEvent('click');
  await page.locator('.screen.standard').first().waitFor();
  await eventually(async () => (await host.post('member.me', {}, token)).body.data.elderMode, false);
});
