import type { AttemptView } from '../../cloud/contracts/quiz';
import type { PayloadOf } from '../../cloud/contracts';
import type { Store } from '../../cloud/features/store';
import type { Caller } from './app';

/** The shown positions of the correct options of each question of an attempt, looked up in the bank (as only a test can). */
export async function correctChoices(store: Pick<Store, 'quiz'>, view: AttemptView): Promise<{ questionId: string; choice: number[] }[]> {
  const bank = new Map((await store.quiz.questionsByIds(view.questions.map((q) => q.id))).map((q) => [q.id, q]));
  return view.questions.map((q) => {
    const b = bank.get(q.id)!;
    const texts = b.answer.map((i) => b.options[i]);
    return { questionId: q.id, choice: q.options.map((o, p) => (texts.includes(o) ? p : -1)).filter((p) => p >= 0) };
  });
}

/** A wrong answer to a question: its first option that is not among the right ones. */
export function wrongChoice(view: AttemptView, right: { questionId: string; choice: number[] }): number[] {
  const q = view.questions.find((x) => x.id === right.questionId)!;
  return [q.options.findIndex((_, p) => !right.choice.includes(p))];
}

/** Answers to every question of an attempt with the first `nRight` right and the rest wrong. */
export async function answersWithRight(store: Pick<Store, 'quiz'>, view: AttemptView, nRight: number) {
  return (await correctChoices(store, view)).map((a, i) => (i < nRight ? a : { questionId: a.questionId, choice: wrongChoice(view, a) }));
}

/**
 * A leaderboard entry made through the API: the member starts so as to finish at `finishedAt` after `durationMs`,
 * with `nRight` of the campaign's 10 questions right (score nRight × 10). Answers the submit's result.
 */
export async function scoredEntry(
  app: { store: Pick<Store, 'quiz'> },
  setClock: (d: Date) => void,
  m: Caller,
  campaignId: number,
  entry: { nRight: number; durationMs: number; finishedAt: string },
) {
  const finished = new Date(entry.finishedAt).getTime();
  setClock(new Date(finished - entry.durationMs));
  const view = await m.call('quiz.start', { campaignId });
  const answers = await answersWithRight(app.store, view, entry.nRight);
  setClock(new Date(finished));
  return m.call('quiz.submit', { attemptId: view.attemptId, answers });
}

/**
 * A campaign an admin may save with `quiz.admin.saveCampaign`: open through November and December 2026, four questions,
 * 2 attempts a day and 5 in all. Tests name only what they are about.
 */
export function campaignPayload(overrides: Partial<PayloadOf<'quiz.admin.saveCampaign'>> = {}): PayloadOf<'quiz.admin.saveCampaign'> {
  return {
    title: '测试答题',
    description: '测试',
    orgId: '150100',
    draws: [{ bankId: 'family-health', count: 4 }],
    opensAt: '2026-11-01T00:00:00+08:00',
    closesAt: '2026-12-31T00:00:00+08:00',
    timeLimitSec: 600,
    attemptsPerDay: 2,
    attemptsTotal: 5,
    passMark: 60,
    showReview: true,
    ...overrides,
  };
}
