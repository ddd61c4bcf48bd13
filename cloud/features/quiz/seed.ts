import type { Seeder } from '../context';
import type { QuestionType } from '../../contracts/quiz-rules';
import type { CampaignInput } from './repo';

interface BankFile {
  id: string;
  title: string;
  description: string;
  questions: { id: string; type: QuestionType; stem: string; options: string[]; answer: number[]; explanation: string; source?: string }[];
}

const ALL_BANKS = ['cxh-activities', 'yousheng-parents', 'family-health', 'youth-marriage-culture'];

/** The demo campaigns: one open (through 2027), one upcoming on 5·29 2027, one ended at 呼和浩特 level. */
export const demoCampaigns: CampaignInput[] = [
  {
    title: '优生优育进万家知识竞赛',
    description: '围绕优生优育、家庭健康、青春健康和新型婚育文化，全区会员都可参加。每次随机抽取 10 题，限时 10 分钟，60 分及格。',
    cover: null,
    orgId: '150000',
    draws: [
      { bankId: 'cxh-activities', count: 3 },
      { bankId: 'yousheng-parents', count: 3 },
      { bankId: 'family-health', count: 2 },
      { bankId: 'youth-marriage-culture', count: 2 },
    ],
    opensAt: '2026-01-01T00:00:00+08:00',
    closesAt: '2027-12-31T23:59:59+08:00',
    timeLimitSec: 600,
    attemptsPerDay: 3,
    attemptsTotal: 10,
    passMark: 60,
    showReview: true,
  },
  {
    title: '5·29 会员活动日知识竞赛',
    description: '5·29 会员活动日当天开放，了解计生协、会员之家和《人生》会刊。',
    cover: null,
    orgId: '150000',
    draws: [
      { bankId: 'cxh-activities', count: 6 },
      { bankId: 'family-health', count: 4 },
    ],
    opensAt: '2027-05-29T00:00:00+08:00',
    closesAt: '2027-05-30T00:00:00+08:00',
    timeLimitSec: 600,
    attemptsPerDay: 2,
    attemptsTotal: 2,
    passMark: 60,
    showReview: true,
  },
  {
    title: '7·11 世界人口日知识竞赛（呼和浩特）',
    description: '呼和浩特市计生协组织的世界人口日线上答题，已结束，可查看排行榜。',
    cover: null,
    orgId: '150100',
    draws: [
      { bankId: 'cxh-activities', count: 5 },
      { bankId: 'youth-marriage-culture', count: 5 },
    ],
    opensAt: '2026-07-01T00:00:00+08:00',
    closesAt: '2026-07-31T23:59:59+08:00',
    timeLimitSec: 600,
    attemptsPerDay: 3,
    attemptsTotal: 5,
    passMark: 60,
    showReview: true,
  },
];

export const quizSeeder: Seeder = {
  name: 'quiz',
  async run(store, seeds, now) {
    for (const file of seeds.list('quiz/banks').filter((f) => f.endsWith('.json'))) {
      const bank = seeds.readJson<BankFile>(`quiz/banks/${file}`);
      await store.quiz.upsertBank(
        { id: bank.id, title: bank.title, description: bank.description, orgId: '150000' },
        bank.questions.map((q) => ({
          id: q.id,
          type: q.type,
          stem: q.stem,
          options: q.options,
          answer: q.answer,
          explanation: q.explanation,
          source: q.source ?? null,
        })),
        now,
      );
    }
    const banks = new Set((await store.quiz.banks()).map((b) => b.id));
    for (const c of demoCampaigns) if (c.draws.every((d) => banks.has(d.bankId))) await store.quiz.createCampaign(c, now);
  },
};

export { ALL_BANKS };
