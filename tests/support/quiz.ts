import type { AttemptView } from '../../cloud/contracts/quiz';
import type { Store } from '../../cloud/features/store';

/** The shown positions of the correct options of each question of an attempt, looked up in the bank (as only a test can). */
export async function correctChoices(store: Pick<Store, 'quiz'>, view: AttemptView): Promise<{ questionId: string; choice: number[] }[]> {
  const bank = new Map((await store.quiz.questionsByIds(view.questions.map((q) => q.id))).map((q) => [q.id, q]));
  return view.questions.map((q) => {
    const b = bank.get(q.id)!;
    const texts = b.answer.map((i) => b.options[i]);
    return { questionId: q.id, choice: q.options.map((o, p) => (texts.includes(o) ? p : -1)).filter((p) => p >= 0) };
  });
}
