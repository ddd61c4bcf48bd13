import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { sqlOf, startTestApp, tempDir, testStoreChoice, type TestApp } from '../support/app';
import { startHttpHost, type TestHost } from '../support/http';
import fc from 'fast-check';
import { markdownToNodes, storedArticle } from '../../cloud/features/magazine/render';
import { audienceOf, readingAward } from '../../cloud/features/magazine/rules';
import { readIssueFolder } from '../../cloud/features/magazine/importer';
import { REPO_ROOT, createApp, type StoreChoice } from '../../cloud/app';
import { pngImage } from '../support/images';

const CJK = /[\u4e00-\u9fa5]/;

let clock = new Date('2026-11-23T02:00:00Z');
const tick = (s: number) => (clock = new Date(clock.getTime() + s * 1000));
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ now: () => clock });
});
afterAll(() => app.close());

async function firstArticle(openid = 'reader-a') {
  const shelf = await app.as(openid).call('magazine.shelf', {});
  const issue = await app.as(openid).call('magazine.issue', { issueId: shelf.issues[0].id });
  return { shelf, issue, article: issue.columns[0].articles[0] };
}

describe('content', () => {
  test('shelf lists the three sample issues newest first; the issue TOC is grouped by column', async () => {
    const { shelf, issue } = await firstArticle();
    expect(shelf.issues.map((i) => [i.year, i.number])).toEqual([
      [2026, 3],
      [2026, 2],
      [2026, 1],
    ]);
    expect(shelf.issues[0]).toMatchObject({ title: '金秋开学 全家同行（示例）', cover: expect.any(String), articleCount: 5 });
    const cols = issue.columns.map((c) => c.column);
    expect(new Set(cols).size).toBe(cols.length);
    expect(cols).toEqual(expect.arrayContaining(['科学育儿', '家庭健康', '新型婚育文化', '青春健康', '协会动态']));
    const a = issue.columns[0].articles[0];
    expect(a).toMatchObject({ title: expect.any(String), author: expect.any(String), summary: expect.any(String), status: 'unread' });
    expect(a.readingMinutes).toBeGreaterThanOrEqual(2);
    // the seeds: ≥ 3 issues of ≥ 4 articles on the four themes, every one marked as sample content
    const seeded = await app.sql.rows<{ issue: string; col: string; sample: number; body: string }>(
      `SELECT i.title AS issue, a.column_name AS col, a.sample, a.body_md AS body FROM magazine_articles a JOIN magazine_issues i ON i.id = a.issue_id WHERE i.year = 2026 AND i.number <= 3`,
    );
    expect(new Set(seeded.map((r) => r.issue)).size).toBe(3);
    expect(seeded.length).toBeGreaterThanOrEqual(12);
    expect(seeded.every((r) => Number(r.sample) === 1 && r.issue.endsWith('（示例）') && Array.from(r.body).length > 600)).toBe(true);
    expect(new Set(seeded.map((r) => r.col))).toEqual(new Set(['科学育儿', '家庭健康', '新型婚育文化', '青春健康', '协会动态']));
  });

  test('article body is rendered to safe nodes with image placeholders', async () => {
    const { article } = await firstArticle();
    const r = await app.as('reader-a').call('magazine.article', { articleId: article.id });
    const json = JSON.stringify(r.article.nodes);
    expect(json).toContain('"name":"h2"');
    expect(json).toContain('mz-figure');
    expect(json).not.toContain('cover:');
    expect(r.settings).toEqual({ fontSize: 'standard', night: false });
    expect(r.progress).toBeNull();
    expect(r.article.sample).toBe(true);
  });

  test('HTML in the Markdown source stays text', () => {
    const nodes = markdownToNodes('<script>alert(1)</script>\n\n正文 <b onclick="x">粗</b> ![图](cover:baby) ![x](https://evil.example/a.png)');
    const json = JSON.stringify(nodes);
    expect(json).not.toMatch(/"name":"(script|b|img)"/);
    expect(json).toContain('<script>alert(1)</script>');
    expect(json).not.toContain('evil.example');
  });

  test('the importer rejects a file without front matter, with a readable message', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'issue.json'), JSON.stringify({ year: 2027, number: 1, title: 'T', publishAt: '2027-01-01T00:00:00Z', cover: 'family' }));
    fs.writeFileSync(path.join(dir, '01-x.md'), '没有头');
    expect(() => readIssueFolder(dir, '150000')).toThrow(/YAML/);
  });
});

describe('scheduled publishing', () => {
  test('an issue is invisible until its publish time, then appears', async () => {
    const dir = tempDir();
    fs.writeFileSync(
      path.join(dir, 'issue.json'),
      JSON.stringify({ year: 2026, number: 4, title: '冬至特刊（示例）', publishAt: '2026-12-01T00:00:00+08:00', cover: 'family' }),
    );
    fs.writeFileSync(
      path.join(dir, '01-winter-solstice.md'),
      '---\ntitle: 冬至饺子\nauthor: 编辑部\ncolumn: 家庭健康\nsummary: 示例\nsample: true\n---\n\n冬至吃饺子，雪花飘飘暖洋洋。',
    );
    const r = await app.store.magazine.importIssue(readIssueFolder(dir, '150000'), clock);
    const shelf = await app.as('reader-sched').call('magazine.shelf', {});
    expect(shelf.issues.map((i) => i.id)).not.toContain(r.issueId);
    expect((await app.as('reader-sched').raw('magazine.issue', { issueId: r.issueId })).status).toBe(404);
    const s = await app.as('reader-sched').call('magazine.search', { q: '雪花飘飘' });
    expect(s.hits).toHaveLength(0);

    const saved = clock;
    clock = new Date('2026-11-30T16:00:01Z'); // 2026-12-01 00:00:01 China time
    try {
      const later = await app.as('reader-sched').call('magazine.shelf', {});
      expect(later.issues[0].id).toBe(r.issueId);
      expect((await app.as('reader-sched').call('magazine.search', { q: '雪花飘飘' })).hits).toHaveLength(1);
    } finally {
      clock = saved;
    }
  });

  test('admins move publish times only within their subtree', async () => {
    const list = await app.as('dev-admin-nm').call('magazine.admin.issues', {});
    expect(list.issues.length).toBeGreaterThanOrEqual(3);
    const target = list.issues.find((i) => i.number === 1)!;
    expect(target.published).toBe(true);
    const denied = await app.as('dev-admin-hhht').raw('magazine.admin.publish', { issueId: target.id, publishAt: '2030-01-01T00:00:00Z' });
    expect(denied.status).toBe(403);
    expect((await app.as('reader-a').raw('magazine.admin.issues', {})).status).toBe(403);
    const moved = await app.as('dev-admin-nm').call('magazine.admin.publish', { issueId: target.id, publishAt: '2030-01-01T00:00:00Z' });
    expect(moved.published).toBe(false);
    expect((await app.as('reader-a').call('magazine.shelf', {})).issues.map((i) => i.id)).not.toContain(target.id);
    await app.as('dev-admin-nm').call('magazine.admin.publish', { issueId: target.id, publishAt: '2026-01-15T00:00:00+08:00' });
    expect((await app.as('reader-a').call('magazine.shelf', {})).issues.map((i) => i.id)).toContain(target.id);
  });
});

describe('publishing in the admin subPackage (org-scoped)', () => {
  const HHHT = 'dev-admin-hhht';
  const issueIn = (over: Record<string, unknown> = {}) => ({
    orgId: '150100',
    year: 2026,
    number: 7,
    title: '青城书香（示例）',
    cover: 'reading',
    intro: '呼和浩特市计生协自编的一期。',
    publishAt: '2026-12-10T08:00:00+08:00',
    ...over,
  });
  const articleIn = (issueId: number, over: Record<string, unknown> = {}) => ({
    issueId,
    title: '社区里的育儿角',
    author: '青城通讯员',
    column: '科学育儿',
    summary: '一个社区育儿角的半年。',
    bodyMd: '## 缘起\n\n社区里的年轻父母常常聚在楼下聊带娃的烦恼。\n\n- 每周三上午开放\n- 有志愿者值守',
    ...over,
  });

  beforeAll(async () => {
    await app.as('reader-hhht').call('member.update', { orgId: '150102' });
    await app.as('reader-chifeng').call('member.update', { orgId: '150400' });
  });

  test('an admin creates an issue for their org, writes, edits, reorders and deletes articles with an uploaded picture; readers of that subtree see it at its time', async () => {
    const up = await app.as(HHHT).call('media.admin.upload', { bytes: pngImage(40, 30, 7) } as never);
    const url = (up as { url: string }).url;
    const created = await app.as(HHHT).call('magazine.admin.saveIssue', issueIn({ cover: url }));
    expect(created).toMatchObject({ orgId: '150100', orgName: '呼和浩特市计生协', published: false, articleCount: 0, cover: url });
    const a1 = await app
      .as(HHHT)
      .call('magazine.admin.saveArticle', articleIn(created.id, { bodyMd: `正文第一段。\n\n![育儿角一角](${url})\n\n## 以后\n\n继续办下去。` }));
    const a2 = await app.as(HHHT).call('magazine.admin.saveArticle', articleIn(created.id, { title: '青城家庭健康讲座', column: '家庭健康' }));
    const a3 = await app.as(HHHT).call('magazine.admin.saveArticle', articleIn(created.id, { title: '要删掉的稿子' }));
    expect([a1.seq, a2.seq, a3.seq]).toEqual([1, 2, 3]);
    const edited = await app
      .as(HHHT)
      .call('magazine.admin.saveArticle', articleIn(created.id, { articleId: a2.id, seq: 0 + 1, title: '青城家庭健康讲座（修订）', column: '家庭健康' }));
    expect(edited).toMatchObject({ id: a2.id, title: '青城家庭健康讲座（修订）', seq: 1 });
    expect(await app.as(HHHT).call('magazine.admin.deleteArticle', { articleId: a3.id })).toEqual({ deleted: true });
    const detail = await app.as(HHHT).call('magazine.admin.issue', { issueId: created.id });
    expect(detail.articles.map((a) => a.title)).toEqual(['社区里的育儿角', '青城家庭健康讲座（修订）']);
    expect(detail.articles[0].bodyMd).toContain(url);

    // scheduled: nobody sees it before its time
    expect((await app.as('reader-hhht').call('magazine.shelf', {})).issues.map((i) => i.id)).not.toContain(created.id);
    const saved = clock;
    clock = new Date('2026-12-10T00:00:01Z');
    try {
      const shelf = await app.as('reader-hhht').call('magazine.shelf', {});
      expect(shelf.issues[0]).toMatchObject({ id: created.id, cover: url, articleCount: 2 });
      // only the publisher's subtree: a reader in 赤峰 does not get 呼和浩特's issue
      expect((await app.as('reader-chifeng').call('magazine.shelf', {})).issues.map((i) => i.id)).not.toContain(created.id);
      expect((await app.as('reader-chifeng').raw('magazine.article', { articleId: a1.id })).status).toBe(404);
      const art = await app.as('reader-hhht').call('magazine.article', { articleId: a1.id });
      const json = JSON.stringify(art.article.nodes);
      expect(json).toContain(`"src":"${url}"`);
      expect(json).toContain('育儿角一角');
      expect(art.article.sample).toBe(false);
      expect((await app.as('reader-hhht').call('magazine.search', { q: '修订' })).hits.map((h) => h.articleId)).toEqual([a2.id]);
      expect((await app.as('reader-hhht').call('magazine.search', { q: '要删掉的稿子' })).hits).toHaveLength(0);
    } finally {
      clock = saved;
    }
  });

  test('outside their subtree an admin is refused in Chinese; a member is refused; duplicates and foreign images are refused', async () => {
    const nmIssue = (await app.as('dev-admin-nm').call('magazine.admin.issues', {})).issues.find((i) => i.orgId === '150000')!;
    const nmArticle = (await app.as('dev-admin-nm').call('magazine.admin.issue', { issueId: nmIssue.id })).articles[0];
    const refusals = [
      await app.as(HHHT).raw('magazine.admin.saveIssue', issueIn({ orgId: '150000', number: 8 })),
      await app.as(HHHT).raw('magazine.admin.saveIssue', issueIn({ orgId: '150400', number: 8 })),
      await app.as(HHHT).raw('magazine.admin.saveIssue', issueIn({ issueId: nmIssue.id, number: 9 })),
      await app.as(HHHT).raw('magazine.admin.issue', { issueId: nmIssue.id }),
      await app.as(HHHT).raw('magazine.admin.saveArticle', articleIn(nmIssue.id)),
      await app.as(HHHT).raw('magazine.admin.saveArticle', articleIn(nmIssue.id, { articleId: nmArticle.id })),
      await app.as(HHHT).raw('magazine.admin.deleteArticle', { articleId: nmArticle.id }),
      await app.as('reader-hhht').raw('magazine.admin.saveIssue', issueIn({ number: 10 })),
    ];
    for (const r of refusals) {
      expect(r.status).toBe(403);
      expect((r.body as any).error.message).toMatch(CJK);
    }
    // the 自治区 admin may act anywhere below it (here: on 呼和浩特's list, which it sees)
    expect((await app.as('dev-admin-nm').call('magazine.admin.issues', {})).issues.some((i) => i.orgId === '150100')).toBe(true);
    expect((await app.as(HHHT).call('magazine.admin.issues', {})).issues.every((i) => i.orgId === '150100')).toBe(true);

    const dup = await app.as(HHHT).raw('magazine.admin.saveIssue', issueIn());
    expect(dup.status).toBe(409);
    expect((dup.body as any).error.message).toContain('第 7 期');
    const own = (await app.as(HHHT).call('magazine.admin.issues', {})).issues[0];
    const foreign = await app.as(HHHT).raw('magazine.admin.saveArticle', articleIn(own.id, { bodyMd: '![外链](https://example.com/a.png)' }));
    expect(foreign.status).toBe(400);
    expect((foreign.body as any).error.message).toMatch(CJK);
    const missing = await app.as(HHHT).raw('magazine.admin.saveArticle', articleIn(own.id, { bodyMd: `![没有](/media/${'a'.repeat(64)}.png)` }));
    expect(missing.status).toBe(400);
    const badCover = await app.as(HHHT).raw('magazine.admin.saveIssue', issueIn({ number: 11, cover: 'javascript:alert(1)' }));
    expect(badCover.status).toBe(400);
    expect((badCover.body as any).error.message).toMatch(CJK);
    // the article of another issue cannot be moved in through an issue the admin owns
    const moved = await app.as('dev-admin-nm').raw('magazine.admin.saveArticle', articleIn(own.id, { articleId: nmArticle.id }));
    expect(moved.status).toBe(404);
  });
});

describe('progress', () => {
  let host: TestHost;
  beforeAll(async () => {
    host = await startHttpHost();
  });
  afterAll(() => host.close());

  test('two sessions of one member: the latest reading by device time wins, also when it arrives first', async () => {
    const phone = await host.login('reader-two-devices');
    const tablet = await host.login('reader-two-devices');
    expect(phone).not.toBe(tablet);
    const shelf = await host.post('magazine.shelf', {}, phone);
    const issue = await host.post('magazine.issue', { issueId: shelf.body.data.issues[0].id }, phone);
    const articleId = issue.body.data.columns[0].articles[0].id;

    const t0 = Date.now();
    const iso = (s: number) => new Date(t0 - 600_000 + s * 1000).toISOString();
    // in order: phone reads at +10 s, tablet at +20 s
    expect((await host.post('magazine.progress', { articleId, position: 0.3, readAt: iso(10) }, phone)).body.data.applied).toBe(true);
    expect((await host.post('magazine.progress', { articleId, position: 0.5, readAt: iso(20) }, tablet)).body.data.applied).toBe(true);
    let opened = await host.post('magazine.article', { articleId }, phone);
    expect(opened.body.data.progress).toEqual({ position: 0.5, readAt: iso(20) });

    // out of order: the tablet's later reading (+40 s) arrives before the phone's earlier one (+30 s, queued offline)
    await host.post('magazine.progress', { articleId, position: 0.8, readAt: iso(40) }, tablet);
    const late = await host.post('magazine.progress', { articleId, position: 0.1, readAt: iso(30) }, phone);
    expect(late.status).toBe(200);
    expect(late.body.data).toEqual({ position: 0.8, readAt: iso(40), applied: false });
    opened = await host.post('magazine.article', { articleId }, tablet);
    expect(opened.body.data.progress.position).toBe(0.8);

    // many concurrent saves in random arrival order: the one with the latest device time is kept
    const saves = Array.from({ length: 20 }, (_, i) => ({ position: i / 20, readAt: iso(100 + i) }));
    saves.sort(() => Math.random() - 0.5);
    await Promise.all(saves.map((s, i) => host.post('magazine.progress', { articleId, ...s }, i % 2 ? phone : tablet)));
    opened = await host.post('magazine.article', { articleId }, phone);
    expect(opened.body.data.progress).toEqual({ position: 19 / 20, readAt: iso(119) });
  });

  test('a reading time far in the future is refused', async () => {
    const t = await host.login('reader-future');
    const shelf = await host.post('magazine.shelf', {}, t);
    const issue = await host.post('magazine.issue', { issueId: shelf.body.data.issues[0].id }, t);
    const articleId = issue.body.data.columns[0].articles[0].id;
    const r = await host.post('magazine.progress', { articleId, position: 0.2, readAt: new Date(Date.now() + 3600_000).toISOString() }, t);
    expect(r.status).toBe(400);
    expect(r.body.ok).toBe(false);
  });
});

describe('reading credit', () => {
  async function beat(
    openid: string,
    articleId: number,
    wait: number,
    activeSeconds: number,
    extra: Partial<{ visible: boolean; active: boolean; position: number }> = {},
  ) {
    tick(wait);
    return app.as(openid).call('magazine.heartbeat', { articleId, activeSeconds, visible: true, active: true, ...extra });
  }

  test('time counts only while visible and active, capped per beat and by wall time', async () => {
    const { article } = await firstArticle('credit-a');
    const id = article.id;
    expect((await beat('credit-a', id, 0, 0)).credited).toBe(0); // first beat starts the clock
    expect((await beat('credit-a', id, 15, 15)).credited).toBe(15);
    expect((await beat('credit-a', id, 5, 30)).credited).toBe(5); // never more than the wall time since the last beat
    expect((await beat('credit-a', id, 300, 300)).credited).toBe(30); // at most 30 s per beat
    expect((await beat('credit-a', id, 15, 15, { visible: false })).credited).toBe(0);
    expect((await beat('credit-a', id, 15, 15, { active: false })).credited).toBe(0);
    const r = await beat('credit-a', id, 15, 15);
    expect(r.activeSeconds).toBe(65);
    expect(r.finished).toBe(false); // not scrolled far enough
  });

  test('an article is read after 60 s active and 90% scrolled, and pays points once', async () => {
    const { article } = await firstArticle('credit-b');
    const id = article.id;
    await beat('credit-b', id, 0, 0);
    for (let i = 0; i < 3; i++) expect((await beat('credit-b', id, 15, 15, { position: 0.95 })).finished).toBe(false);
    const done = await beat('credit-b', id, 15, 15, { position: 0.95 });
    expect(done).toMatchObject({ activeSeconds: 60, finished: true, pointsAwarded: 2 });
    expect((await beat('credit-b', id, 15, 15, { position: 1 })).pointsAwarded).toBe(0);
    const me = await app.as('credit-b').call('member.points', {});
    expect(me.balance).toBe(2);
    const issue = await app.as('credit-b').call('magazine.issue', { issueId: article.issueId });
    expect(issue.columns[0].articles[0].status).toBe('read');
    const mine = await app.as('credit-b').call('magazine.myReading', {});
    expect(mine.finished.map((f) => f.articleId)).toEqual([id]);
    expect(mine.weeks).toHaveLength(8);
    expect(mine.weeks[7].seconds).toBe(75);
  });

  test('the finish and its points commit together: when paying fails, the article is not finished either', async () => {
    const { article } = await firstArticle('credit-atomic');
    const memberId = (await app.store.members.findOrCreateByOpenid('credit-atomic', '微信用户')).id;
    const beat = { memberId, articleId: article.id, position: 1, now: clock, day: '2026-11-23' };
    const finishing = { credit: () => 0, finishes: () => true };
    await expect(
      app.store.magazine.heartbeat(beat, {
        ...finishing,
        award: () => {
          throw new Error('ledger unavailable');
        },
      }),
    ).rejects.toThrow('ledger unavailable');
    expect((await app.as('credit-atomic').call('magazine.issue', { issueId: article.issueId })).columns[0].articles[0].status).not.toBe('read');
    const paid = await app.store.magazine.heartbeat(beat, {
      ...finishing,
      award: () => ({ memberId, delta: 2, reason: '阅读《人生》', refKey: `magazine:read:${memberId}:${article.id}`, at: clock }),
    });
    expect(paid).toMatchObject({ finished: true, pointsAwarded: 2 });
    expect((await app.as('credit-atomic').call('member.points', {})).balance).toBe(2);
  });

  test('articles finishing at the same moment cannot slip past the daily cap together', async () => {
    const memberId = (await app.store.members.findOrCreateByOpenid('credit-race', '微信用户')).id;
    const shelf = await app.as('credit-race').call('magazine.shelf', {});
    const ids: number[] = [];
    for (const iss of shelf.issues)
      for (const c of (await app.as('credit-race').call('magazine.issue', { issueId: iss.id })).columns) ids.push(...c.articles.map((a) => a.id));
    const outcomes = await Promise.all(
      ids
        .slice(0, 8)
        .map((articleId) =>
          app.store.magazine.heartbeat(
            { memberId, articleId, position: 1, now: clock, day: '2026-11-23' },
            { credit: () => 0, finishes: () => true, award: (ordinal) => readingAward(ordinal, { memberId, articleId, title: '并发', at: clock }) },
          ),
        ),
    );
    expect(outcomes.every((o) => o.finished)).toBe(true);
    expect(outcomes.map((o) => o.pointsAwarded).sort()).toEqual([0, 0, 0, 2, 2, 2, 2, 2]);
    expect((await app.as('credit-race').call('member.points', {})).balance).toBe(10);
  });

  test('scrolling to 90% without 60 s of active time does not count', async () => {
    const { article } = await firstArticle('credit-c');
    await app.as('credit-c').call('magazine.progress', { articleId: article.id, position: 1, readAt: clock.toISOString() });
    await beat('credit-c', article.id, 0, 0, { position: 1 });
    const r = await beat('credit-c', article.id, 15, 15, { position: 1 });
    expect(r.finished).toBe(false);
  });

  test('points for reading stop at the daily cap and start again the next day', async () => {
    const shelf = await app.as('credit-d').call('magazine.shelf', {});
    const ids: number[] = [];
    for (const iss of shelf.issues) {
      const r = await app.as('credit-d').call('magazine.issue', { issueId: iss.id });
      for (const c of r.columns) for (const a of c.articles) ids.push(a.id);
    }
    expect(ids.length).toBeGreaterThanOrEqual(7);
    // start of a China-time day
    clock = new Date('2026-11-24T01:00:00Z');
    const paid: number[] = [];
    for (const id of ids.slice(0, 6)) {
      await beat('credit-d', id, 1, 0);
      let last;
      for (let i = 0; i < 2; i++) last = await beat('credit-d', id, 30, 30, { position: 0.92 });
      expect(last!.finished).toBe(true);
      paid.push(last!.pointsAwarded);
    }
    expect(paid).toEqual([2, 2, 2, 2, 2, 0]);
    const mine = await app.as('credit-d').call('magazine.myReading', {});
    expect(mine.pointsToday).toBe(10);
    clock = new Date('2026-11-24T17:00:00Z'); // the next day in China
    await beat('credit-d', ids[6], 1, 0);
    await beat('credit-d', ids[6], 30, 30, { position: 0.92 });
    expect((await beat('credit-d', ids[6], 30, 30, { position: 0.92 })).pointsAwarded).toBe(2);
    expect((await app.as('credit-d').call('member.points', {})).balance).toBe(12);
  });
});

describe('search', () => {
  test('Chinese substrings of two and more characters, highlighted; absent words find nothing', async () => {
    const two = await app.as('searcher').call('magazine.search', { q: '血压' });
    expect(two.hits.length).toBeGreaterThanOrEqual(1);
    expect(two.hits[0].snippet.some((r) => r.hit && r.text === '血压')).toBe(true);
    const four = await app.as('searcher').call('magazine.search', { q: '捂热综合' });
    expect(four.hits).toHaveLength(1);
    expect(four.hits[0].snippet.filter((r) => r.hit).map((r) => r.text)).toContain('捂热综合');
    const three = await app.as('searcher').call('magazine.search', { q: '保暖不' });
    expect(three.hits[0].titleRuns.some((r) => r.hit && r.text === '保暖不')).toBe(true);
    expect((await app.as('searcher').call('magazine.search', { q: '量子' })).hits).toHaveLength(0);
    expect((await app.as('searcher').call('magazine.search', { q: '量子力学计算' })).hits).toHaveLength(0);
    const both = await app.as('searcher').call('magazine.search', { q: '宝宝 睡觉' });
    expect(both.hits.length).toBeGreaterThanOrEqual(1);
    expect((await app.as('searcher').raw('magazine.search', { q: '宝' })).status).toBe(400);
    expect((await app.as('searcher').raw('magazine.search', { q: '"*^(' })).status).toBeLessThan(500);
  });

  test('two-character and longer queries find exactly the visible articles that contain them (checked against a plain scan)', async () => {
    // a plain scan of every visible article's title, summary and text
    const visible = await app.sql.rows<{ id: number; title: string; summary: string; bodyMd: string }>(
      `SELECT a.id, a.title, a.summary, a.body_md AS bodyMd FROM magazine_articles a JOIN magazine_issues i ON i.id = a.issue_id
       WHERE i.publish_at <= ? AND i.org_id = '150000' ORDER BY a.id DESC`,
      clock.toISOString(),
    );
    const texts = visible.map((a) => ({ id: Number(a.id), title: a.title.toLowerCase(), body: storedArticle(a).searchBody.toLowerCase() }));
    const scan = (q: string) => texts.filter((a) => a.title.includes(q.toLowerCase()) || a.body.includes(q.toLowerCase())).map((a) => a.id);
    for (const q of ['血压', '宝宝', '孩子', '睡眠', '草原', '体检', '亲子小屋', '量子', '吃饭', '血压计']) {
      const hits = (await app.as('searcher').call('magazine.search', { q, limit: 50 })).hits;
      expect([q, hits.map((h) => h.articleId)]).toEqual([q, scan(q)]);
      for (const h of hits) expect([...h.titleRuns, ...h.snippet].some((r) => r.hit && r.text.toLowerCase() === q.toLowerCase())).toBe(true);
    }
  });

  test('a NUL or any other character in a query never breaks the search: 200 with hits, or 400 in Chinese', async () => {
    const nul = await app.as('searcher').raw('magazine.search', { q: 'a\u0000b', limit: 5 });
    expect(nul.status).toBe(400);
    expect((nul.body as any).error.message).toMatch(CJK);
    for (const q of ['孩子\u0000', '\u0000\u0000', '血压\u0000睡眠', '"孩子"\u0000"'])
      expect([q, (await app.as('searcher').raw('magazine.search', { q })).status]).not.toEqual([q, 500]);
    const anyText = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.fullUnicodeString({ maxLength: 30 }),
      fc.stringOf(fc.constantFrom('\u0000', '"', '*', '^', '(', ')', ':', '-', '+', 'N', 'O', 'R', ' ', '\u0001', '\u001f', '\ud800', '血', '压', 'a'), {
        maxLength: 30,
      }),
    );
    await fc.assert(
      fc.asyncProperty(anyText, async (q) => {
        const r = await app.as('searcher').raw('magazine.search', { q, limit: 5 });
        expect(r.status === 200 || r.status === 400).toBe(true);
      }),
      { numRuns: 300 },
    );
    // the repository itself takes any terms, whatever a caller passes
    const audience = audienceOf({ orgPath: null, now: clock });
    await fc.assert(
      fc.asyncProperty(fc.array(anyText, { maxLength: 4 }), async (terms) => {
        expect(Array.isArray(await app.store.magazine.search(audience, terms, 5))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe('favourites, history, settings', () => {
  test('favourite, list, unfavourite; history newest first; settings remembered', async () => {
    const { issue } = await firstArticle('fav-a');
    const [a, b] = issue.columns.flatMap((c) => c.articles);
    await app.as('fav-a').call('magazine.article', { articleId: a.id });
    tick(5);
    await app.as('fav-a').call('magazine.article', { articleId: b.id });
    const h = await app.as('fav-a').call('magazine.history', {});
    expect(h.items.map((i) => i.articleId)).toEqual([b.id, a.id]);
    await app.as('fav-a').call('magazine.favorite', { articleId: a.id, on: true });
    await app.as('fav-a').call('magazine.favorite', { articleId: a.id, on: true });
    expect((await app.as('fav-a').call('magazine.favorites', {})).items.map((i) => i.articleId)).toEqual([a.id]);
    expect((await app.as('fav-a').call('magazine.article', { articleId: a.id })).favorite).toBe(true);
    await app.as('fav-a').call('magazine.favorite', { articleId: a.id, on: false });
    expect((await app.as('fav-a').call('magazine.favorites', {})).items).toHaveLength(0);

    expect(await app.as('fav-a').call('magazine.settings', { fontSize: 'xlarge' })).toEqual({ fontSize: 'xlarge', night: false });
    expect(await app.as('fav-a').call('magazine.settings', { night: true })).toEqual({ fontSize: 'xlarge', night: true });
    tick(5);
    expect((await app.as('fav-a').call('magazine.article', { articleId: b.id })).settings).toEqual({ fontSize: 'xlarge', night: true });
    expect(await app.as('fav-b').call('magazine.settings', {})).toEqual({ fontSize: 'standard', night: false });

    const shelf = await app.as('fav-a').call('magazine.shelf', {});
    expect(shelf.continueReading?.articleId).toBe(b.id);
    const data = await app.as('fav-a').call('member.exportData', {});
    expect(data.sections.find((s) => s.title === '《人生》阅读记录')!.rows.length).toBe(3);
  });

  test('articles of a withdrawn issue leave favourites, history and 继续阅读, and come back when it is published again', async () => {
    const admin = app.as('dev-admin-nm');
    const target = (await admin.call('magazine.admin.issues', {})).issues.find((i) => i.number === 2 && i.orgId === '150000')!;
    const [a] = (await admin.call('magazine.admin.issue', { issueId: target.id })).articles;
    const reader = app.as('fav-withdrawn');
    await reader.call('magazine.article', { articleId: a.id });
    await reader.call('magazine.favorite', { articleId: a.id, on: true });
    const listed = async () => ({
      favorites: (await reader.call('magazine.favorites', {})).items.map((i) => i.articleId),
      history: (await reader.call('magazine.history', {})).items.map((i) => i.articleId),
      continueReading: (await reader.call('magazine.shelf', {})).continueReading?.articleId ?? null,
    });
    expect(await listed()).toEqual({ favorites: [a.id], history: [a.id], continueReading: a.id });
    await admin.call('magazine.admin.publish', { issueId: target.id, publishAt: '2030-01-01T00:00:00Z' });
    try {
      expect(await listed()).toEqual({ favorites: [], history: [], continueReading: null });
    } finally {
      await admin.call('magazine.admin.publish', { issueId: target.id, publishAt: target.publishAt });
    }
    expect(await listed()).toEqual({ favorites: [a.id], history: [a.id], continueReading: a.id });
  });

  test('bad payloads answer 4xx with the envelope and a Chinese message; identity comes only from the session', async () => {
    for (const [action, payload] of [
      ['magazine.progress', { articleId: 1, position: 0.5, readAt: new Date().toISOString(), memberId: 2 }],
      ['magazine.heartbeat', { articleId: 1, activeSeconds: 5, visible: true, active: true, memberId: 2 }],
      ['magazine.settings', { fontSize: 'large', memberId: 2 }],
      ['magazine.myReading', { memberId: 2 }],
      ['magazine.admin.saveIssue', { orgId: '150100', year: 2026, number: 100, title: 'x', cover: 'family', publishAt: '2026-01-01T00:00:00Z' }],
      ['magazine.admin.saveIssue', { orgId: '150100', year: 2026, number: 1, title: '', cover: 'family', publishAt: 'tomorrow' }],
      ['magazine.admin.saveArticle', { issueId: 1, title: 'x', author: 'y', column: 'z', summary: 's', bodyMd: '' }],
      ['magazine.admin.saveArticle', { issueId: 1, title: 'x', author: 'y', column: 'z', summary: 's', bodyMd: 'x'.repeat(30001) }],
      ['magazine.admin.deleteArticle', { articleId: 'one' }],
      ['magazine.admin.issue', {}],
      ['magazine.admin.publish', { issueId: 1, publishAt: 'soon' }],
      ['magazine.favorite', { articleId: 1 }],
      ['magazine.history', { limit: 1000 }],
      ['magazine.shelf', { limit: 0 }],
      ['magazine.article', { articleId: -1 }],
      ['magazine.progress', { articleId: 1, position: 2, readAt: 'x' }],
      ['magazine.heartbeat', { articleId: 1, activeSeconds: 1e9, visible: true, active: true }],
      ['magazine.settings', { fontSize: 'huge' }],
      ['magazine.search', { q: 'x'.repeat(100) }],
      ['magazine.issue', { issueId: 1, extra: 1 }],
    ] as const) {
      const r = await app.as('dev-admin-hhht').raw(action, payload);
      expect([action, r.status]).toEqual([action, 400]);
      expect(r.body.ok).toBe(false);
      expect((r.body as any).error.message).toMatch(CJK);
    }
    const missing = await app.as('bad').raw('magazine.article', { articleId: 99999999 });
    expect(missing.status).toBe(404);
    expect((missing.body as any).error.message).toMatch(CJK);
  });
});

describe('CLI', () => {
  const tsx = path.join(REPO_ROOT, 'node_modules/.bin/tsx');
  /** The CLI on the suite's engine: SQLite in DATA_DIR, or the test database through DATABASE_URL. */
  const run = (choice: StoreChoice, dataDir: string, ...args: string[]) => {
    const { DATABASE_URL: _url, MYSQL_ADDRESS: _address, ...env } = process.env;
    if (choice.engine === 'mysql') {
      const c = choice.config;
      env.DATABASE_URL = `mysql://${encodeURIComponent(c.user)}:${encodeURIComponent(c.password)}@${c.host}:${c.port}/${c.database}`;
    }
    return execFileSync(tsx, ['cloud/cli/magazine.ts', 'import', ...args], { cwd: REPO_ROOT, env: { ...env, DATA_DIR: dataDir }, encoding: 'utf8' });
  };

  test('npm run magazine -- import <folder>: a new issue from Markdown files with front matter, for an org; re-import updates in place; bad input fails in Chinese', async () => {
    expect(JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')).scripts.magazine).toBe('tsx cloud/cli/magazine.ts');
    const { choice, dataDir, dispose } = await testStoreChoice();
    const a = await createApp({ dataDir, mode: 'dev', seed: true, store: choice });
    await a.store.close();

    // a new issue folder, as an editor would write it
    const dir = tempDir();
    fs.writeFileSync(
      path.join(dir, 'issue.json'),
      JSON.stringify({ year: 2027, number: 1, title: '新春特刊（示例）', publishAt: '2027-01-20T08:00:00+08:00', cover: 'family', intro: '导读' }),
    );
    fs.writeFileSync(
      path.join(dir, '01-spring.md'),
      '---\ntitle: 春节回家话健康\nauthor: 编辑部\ncolumn: 家庭健康\nsummary: 示例摘要\nsample: true\n---\n\n## 小标题\n\n正文，回家过年注意饮食。\n\n![团圆饭](cover:family)',
    );
    fs.writeFileSync(
      path.join(dir, '02-youth.md'),
      '---\ntitle: 寒假里的青春课\nauthor: 编辑部\ncolumn: 青春健康\nsummary: 示例摘要\n---\n\n寒假里和孩子聊聊成长。',
    );
    expect(run(choice, dataDir, dir, '--org', '150100')).toContain('已导入：2027 年第 1 期《新春特刊（示例）》，2 篇文章');
    expect(run(choice, dataDir, 'seeds/magazine/2026-02')).toContain('已更新');
    fs.writeFileSync(
      path.join(dir, '02-youth.md'),
      '---\ntitle: 寒假里的青春课（修订）\nauthor: 编辑部\ncolumn: 青春健康\nsummary: 示例摘要\n---\n\n寒假里和孩子聊聊成长。',
    );
    expect(run(choice, dataDir, dir, '--org', '150100')).toContain('已更新');

    const b = await createApp({ dataDir, mode: 'dev', seed: false, store: choice });
    const rows = await sqlOf(b).rows(
      `SELECT i.org_id AS orgId, a.title, a.column_name AS col, a.sample FROM magazine_articles a JOIN magazine_issues i ON i.id = a.issue_id WHERE i.year = 2027 ORDER BY a.seq`,
    );
    const n = await sqlOf(b).value('SELECT COUNT(*) FROM magazine_articles');
    await b.store.close();
    expect(rows.map((r) => ({ ...r, sample: Number(r.sample) }))).toEqual([
      { orgId: '150100', title: '春节回家话健康', col: '家庭健康', sample: 1 },
      { orgId: '150100', title: '寒假里的青春课（修订）', col: '青春健康', sample: 0 },
    ]);
    expect(n).toBe(17);

    // a file without front matter, and an unknown org: exit code 1 and a Chinese reason
    fs.writeFileSync(path.join(dir, '03-bad.md'), '没有头');
    for (const args of [[dir], ['seeds/magazine/2026-01', '--org', '999999']]) {
      let failed: { status: number; stderr: string } | null = null;
      try {
        run(choice, dataDir, ...args);
      } catch (e) {
        failed = e as { status: number; stderr: string };
      }
      expect(failed?.status).toBe(1);
      expect(failed?.stderr).toMatch(/导入失败：.*(YAML|单位 999999 不存在)/);
    }
    await dispose();
  }, 60_000);
});
