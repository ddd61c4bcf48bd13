import { audienceOf, beatCredit, mergeReading, readThrough, readingAward, visibleTo } from '../../cloud/features/magazine/rules';

const at = (s: number) => new Date(Date.parse('2026-11-23T02:00:00Z') + s * 1000);

describe('reading credit', () => {
  const counting = (activeSeconds: number) => ({ activeSeconds, countable: true });

  test('the first beat only starts the clock', () => {
    expect(beatCredit(counting(15), null, at(0))).toBe(0);
  });

  test('a beat every 15 s earns its active time, at most 30 s, never more than the wall time since the last beat', () => {
    expect(beatCredit(counting(15), at(0).toISOString(), at(15))).toBe(15);
    expect(beatCredit(counting(300), at(0).toISOString(), at(300))).toBe(30);
    expect(beatCredit(counting(30), at(0).toISOString(), at(5))).toBe(5);
    expect(beatCredit(counting(12.7), at(0).toISOString(), at(15))).toBe(12);
    // a device clock behind the server's last beat earns nothing rather than a negative credit
    expect(beatCredit(counting(15), at(20).toISOString(), at(15))).toBe(0);
  });

  test('time while hidden or idle does not count', () => {
    expect(beatCredit({ activeSeconds: 15, countable: false }, at(0).toISOString(), at(15))).toBe(0);
  });

  test('read through: 60 s active and 90 % scrolled, both needed', () => {
    expect(readThrough({ activeSeconds: 60, maxPosition: 0.9 })).toBe(true);
    expect(readThrough({ activeSeconds: 59, maxPosition: 1 })).toBe(false);
    expect(readThrough({ activeSeconds: 600, maxPosition: 0.89 })).toBe(false);
  });

  test('2 points per finished article, at most 10 a day', () => {
    const read = { memberId: 7, articleId: 42, title: '冬季保暖', at: at(0) };
    const paid = [1, 2, 3, 4, 5, 6, 7].map((n) => readingAward(n, read)?.delta ?? 0);
    expect(paid).toEqual([2, 2, 2, 2, 2, 0, 0]);
    expect(readingAward(1, read)).toEqual({ memberId: 7, delta: 2, reason: '阅读《人生》：冬季保暖', refKey: 'magazine:read:7:42', at: at(0) });
  });
});

describe('progress across devices', () => {
  const iso = (s: number) => at(s).toISOString();

  test('the first reading is kept', () => {
    expect(mergeReading(null, { position: 0.3, readAt: iso(10) })).toEqual({ next: { position: 0.3, readAt: iso(10), maxPosition: 0.3 }, applied: true });
    // a row made by opening the article has no reading yet
    expect(mergeReading({ position: 0, readAt: null, maxPosition: 0 }, { position: 0.2, readAt: iso(1) }).applied).toBe(true);
  });

  test('the later device time wins, whatever the arrival order; the furthest position only grows', () => {
    const tabletFirst = mergeReading(null, { position: 0.8, readAt: iso(40) }).next;
    const phoneLate = mergeReading(tabletFirst, { position: 0.1, readAt: iso(30) });
    expect(phoneLate).toEqual({ next: { position: 0.8, readAt: iso(40), maxPosition: 0.8 }, applied: false });
    const back = mergeReading(tabletFirst, { position: 0.2, readAt: iso(50) });
    expect(back).toEqual({ next: { position: 0.2, readAt: iso(50), maxPosition: 0.8 }, applied: true });
  });

  test('a tie keeps the reading already saved', () => {
    expect(mergeReading({ position: 0.5, readAt: iso(10), maxPosition: 0.5 }, { position: 0.6, readAt: iso(10) }).applied).toBe(false);
  });
});

describe('publication', () => {
  const now = at(0);
  const inner = { orgPath: '/150000/150100/150102/', now };
  const issue = (over: Partial<{ publishAt: string; orgPath: string; orgLevel: number }> = {}) => ({
    publishAt: at(-60).toISOString(),
    orgPath: '/150000/150100/',
    orgLevel: 2,
    ...over,
  });

  test('a scheduled issue is invisible until its time; an issue withdrawn to a later time disappears', () => {
    expect(visibleTo(issue(), audienceOf(inner))).toBe(true);
    expect(visibleTo(issue({ publishAt: at(1).toISOString() }), audienceOf(inner))).toBe(false);
    expect(visibleTo(issue({ publishAt: now.toISOString() }), audienceOf(inner))).toBe(true);
    expect(visibleTo(issue({ publishAt: '2099-01-01T00:00:00.000Z' }), audienceOf(inner))).toBe(false);
  });

  test("an issue reaches its org's subtree; a top-level org's issue reaches everyone, members without an org too", () => {
    expect(visibleTo(issue(), audienceOf({ orgPath: '/150000/150400/', now }))).toBe(false);
    expect(visibleTo(issue(), audienceOf({ orgPath: '/150000/', now }))).toBe(false);
    expect(visibleTo(issue({ orgPath: '/150000/150100/150102/', orgLevel: 3 }), audienceOf(inner))).toBe(true);
    expect(visibleTo(issue({ orgPath: '/150000/150100/150103/', orgLevel: 3 }), audienceOf(inner))).toBe(false);
    const top = issue({ orgPath: '/150000/', orgLevel: 1 });
    expect(visibleTo(top, audienceOf({ orgPath: null, now }))).toBe(true);
    expect(visibleTo(issue(), audienceOf({ orgPath: null, now }))).toBe(false);
  });

  test('the audience lists the org and its ancestors in a fixed number of slots', () => {
    expect(audienceOf(inner).publisherPaths).toEqual([
      '/150000/',
      '/150000/150100/',
      '/150000/150100/150102/',
      '/150000/150100/150102/',
      '/150000/150100/150102/',
    ]);
    expect(audienceOf({ orgPath: null, now }).publisherPaths).toEqual(['', '', '', '', '']);
  });
});
