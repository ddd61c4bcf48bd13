import { placeholders, pushTo, valueRows, valuesOf } from '../../cloud/adapters/mysql/db';
import { controlCharacterPath } from '../../cloud/core/router';

describe('the text and values of a multi-row MySQL statement', () => {
  test('placeholders: one ? per value, comma-separated; none for no value', () => {
    expect(placeholders(0)).toBe('');
    expect(placeholders(1)).toBe('?');
    expect(placeholders(3)).toBe('?, ?, ?');
  });

  test('valueRows: count rows of width values each', () => {
    expect(valueRows(0, 3)).toBe('');
    expect(valueRows(1, 2)).toBe('(?, ?)');
    expect(valueRows(3, 2)).toBe('(?, ?), (?, ?), (?, ?)');
    const text = valueRows(250, 6);
    expect(text.match(/\?/g)).toHaveLength(1500);
    expect(text.match(/\(/g)).toHaveLength(250);
  });

  test('valuesOf: each item’s values in order, one level flat, as many as the placeholders', () => {
    const rows = [
      { id: 1, tags: ['a'] },
      { id: 2, tags: ['b', 'c'] },
    ];
    expect(valuesOf(rows, (r) => [r.id, r.tags])).toEqual([1, ['a'], 2, ['b', 'c']]);
    expect(valuesOf(new Map([[7, 70]]), (entry) => entry)).toEqual([7, 70]);
    expect(valuesOf([], () => [1])).toEqual([]);
    const many = Array.from({ length: 250 }, (_, i) => i);
    expect(valuesOf(many, (i) => [i, i, i, i, i, i])).toHaveLength(valueRows(250, 6).match(/\?/g)!.length);
  });
});

test('pushTo gathers values in lists by key, in arrival order', () => {
  const lists = new Map<number, string[]>();
  for (const [k, v] of [
    [1, 'a'],
    [2, 'b'],
    [1, 'c'],
  ] as const)
    pushTo(lists, k, v);
  expect([...lists]).toEqual([
    [1, ['a', 'c']],
    [2, ['b']],
  ]);
});

describe('controlCharacterPath names the first field holding a control character', () => {
  test('in nested objects and lists, in order', () => {
    expect(controlCharacterPath({ nickname: '张三' })).toBeUndefined();
    expect(controlCharacterPath({ nickname: 'a\u0001' })).toEqual(['nickname']);
    expect(controlCharacterPath({ attemptId: 1, answers: [{ questionId: 'q1' }, { questionId: 'q\u0000', choice: [0] }] })).toEqual([
      'answers',
      1,
      'questionId',
    ]);
    expect(controlCharacterPath({ a: { 'b\u0007': 'x' } })).toEqual(['a', 'b\u0007']);
    expect(controlCharacterPath({ first: ['\u001f'], second: '\u0002' })).toEqual(['first', 0]);
  });

  test('tab and line breaks are text, not control characters', () => {
    expect(controlCharacterPath({ content: '第一行\n第二行\r\n\t缩进' })).toBeUndefined();
    expect(controlCharacterPath(['\u007f'])).toEqual([0]);
  });
});
