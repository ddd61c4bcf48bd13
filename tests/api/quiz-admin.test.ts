import ExcelJS from 'exceljs';
import { startTestApp, type TestApp } from '../support/app';
import { correctChoices, campaignPayload } from '../support/quiz';

const T0 = new Date('2026-11-23T02:00:00Z');
let app: TestApp;
let clock: Date;
beforeEach(async () => {
  clock = T0;
  app = await startTestApp({ now: () => clock });
});
afterEach(() => app.close());

const nm = () => app.as('dev-admin-nm');
const hhht = () => app.as('dev-admin-hhht');

const campaign = (over: Record<string, unknown> = {}) => campaignPayload({ title: '赛罕区答题', orgId: '150105', ...over });

async function xlsx(rows: (string | number)[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('题库');
  rows.forEach((r) => ws.addRow(r));
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}
const HEADER = ['题型', '题干', '选项A', '选项B', '选项C', '选项D', '选项E', '答案', '解析'];

test('campaigns and banks are scoped to the admin subtree; members are refused', async () => {
  const list = await hhht().call('quiz.admin.campaigns', {});
  expect(list.campaigns.map((c) => c.title)).toEqual(['7·11 世界人口日知识竞赛（呼和浩特）']);
  expect(list.banks.map((b) => [b.id, b.editable])).toEqual(
    expect.arrayContaining([
      ['family-health', false],
      ['cxh-activities', false],
    ]),
  );
  expect((await nm().call('quiz.admin.campaigns', {})).campaigns).toHaveLength(3);

  expect((await hhht().raw('quiz.admin.saveCampaign', campaign({ orgId: '150000' }))).status).toBe(403);
  expect((await hhht().raw('quiz.admin.saveCampaign', campaign({ orgId: '150426' }))).status).toBe(403);
  const created = await hhht().call('quiz.admin.saveCampaign', campaign());
  expect(created).toMatchObject({ title: '赛罕区答题', orgName: '赛罕区计生协', status: 'open' });
  const edited = await hhht().call('quiz.admin.saveCampaign', campaign({ id: created.id, title: '赛罕区答题（改）', passMark: 80 }));
  expect(edited).toMatchObject({ id: created.id, title: '赛罕区答题（改）', passMark: 80 });
  const nmCampaign = (await nm().call('quiz.admin.campaigns', {})).campaigns.find((c) => c.orgId === '150000')!;
  expect((await hhht().raw('quiz.admin.saveCampaign', campaign({ id: nmCampaign.id }))).status).toBe(403);
  expect((await hhht().raw('quiz.admin.stats', { campaignId: nmCampaign.id })).status).toBe(403);
  expect((await hhht().raw('quiz.admin.saveCampaign', campaign({ draws: [{ bankId: 'family-health', count: 99 }] }))).status).toBe(400);
  expect((await hhht().raw('quiz.admin.saveCampaign', campaign({ closesAt: '2026-10-01T00:00:00Z' }))).status).toBe(400);

  const member = await app.as('plain-member').raw('quiz.admin.campaigns', {});
  expect(member.status).toBe(403);
  expect(member.body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
});

test('bank import from .xlsx and .csv reports failed rows with reasons; the template round-trips', async () => {
  const tpl = await hhht().call('quiz.admin.template', { format: 'xlsx' });
  expect(tpl.fileName).toBe('题库导入模板.xlsx');
  const templateImport = await hhht().call('quiz.admin.importBank', { orgId: '150100', title: '模板示例', fileName: 'tpl.xlsx', content: tpl.content });
  expect(templateImport).toMatchObject({ imported: 3, failed: [] });

  const content = await xlsx([
    HEADER,
    ['单选', '世界人口日是哪天？', '5月29日', '7月11日', '12月1日', '', '', 'B', '7月11日是世界人口日。'],
    ['多选', '哪些是好习惯？', '戒烟', '限酒', '熬夜', '锻炼', '', 'A,B,D', '熬夜伤身。'],
    ['判断', '孕前应补充叶酸。', '', '', '', '', '', '正确', '孕前3个月起补充叶酸。'],
    ['问答', '这是什么？', 'A', 'B', '', '', '', 'A', '解析'],
    ['多选', '只有一个答案的多选', '甲', '乙', '丙', '', '', 'A', '解析'],
    ['单选', '答案越界', '甲', '乙', '', '', '', 'D', '解析'],
    ['单选', '没有解析', '甲', '乙', '', '', '', 'A', ''],
    [],
    ['判断', '答案不对的判断', '', '', '', '', '', '也许', '解析'],
  ]);
  const report = await hhht().call('quiz.admin.importBank', { orgId: '150100', title: '呼市题库', fileName: '题库.xlsx', content });
  expect(report.imported).toBe(3);
  expect(report.failed).toEqual([
    { row: 5, reason: expect.stringContaining('题型“问答”无效') },
    { row: 6, reason: '多选题至少要有两个正确答案' },
    { row: 7, reason: expect.stringContaining('不存在的选项') },
    { row: 8, reason: '缺少解析' },
    { row: 10, reason: expect.stringContaining('判断题答案') },
  ]);
  const banks = (await hhht().call('quiz.admin.campaigns', {})).banks;
  expect(banks.find((b) => b.id === report.bankId)).toMatchObject({ title: '呼市题库', questionCount: 3, editable: true });
  const qs = await app.store.quiz.questionsOfBanks([report.bankId!]);
  expect(qs.map((q) => [q.type, q.answer])).toEqual([
    ['single', [1]],
    ['multiple', [0, 1, 3]],
    ['judge', [0]],
  ]);

  const csv = Buffer.from('\ufeff' + [HEADER.join(','), '单选,CSV题,甲,乙,丙,,,C,丙是对的', '多选,坏的,甲,乙,,,,AB,解析'].join('\n')).toString('base64');
  const csvReport = await hhht().call('quiz.admin.importBank', { orgId: '150100', title: 'CSV题库', fileName: 'bank.csv', content: csv });
  expect(csvReport).toMatchObject({ imported: 1, failed: [{ row: 3, reason: '多选题至少需要 3 个选项' }] });

  // Outside the subtree, or an unreadable file.
  expect((await hhht().raw('quiz.admin.importBank', { orgId: '150000', title: '越权', fileName: 'a.xlsx', content })).status).toBe(403);
  const bad = await hhht().raw('quiz.admin.importBank', {
    orgId: '150100',
    title: '坏文件',
    fileName: 'a.xlsx',
    content: Buffer.from('not a zip').toString('base64'),
  });
  expect(bad.status).toBe(422);
  expect(bad.body).toMatchObject({ ok: false, error: { code: 'QUIZ_IMPORT_FAILED' } });
  expect((await hhht().raw('quiz.admin.importBank', { orgId: '150100', title: '格式', fileName: 'a.doc', content })).status).toBe(400);
});

test('stats per campaign and the .xlsx export of results', async () => {
  const c = await hhht().call('quiz.admin.saveCampaign', campaign({ orgId: '150100', draws: [{ bankId: 'family-health', count: 4 }] }));
  // Four members: 100, 75, 50 (then 25 on a second, worse attempt), 0.
  const plans = [4, 3, 2, 0];
  for (let i = 0; i < plans.length; i++) {
    const m = app.as(`s-${i}`);
    await m.call('member.update', { orgId: '150102' });
    const v = await m.call('quiz.start', { campaignId: c.id });
    const right = await correctChoices(app.store, v);
    await m.call('quiz.submit', { attemptId: v.attemptId, answers: right.slice(0, plans[i]) });
    if (i === 2) {
      const v2 = await m.call('quiz.start', { campaignId: c.id });
      await m.call('quiz.submit', { attemptId: v2.attemptId, answers: (await correctChoices(app.store, v2)).slice(0, 1) });
    }
  }
  const s = await hhht().call('quiz.admin.stats', { campaignId: c.id });
  expect(s).toMatchObject({ participants: 4, attempts: 5, averageScore: 56.3, medianScore: 62.5, passRate: 0.5 });
  expect(s.distribution.map((d) => d.count)).toEqual([1, 0, 0, 0, 0, 1, 0, 1, 0, 1]);
  expect(s.questions.length).toBeGreaterThan(0);
  const rates = s.questions.map((q) => q.correctRate);
  expect(rates).toEqual([...rates].sort((a, b) => a - b)); // worst first
  expect(s.questions.reduce((n, q) => n + q.shown, 0)).toBe(20);
  expect(Math.round(s.questions.reduce((n, q) => n + q.correctRate * q.shown, 0))).toBe(4 + 3 + 2 + 1 + 0);
  // A member who leaves keeps their attempts in the figures, each on its own: s-2's 50 and 25 become two entries.
  await app.as('s-2').call('member.delete', { confirm: '注销' });
  const after = await hhht().call('quiz.admin.stats', { campaignId: c.id });
  expect(after).toMatchObject({ participants: 5, attempts: 5, averageScore: 50, medianScore: 50, passRate: 0.4 });
  expect(after.distribution.map((d) => d.count)).toEqual([1, 0, 1, 0, 0, 1, 0, 1, 0, 1]);

  const file = await hhht().call('quiz.admin.export', { campaignId: c.id });
  expect(file.fileName).toBe('赛罕区答题-成绩.xlsx');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(file.content, 'base64') as any);
  const ws = wb.worksheets[0];
  expect(ws.getRow(1).getCell(4).value).toBe('得分');
  expect(ws.rowCount).toBe(6);
  const scores = [2, 3, 4, 5, 6].map((r) => ws.getRow(r).getCell(4).value).sort((a, b) => Number(a) - Number(b));
  expect(scores).toEqual([0, 25, 50, 75, 100]);
});
