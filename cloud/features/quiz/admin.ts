import { defineAction, type MemberContext } from '../context';
import { AppError, notFound } from '../../core/errors';
import {
  quizAdminCampaignsInput,
  quizAdminExportInput,
  quizAdminImportBankInput,
  quizAdminSaveCampaignInput,
  quizAdminStatsInput,
  quizAdminTemplateInput,
  type AdminBank,
  type AdminCampaign,
} from '../../contracts/quiz';
import { formatDuration } from '../../contracts/quiz-rules';
import type { CampaignRow } from './repo';
import { settleOverdue } from './handlers';
import { campaignStatus, scoreSummary } from './rules';
import { parseBankFile, templateFile } from './import';
import { sheetBase64 } from '../../core/excel';
import { requireAdminOrg } from '../../core/admin-org';
import { requireCoverImage } from '../media/cover';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function toAdmin(c: CampaignRow, now: Date): AdminCampaign {
  const { orgPath: _p, ...rest } = c;
  return { ...rest, status: campaignStatus(c, now) };
}

/** Banks this admin may draw from (own subtree, or owned by an ancestor such as 自治区) and which they may edit. */
async function visibleBanks(ctx: MemberContext): Promise<AdminBank[]> {
  const paths = new Map((await ctx.store.orgs.all()).map((o) => [o.id, o.path]));
  return (await ctx.store.quiz.banks())
    .map((b) => {
      const path = paths.get(b.orgId) ?? '';
      return {
        id: b.id,
        title: b.title,
        orgId: b.orgId,
        questionCount: b.questionCount,
        editable: ctx.admin.covers(path),
        usable: ctx.admin.covers(path) || ctx.admin.orgs.some((o) => o.path.startsWith(path)),
      };
    })
    .filter((b) => b.usable)
    .map(({ usable: _u, ...b }) => b);
}

async function adminCampaign(ctx: MemberContext, id: number): Promise<CampaignRow> {
  const c = await ctx.store.quiz.getCampaign(id);
  if (!c) throw notFound('该竞赛');
  ctx.admin.require(c.orgPath);
  return c;
}

export const quizAdminCampaigns = defineAction({
  name: 'quiz.admin.campaigns',
  input: quizAdminCampaignsInput,
  auth: 'admin',
  async handler(ctx) {
    const now = ctx.now();
    const campaigns = (await ctx.store.quiz.campaigns()).filter((c) => ctx.admin.covers(c.orgPath)).map((c) => toAdmin(c, now));
    return { campaigns, banks: await visibleBanks(ctx) };
  },
});

export const quizAdminSaveCampaign = defineAction({
  name: 'quiz.admin.saveCampaign',
  input: quizAdminSaveCampaignInput,
  auth: 'admin',
  async handler(ctx, input) {
    await requireAdminOrg(ctx, input.orgId);
    if (input.id) await adminCampaign(ctx, input.id);
    await requireCoverImage(ctx, input.cover);
    if (Date.parse(input.closesAt) <= Date.parse(input.opensAt)) throw new AppError('INVALID_PAYLOAD', '结束时间应晚于开始时间');
    if (input.attemptsPerDay > input.attemptsTotal) throw new AppError('INVALID_PAYLOAD', '每天次数不能多于总次数');
    const banks = new Map((await visibleBanks(ctx)).map((b) => [b.id, b]));
    for (const d of input.draws) {
      const b = banks.get(d.bankId);
      if (!b) throw new AppError('INVALID_PAYLOAD', `题库“${d.bankId}”不存在或不可用`);
      if (d.count > b.questionCount) throw new AppError('INVALID_PAYLOAD', `题库“${b.title}”只有 ${b.questionCount} 题，不能抽 ${d.count} 题`);
    }
    const { id: _id, ...fields } = input;
    const row = { ...fields, opensAt: new Date(input.opensAt).toISOString(), closesAt: new Date(input.closesAt).toISOString() };
    const now = ctx.now();
    const id = input.id ?? (await ctx.store.quiz.createCampaign(row, now));
    const saved = id !== undefined && (input.id === undefined || (await ctx.store.quiz.updateCampaign(id, row, now)));
    if (!saved) throw new AppError('NOT_FOUND', '所选单位不存在，请重新选择');
    return toAdmin((await ctx.store.quiz.getCampaign(id))!, now);
  },
});

export const quizAdminTemplate = defineAction({
  name: 'quiz.admin.template',
  input: quizAdminTemplateInput,
  auth: 'admin',
  async handler(_ctx, { format }) {
    const bytes = await templateFile(format);
    return { fileName: `题库导入模板.${format}`, mimeType: format === 'csv' ? 'text/csv' : XLSX, content: bytes.toString('base64') };
  },
});

export const quizAdminImportBank = defineAction({
  name: 'quiz.admin.importBank',
  input: quizAdminImportBankInput,
  auth: 'admin',
  async handler(ctx, { orgId, title, fileName, content }) {
    await requireAdminOrg(ctx, orgId);
    let parsed;
    try {
      parsed = await parseBankFile(fileName, Buffer.from(content, 'base64'));
    } catch (e) {
      throw new AppError('QUIZ_IMPORT_FAILED', (e as Error).message);
    }
    if (!parsed.ok.length) return { bankId: null, imported: 0, failed: parsed.failed };
    const now = ctx.now();
    const bankId = `imp-${orgId}-${now.getTime().toString(36)}`;
    await ctx.store.quiz.upsertBank(
      { id: bankId, title, description: `从 ${fileName} 导入`, orgId },
      parsed.ok.map((q, i) => ({ id: `${bankId}-${String(i + 1).padStart(3, '0')}`, ...q, source: fileName })),
      now,
    );
    return { bankId, imported: parsed.ok.length, failed: parsed.failed };
  },
});

export const quizAdminStats = defineAction({
  name: 'quiz.admin.stats',
  input: quizAdminStatsInput,
  auth: 'admin',
  async handler(ctx, { campaignId }) {
    const c = await adminCampaign(ctx, campaignId);
    await settleOverdue(ctx, { campaignId });
    const s = await ctx.store.quiz.campaignStats(campaignId);
    return {
      campaignId,
      title: c.title,
      attempts: s.attempts,
      ...scoreSummary(s.bestScores, c.passMark),
      questions: s.questions.map((q) => ({ id: q.id, stem: q.stem, shown: q.shown, correctRate: q.shown ? q.correct / q.shown : 0 })),
    };
  },
});

export const quizAdminExport = defineAction({
  name: 'quiz.admin.export',
  input: quizAdminExportInput,
  auth: 'admin',
  async handler(ctx, { campaignId }) {
    const c = await adminCampaign(ctx, campaignId);
    await settleOverdue(ctx, { campaignId });
    const columns = ['序号', '昵称', '单位', '得分', '答对', '题数', '用时', '是否及格', '开始时间', '交卷时间'].map((header) => ({ header, width: 16 }));
    const rows = (await ctx.store.quiz.results(campaignId)).map((r, i) => [
      i + 1,
      r.nickname ?? '（已注销）',
      r.orgName ?? '',
      r.score,
      r.correctCount,
      r.total,
      formatDuration(r.durationMs),
      r.passed ? '及格' : '未及格',
      r.startedAt,
      r.submittedAt,
    ]);
    return { fileName: `${c.title}-成绩.xlsx`, mimeType: XLSX, content: await sheetBase64('成绩', columns, rows) };
  },
});

export const quizAdminActions = [quizAdminCampaigns, quizAdminSaveCampaign, quizAdminTemplate, quizAdminImportBank, quizAdminStats, quizAdminExport];
