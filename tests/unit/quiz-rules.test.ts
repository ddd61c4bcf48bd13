import {
  scoreSummary,
  answersThatCount,
  attemptDeadline,
  attemptLimitRefusal,
  campaignStatus,
  compareEntries,
  durationOf,
  endOf,
  GRACE_MS,
  isBetterEntry,
  isResumable,
  needsSavedAnswers,
  overdueCutoff,
  pointsFor,
  saveRefusal,
  settle,
} from '../../cloud/features/quiz/rules';

const at = (s: string) => new Date(`2026-11-23T${s}Z`);
const attempt = {
  startedAt: at('02:00:00').toISOString(),
  deadlineAt: at('02:10:00').toISOString(),
  submittedAt: null,
  questions: [
    { id: 'a', order: [0, 1] },
    { id: 'b', order: [0, 1] },
  ],
};
const campaign = {
  id: 7,
  title: '竞赛',
  opensAt: at('00:00:00').toISOString(),
  closesAt: at('12:00:00').toISOString(),
  timeLimitSec: 600,
  attemptsTotal: 3,
  attemptsPerDay: 2,
};

describe('quiz rules', () => {
  test('a campaign is upcoming before it opens, open until it closes, ended from then on', () => {
    expect(campaignStatus(campaign, at('00:00:00'))).toBe('open');
    expect(campaignStatus(campaign, new Date(at('00:00:00').getTime() - 1))).toBe('upcoming');
    expect(campaignStatus(campaign, at('12:00:00'))).toBe('ended');
  });

  test('attempt limits: the total first, then the day', () => {
    expect(attemptLimitRefusal(campaign, { total: 2, today: 1 })).toBeNull();
    expect(attemptLimitRefusal(campaign, { total: 3, today: 0 })).toMatchObject({
      code: 'QUIZ_ATTEMPTS_USED',
      message: expect.stringContaining('最多答题 3 次'),
    });
    expect(attemptLimitRefusal(campaign, { total: 2, today: 2 })).toMatchObject({
      code: 'QUIZ_DAILY_LIMIT',
      message: expect.stringContaining('每天最多答题 2 次'),
    });
  });

  test('the deadline is the time limit from the start, cut at the close; an attempt is resumed while time remains', () => {
    expect(attemptDeadline(campaign, at('02:00:00'))).toEqual(at('02:10:00'));
    expect(attemptDeadline(campaign, at('11:55:00'))).toEqual(at('12:00:00'));
    expect(isResumable(attempt, at('02:09:59'))).toBe(true);
    expect(isResumable(attempt, at('02:10:00'))).toBe(false);
  });

  test('answers may be saved until deadline + 5 s, never after the attempt is scored', () => {
    expect(GRACE_MS).toBe(5000);
    expect(saveRefusal(attempt, at('02:10:05'))).toBeNull();
    expect(saveRefusal(attempt, new Date(at('02:10:05').getTime() + 1))).toMatchObject({ code: 'QUIZ_TIME_UP' });
    expect(saveRefusal({ ...attempt, submittedAt: at('02:05:00').toISOString() }, at('02:05:01'))).toMatchObject({ code: 'QUIZ_SUBMITTED' });
  });

  test('a submit in time ends now; a late one ends at the deadline, like a time-out', () => {
    expect(endOf(attempt, at('02:10:05'))).toEqual({ at: at('02:10:05'), late: false });
    expect(endOf(attempt, at('02:10:06'))).toEqual({ at: at('02:10:00'), late: true });
    expect(overdueCutoff(at('02:10:06'))).toEqual(at('02:10:01'));
    expect(durationOf(attempt, at('02:03:00'))).toBe(180_000);
    expect(durationOf(attempt, at('02:10:04'))).toBe(600_000);
  });

  test('the final answers count when in time; saved ones fill the rest, if saved by deadline + grace', () => {
    const saved = [
      { questionId: 'a', choice: [0], savedAt: at('02:01:00').toISOString() },
      { questionId: 'b', choice: [1], savedAt: at('02:10:06').toISOString() },
    ];
    expect(answersThatCount(attempt, [{ questionId: 'a', choice: [1] }], saved, at('02:05:00'))).toEqual(new Map([['a', [1]]]));
    expect(answersThatCount(attempt, [], [{ ...saved[1], savedAt: at('02:10:05').toISOString() }], at('02:10:00'))).toEqual(new Map([['b', [1]]]));
    // Final answers sent after deadline + grace do not count.
    expect(answersThatCount(attempt, [{ questionId: 'b', choice: [0] }], saved, at('02:11:00'))).toEqual(new Map([['a', [0]]]));
    expect(needsSavedAnswers(attempt, [{ questionId: 'a' }, { questionId: 'b' }])).toBe(false);
    expect(needsSavedAnswers(attempt, [{ questionId: 'a' }, { questionId: 'a' }])).toBe(true);
  });

  test('settle scores, times and dates an attempt', () => {
    const keyed = [
      { id: 'a', type: 'single' as const, answer: [1] },
      { id: 'b', type: 'single' as const, answer: [0] },
    ];
    const s = settle(
      attempt,
      keyed,
      60,
      [{ questionId: 'a', choice: [1] }],
      [{ questionId: 'b', choice: [1], savedAt: at('02:01:00').toISOString() }],
      at('02:04:00'),
    );
    expect(s).toEqual({
      submittedAt: at('02:04:00').toISOString(),
      score: 50,
      correctCount: 1,
      passed: false,
      correctIds: ['a'],
      durationMs: 240_000,
      answers: new Map([
        ['a', [1]],
        ['b', [1]],
      ]),
    });
  });

  test('best entry: higher score, then less time, then finished earlier; a tie does not replace', () => {
    const e = { score: 80, durationMs: 60_000, submittedAt: '2026-11-23T02:00:00.000Z' };
    expect(compareEntries({ ...e, score: 90, durationMs: 99_000 }, e)).toBeLessThan(0);
    expect(compareEntries({ ...e, durationMs: 59_999 }, e)).toBeLessThan(0);
    expect(compareEntries({ ...e, submittedAt: '2026-11-23T01:59:59.000Z' }, e)).toBeLessThan(0);
    expect(compareEntries({ ...e }, e)).toBe(0);
    expect(isBetterEntry(e, undefined)).toBe(true);
    expect(isBetterEntry({ ...e }, e)).toBe(false);
    expect(isBetterEntry({ ...e, score: 70, durationMs: 1 }, e)).toBe(false);
    expect(isBetterEntry({ ...e, durationMs: 50_000 }, e)).toBe(true);
    const sorted = [e, { ...e, score: 100 }, { ...e, durationMs: 1 }, { ...e, submittedAt: '2026-11-23T01:00:00.000Z' }].sort(compareEntries);
    expect(sorted.map((x) => [x.score, x.durationMs, x.submittedAt.slice(11, 13)])).toEqual([
      [100, 60_000, '02'],
      [80, 1, '02'],
      [80, 60_000, '01'],
      [80, 60_000, '02'],
    ]);
  });

  test('points: taking part once (not again after a scored attempt), passing each time it is due; none for a deleted member', () => {
    const now = at('03:00:00');
    expect(pointsFor(campaign, { memberId: 5, passed: true }, false, now).map((p) => [p.delta, p.refKey])).toEqual([
      [5, 'quiz:7:join:5'],
      [10, 'quiz:7:pass:5'],
    ]);
    expect(pointsFor(campaign, { memberId: 5, passed: false }, true, now)).toEqual([]);
    expect(pointsFor(campaign, { memberId: 5, passed: true }, true, now).map((p) => p.refKey)).toEqual(['quiz:7:pass:5']);
    expect(pointsFor(campaign, { memberId: null, passed: true }, false, now)).toEqual([]);
  });
});

describe('竞赛统计 from counts of best scores', () => {
  // The same figures as from the list of every participant's best score, which is what the counts stand for.
  const fromList = (scores: number[], passMark: number) => {
    const sorted = [...scores].sort((a, b) => a - b);
    const counts = [...new Set(sorted)].map((score) => ({ score, count: sorted.filter((s) => s === score).length }));
    return scoreSummary(counts, passMark);
  };

  test('median, average, pass rate and the ten bands', () => {
    expect(fromList([30, 60, 60, 100], 60)).toEqual({
      participants: 4,
      averageScore: 62.5,
      medianScore: 60,
      passRate: 0.75,
      distribution: expect.arrayContaining([
        { label: '30–39', count: 1 },
        { label: '60–69', count: 2 },
        { label: '90–100', count: 1 },
      ]),
    });
    expect(fromList([10, 20, 90], 60)).toMatchObject({ participants: 3, medianScore: 20, averageScore: 40, passRate: 1 / 3 });
    // An even count's median sits between the middle two, even when they fall in different counts.
    expect(fromList([0, 40, 50, 100], 60).medianScore).toBe(45);
    expect(scoreSummary([{ score: 70, count: 1_000_000 }], 60)).toMatchObject({ participants: 1_000_000, medianScore: 70, passRate: 1 });
  });

  test('nobody yet: no figures, ten empty bands', () => {
    const none = scoreSummary([], 60);
    expect(none).toMatchObject({ participants: 0, averageScore: null, medianScore: null, passRate: null });
    expect(none.distribution).toHaveLength(10);
    expect(none.distribution.every((d) => d.count === 0)).toBe(true);
  });
});
