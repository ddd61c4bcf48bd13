import type { QuestionType } from '../../contracts/quiz-rules';

export interface KeyedQuestion {
  id: string;
  type: QuestionType;
  /** Correct option indices (bank order). */
  answer: number[];
}

/** Single and judge: the one correct option. Multiple: every correct option and no wrong one. */
export function isCorrect(q: KeyedQuestion, choice: readonly number[] | undefined): boolean {
  if (!choice || choice.length === 0) return false;
  const chosen = new Set(choice);
  if (chosen.size !== choice.length) return false;
  if (q.type !== 'multiple' && chosen.size !== 1) return false;
  const correct = new Set(q.answer);
  return chosen.size === correct.size && [...chosen].every((c) => correct.has(c));
}

export interface Score {
  score: number;
  correctCount: number;
  total: number;
  passed: boolean;
}

/** Every question weighs the same; the score is out of 100, rounded. */
export function scoreAnswers(questions: KeyedQuestion[], answers: ReadonlyMap<string, readonly number[]>, passMark: number): Score & { correctIds: string[] } {
  const total = questions.length;
  const correctIds = questions.filter((q) => isCorrect(q, answers.get(q.id))).map((q) => q.id);
  const correctCount = correctIds.length;
  const score = total === 0 ? 0 : Math.round((100 * correctCount) / total);
  return { score, correctCount, total, passed: score >= passMark, correctIds };
}

/** Fisher–Yates on a copy. */
export function shuffle<T>(items: readonly T[], random: () => number = Math.random): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}
