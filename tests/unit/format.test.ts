import { maskName, maskPhone } from '../../cloud/contracts/format';
import { describeZodError } from '../../cloud/core/router';
import { memberUpdateInput } from '../../cloud/contracts/member';
import { flattenOrgTree } from '../../cloud/features/org/seed';
import { buildOrgTree } from '../../cloud/features/org/handlers';

test('phones and names are masked the same way everywhere', () => {
  expect(maskPhone('13912345678')).toBe('139****5678');
  expect(maskPhone(null)).toBeNull();
  expect(maskPhone('1234')).toBe('**34');
  expect(maskName('王其其格')).toBe('王***');
  expect(maskName('李')).toBe('李*');
});

test('schema errors become one Chinese sentence naming the field', () => {
  const r = memberUpdateInput.safeParse({ nickname: 'x'.repeat(21) });
  expect(r.success).toBe(false);
  expect(describeZodError(r.error!)).toBe('昵称最多 20 个字');
  const unknown = memberUpdateInput.safeParse({ points: 999 });
  expect(describeZodError(unknown.error!)).toBe('不认识的字段：points');
  const phone = memberUpdateInput.safeParse({ phone: '12345' });
  expect(describeZodError(phone.error!)).toBe('请填写 11 位手机号码');
});

test('the nested seed tree flattens with levels by depth and rebuilds into the same tree', () => {
  const flat = flattenOrgTree([
    {
      id: 'a',
      name: 'A',
      children: [
        { id: 'b', name: 'B', children: [{ id: 'c', name: 'C' }] },
        { id: 'd', name: 'D' },
      ],
    },
  ]);
  expect(flat.map((o) => [o.id, o.level, o.parentId])).toEqual([
    ['a', 1, null],
    ['b', 2, 'a'],
    ['c', 3, 'b'],
    ['d', 2, 'a'],
  ]);
  const tree = buildOrgTree(flat.map((o) => ({ ...o, path: '', memberCount: null })));
  expect(tree).toHaveLength(1);
  expect(tree[0].children.map((c) => c.id)).toEqual(['b', 'd']);
  expect(tree[0].children[0].children[0].id).toBe('c');
});
