import { isCorrect, scoreAnswers, shuffle } from '../../cloud/features/quiz/scoring';
import { chinaDay } from '../../cloud/contracts/china-time';

describe('quiz scoring', () => {
  const single = { id: 's', type: 'single' as const, answer: [2] };
  const judge = { id: 'j', type: 'judge' as const, answer: [1] };
  const multi = { id: 'm', type: 'multiple' as const, answer: [0, 2, 3] };

  test('single and judge: exactly the one correct option', () => {
    expect(isCorrect(single, [2])).toBe(true);
    expect(isCorrect(single, [1])).toBe(false);
    expect(isCorrect(single, [2, 1])).toBe(false);
    expect(isCorrect(single, [])).toBe(false);
    expect(isCorrect(single, undefined)).toBe(false);
    expect(isCorrect(judge, [1])).toBe(true);
    expect(isCorrect(judge, [0])).toBe(false);
  });

  test('multiple: all correct options and no wrong one, in any order', () => {
    expect(isCorrect(multi, [3, 0, 2])).toBe(true);
    expect(isCorrect(multi, [0, 2])).toBe(false); // one missing
    expect(isCorrect(multi, [0, 1, 2, 3])).toBe(false); // one wrong added
    expect(isCorrect(multi, [0, 2, 2, 3])).toBe(false); // duplicates are not a trick around the rule
    expect(isCorrect(multi, [1])).toBe(false);
  });

  test('score is out of 100, each question weighing the same, pass at the mark', () => {
    const qs = [single, judge, multi];
    const all = scoreAnswers(
      qs,
      new Map([
        ['s', [2]],
        ['j', [1]],
        ['m', [0, 2, 3]],
      ]),
      60,
    );
    expect(all).toEqual({ score: 100, correctCount: 3, total: 3, passed: true, correctIds: ['s', 'j', 'm'] });
    const two = scoreAnswers(
      qs,
      new Map([
        ['s', [2]],
        ['j', [1]],
        ['m', [0, 2]],
      ]),
      60,
    );
    expect(two).toEqual({ score: 67, correctCount: 2, total: 3, passed: true, correctIds: ['s', 'j'] });
    const one = scoreAnswers(qs, new Map([['s', [2]]]), 60);
    expect(one).toEqual({ score: 33, correctCount: 1, total: 3, passed: false, correctIds: ['s'] });
    expect(scoreAnswers([], new Map(), 60).score).toBe(0);
  });

  test('shuffle returns a permutation', () => {
    const xs = Array.from({ length: 20 }, (_, i) => i);
    const s = shuffle(xs);
    expect([...s].sort((a, b) => a - b)).toEqual(xs);
    expect(xs).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  test('the per-day limit counts Beijing days', () => {
    expect(chinaDay(new Date('2026-05-28T16:00:00Z'))).toBe('2026-05-29');
    expect(chinaDay(new Date('2026-05-28T15:59:59Z'))).toBe('2026-05-28');
  });
});
