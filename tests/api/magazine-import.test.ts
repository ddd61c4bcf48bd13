import { startTestApp, type TestApp } from '../support/app';
import { zipOf } from '../support/zip';
import { unzipIssueFiles, ZIP_MAX_TOTAL_BYTES } from '../../cloud/features/magazine/zip';

/** The magazine admin page's import: an issue folder's files, or a .zip of them, uploaded by an organiser. */

const CJK = /[\u4e00-\u9fa5]/;
let clock = new Date('2026-11-23T02:00:00Z');
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ now: () => clock });
  await app.as('import-reader').call('member.update', { orgId: '150102' });
});
afterAll(() => app.close());

const HHHT = 'dev-admin-hhht';
const issueJson = (over: Record<string, unknown> = {}) =>
  JSON.stringify({ year: 2027, number: 3, title: '青城春早（示例）', publishAt: '2027-03-01T08:00:00+08:00', cover: 'grassland', intro: '导读', ...over });
const article = (title: string, body: string, column = '家庭健康') =>
  `---\ntitle: ${title}\nauthor: 青城通讯员\ncolumn: ${column}\nsummary: 示例摘要\n---\n\n${body}`;
const folder = (prefix = '2027-03/') => [
  { name: `${prefix}issue.json`, text: issueJson() },
  { name: `${prefix}01-spring-health.md`, text: article('开春话健康', '## 小标题\n\n开春以后，早晚温差大，老人出门添件衣。\n\n![草原](cover:grassland)') },
  { name: `${prefix}02-kids.md`, text: article('孩子的春假', '春假里带孩子去郊外放风筝。', '科学育儿') },
];

test('an organiser uploads an issue folder: imported whole, with a line per article; members of the org see it at its time; uploading again updates it in place', async () => {
  const r = await app.as(HHHT).call('magazine.admin.importFiles', { orgId: '150100', files: folder() });
  expect(r.issues).toEqual([
    {
      folder: '2027-03',
      imported: true,
      issueId: expect.any(Number),
      created: true,
      title: '青城春早（示例）',
      error: null,
      articles: [
        { file: '01-spring-health.md', title: '开春话健康', error: null },
        { file: '02-kids.md', title: '孩子的春假', error: null },
      ],
    },
  ]);
  const issueId = r.issues[0].issueId!;
  const detail = await app.as(HHHT).call('magazine.admin.issue', { issueId });
  expect(detail.issue).toMatchObject({ orgId: '150100', year: 2027, number: 3, published: false });
  expect(detail.articles.map((a) => a.title)).toEqual(['开春话健康', '孩子的春假']);

  clock = new Date('2027-03-01T00:00:01Z');
  expect((await app.as('import-reader').call('magazine.shelf', {})).issues[0].id).toBe(issueId);
  expect((await app.as('import-reader').call('magazine.search', { q: '放风筝' })).hits.map((h) => h.title)).toEqual(['孩子的春假']);

  const again = folder();
  again[2] = { name: '2027-03/02-kids.md', text: article('孩子的春假（修订）', '春假里带孩子去郊外放风筝。', '科学育儿') };
  const updated = await app.as(HHHT).call('magazine.admin.importFiles', { orgId: '150100', files: again });
  expect(updated.issues[0]).toMatchObject({ imported: true, issueId, created: false });
  expect((await app.as(HHHT).call('magazine.admin.issue', { issueId })).articles.map((a) => [a.id, a.title])).toEqual([
    [detail.articles[0].id, '开春话健康'],
    [detail.articles[1].id, '孩子的春假（修订）'],
  ]);
});

test('a .zip of one or several issue folders is imported the same way', async () => {
  const two = [
    ...folder('期刊/2027-04/').map((f) => (f.name.endsWith('issue.json') ? { ...f, text: issueJson({ number: 4, title: '四月刊（示例）' }) } : f)),
    ...folder('期刊/2027-05/').map((f) => (f.name.endsWith('issue.json') ? { ...f, text: issueJson({ number: 5, title: '五月刊（示例）' }) } : f)),
  ];
  two.push({ name: '__MACOSX/期刊/2027-04/._01-spring-health.md', text: 'x' });
  const r = await app.as(HHHT).call('magazine.admin.importFiles', { orgId: '150100', zipBase64: zipOf(two).toString('base64') });
  expect(r.issues.map((i) => [i.folder, i.imported, i.title, i.articles.length])).toEqual([
    ['期刊/2027-04', true, '四月刊（示例）', 2],
    ['期刊/2027-05', true, '五月刊（示例）', 2],
  ]);
  // stored entries too
  const stored = await app.as(HHHT).call('magazine.admin.importFiles', { orgId: '150100', zipBase64: zipOf(folder(), 0).toString('base64') });
  expect(stored.issues[0]).toMatchObject({ imported: true, created: false });
});

test('one bad article keeps the whole issue out, and the report says which file and why, in Chinese', async () => {
  const files = folder('2027-06/').map((f) => (f.name.endsWith('issue.json') ? { ...f, text: issueJson({ number: 6 }) } : f));
  files.push({ name: '2027-06/03-broken.md', text: '没有 YAML 头的正文' });
  files.push({ name: '2027-06/04-foreign.md', text: article('外链图片', '![图](https://example.com/a.png)') });
  const r = await app.as(HHHT).call('magazine.admin.importFiles', { orgId: '150100', files });
  expect(r.issues[0]).toMatchObject({ imported: false, issueId: null });
  const byFile = Object.fromEntries(r.issues[0].articles.map((a) => [a.file, a.error]));
  expect(byFile['01-spring-health.md']).toBeNull();
  expect(byFile['03-broken.md']).toMatch(/03-broken\.md：缺少 YAML 头/);
  expect(byFile['04-foreign.md']).toMatch(/04-foreign\.md：.*不能引用其他网址/);
  expect((await app.as(HHHT).call('magazine.admin.issues', {})).issues.some((i) => i.number === 6)).toBe(false);

  const noJson = await app.as(HHHT).call('magazine.admin.importFiles', { orgId: '150100', files: folder('x/').slice(1) });
  expect(noJson.issues[0]).toMatchObject({ imported: false, error: expect.stringMatching(/缺少 issue\.json/) });
  const badJson = await app
    .as(HHHT)
    .call('magazine.admin.importFiles', { orgId: '150100', files: [{ name: 'issue.json', text: '{"year": 2027' }, folder('')[1]] });
  expect(badJson.issues[0].error).toMatch(/issue\.json：不是有效的 JSON/);
});

test('only for an org in the admin’s subtree; members are refused; a broken or oversized zip is refused in Chinese', async () => {
  const outside = await app.as(HHHT).raw('magazine.admin.importFiles', { orgId: '150000', files: folder() });
  expect(outside.status).toBe(403);
  expect((await app.as('import-reader').raw('magazine.admin.importFiles', { orgId: '150100', files: folder() })).status).toBe(403);
  for (const payload of [
    { orgId: '150100' },
    { orgId: '150100', files: folder(), zipBase64: zipOf(folder()).toString('base64') },
    { orgId: '150100', zipBase64: Buffer.from('not a zip at all').toString('base64') },
    { orgId: '150100', zipBase64: '!!!' },
    { orgId: '150100', files: [] },
  ]) {
    const r = await app.as(HHHT).raw('magazine.admin.importFiles', payload);
    expect([JSON.stringify(payload).slice(0, 60), r.status]).toEqual([JSON.stringify(payload).slice(0, 60), 400]);
    expect((r.body as any).error.message).toMatch(CJK);
  }
  // a few KB that would unpack to more than the limit
  const bomb = zipOf([{ name: 'issue.json', text: ' '.repeat(ZIP_MAX_TOTAL_BYTES + 1) }]);
  expect(bomb.length).toBeLessThan(60_000);
  const r = await app.as(HHHT).raw('magazine.admin.importFiles', { orgId: '150100', zipBase64: bomb.toString('base64') });
  expect(r.status).toBe(400);
  expect((r.body as any).error.message).toMatch(/太大/);
});

test('the zip reader takes what ordinary tools write and refuses a lying entry size', () => {
  const files = folder();
  expect(unzipIssueFiles(zipOf(files)).map((f) => f.name)).toEqual(files.map((f) => f.name));
  const lying = zipOf([{ name: 'issue.json', text: '{"a": "' + 'b'.repeat(5000) + '"}' }]);
  // the central directory claims 10 bytes: inflating must stop there rather than trust the data
  lying.writeUInt32LE(10, lying.length - 22 - 46 - 'issue.json'.length + 24);
  expect(() => unzipIssueFiles(lying)).toThrow(/解压失败/);
});
