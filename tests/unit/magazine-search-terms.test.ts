import fc from 'fast-check';
import { bigrams, holdsEvery, queryTerms, snippet, termKeys, trigrams, articleIndexTerms, highlight } from '../../cloud/features/magazine/search-terms';
import { ftsAll } from '../../cloud/adapters/sqlite/magazine';

test('a query splits at white space and control characters into distinct terms of two or more characters, four at most', () => {
  expect(queryTerms(' 宝宝  睡觉 ')).toEqual(['宝宝', '睡觉']);
  expect(queryTerms('a\u0000b')).toEqual([]);
  expect(queryTerms('血压\u0000睡眠\u0007')).toEqual(['血压', '睡眠']);
  expect(queryTerms('Ab ab AB 宝')).toEqual(['Ab']);
  expect(queryTerms('aa bb cc dd ee')).toEqual(['aa', 'bb', 'cc', 'dd']);
});

test('bigrams of letter/digit runs, trigrams of every window, case folded', () => {
  expect(bigrams('宝宝睡觉, OK')).toEqual(['宝宝', '宝睡', '睡觉', 'ok']);
  expect(trigrams('保暖不A')).toEqual(['保暖不', '暖不a']);
  expect(trigrams('𠀋𠀌𠀍')).toEqual(['𠀋𠀌𠀍']);
  expect(new Set(articleIndexTerms(['保暖不', '血压']))).toEqual(new Set(['保暖不', '保暖', '暖不', '血压']));
});

test('the index terms of a query term are found among the terms of any text that holds it', () => {
  expect(termKeys('血压')).toEqual(['血压']);
  expect(termKeys('a,')).toBeNull();
  expect(termKeys('捂热综合')).toEqual(['捂热综', '热综合']);
  fc.assert(
    fc.property(
      fc.oneof(fc.fullUnicodeString({ maxLength: 40 }), fc.stringOf(fc.constantFrom('Σ', 'Α', 'İ', 'x', '血', '压', ' ', ',', '𠀋'), { maxLength: 40 })),
      fc.nat(40),
      fc.integer({ min: 2, max: 6 }),
      (text, at, len) => {
        const term = Array.from(text)
          .slice(at, at + len)
          .join('');
        const keys = termKeys(term);
        if (Array.from(term).length < 2 || keys === null || /[\s\p{Cc}]/u.test(term)) return;
        const indexed = new Set(articleIndexTerms([text]));
        expect(keys.every((k) => indexed.has(k))).toBe(true);
        expect(holdsEvery([text], [term])).toBe(true);
      },
    ),
    { numRuns: 500 },
  );
});

test('holdsEvery checks each term against every field; highlight and snippet mark the terms', () => {
  expect(holdsEvery(['冬季保暖', '宝宝睡觉'], ['保暖', '睡觉'])).toBe(true);
  expect(holdsEvery(['冬季保暖', '宝宝睡觉'], ['保暖睡'])).toBe(false);
  expect(highlight('Ab ab', ['AB'])).toEqual([
    { text: 'Ab', hit: true },
    { text: ' ', hit: false },
    { text: 'ab', hit: true },
  ]);
  expect(snippet('x'.repeat(100) + '血压' + 'y'.repeat(100), ['血压']).filter((r) => r.hit)).toEqual([{ text: '血压', hit: true }]);
});

test('the FTS5 query built from any terms is one phrase per non-empty term, with NUL dropped and quotes doubled', () => {
  expect(ftsAll(['a"b', '\u0000', '血\u0000压'])).toBe('"a""b" AND "血压"');
  fc.assert(
    fc.property(fc.array(fc.fullUnicodeString()), (terms) => {
      const q = ftsAll(terms);
      expect(q).not.toContain('\u0000');
      // every phrase opens and closes: an even number of quotes
      expect((q.match(/"/g) ?? []).length % 2).toBe(0);
    }),
  );
});
