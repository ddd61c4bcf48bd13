import { AdminScope } from '../../cloud/core/access';

const chifeng = { id: '150400', name: '赤峰市计生协', level: 2, path: '/150000/150400/' };

test('an admin covers their org and everything under it, nothing beside or above', () => {
  const scope = new AdminScope([chifeng]);
  expect(scope.covers('/150000/150400/')).toBe(true);
  expect(scope.covers('/150000/150400/150426/150426100/')).toBe(true);
  expect(scope.covers('/150000/150100/')).toBe(false);
  expect(scope.covers('/150000/')).toBe(false);
  // A sibling whose id merely starts with the same digits is not inside.
  expect(new AdminScope([{ ...chifeng, path: '/150000/1504/' }]).covers('/150000/150400/')).toBe(false);
});

test('require() refuses members and out-of-scope orgs with Chinese messages', () => {
  expect(() => new AdminScope([]).require('/150000/')).toThrow('此功能仅对协会管理员开放');
  expect(() => new AdminScope([chifeng]).require('/150000/150100/')).toThrow('只能管理本单位及下级单位的内容');
  expect(() => new AdminScope([chifeng]).require(null)).toThrow('只能管理本单位及下级单位的内容');
  expect(() => new AdminScope([chifeng]).require('/150000/150400/150426/')).not.toThrow();
});
