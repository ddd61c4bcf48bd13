import { renderNative, sleep } from '../support/weapp';

const member = { nickname: '格桑花', realName: '王其其格', phoneMasked: '139****5678', orgName: '翁牛特旗计生协', points: 35 };

test('the compiled profile card shows the member with a masked phone', async () => {
  const card = await renderNative('components/profile-card/index', { member });
  expect(card.text('.profile-card__nickname')).toBe('格桑花');
  expect(card.text('.profile-card__realname')).toBe('实名：王其其格');
  expect(card.text('.profile-card__phone')).toBe('139****5678');
  expect(card.text('.profile-card__org')).toBe('翁牛特旗计生协');
  expect(card.text('.profile-card__points')).toBe('35');
  expect(card.root.dom.textContent).not.toContain('13912345678');
});

test('the card says what is missing and its edit button calls back', async () => {
  const onEdit = jest.fn();
  const card = await renderNative('components/profile-card/index', {
    member: { nickname: '新会员', realName: null, phoneMasked: null, orgName: null, points: 0 },
    onEdit,
  });
  expect(card.text('.profile-card__realname')).toBe('未填写真实姓名');
  expect(card.text('.profile-card__phone')).toBe('未填写');
  expect(card.text('.profile-card__org')).toBe('未选择');
  card.query('.profile-card__edit').dispatchEvent('tap');
  await sleep(20);
  expect(onEdit).toHaveBeenCalledTimes(1);
});
