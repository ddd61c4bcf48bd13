import { renderNative, sleep } from '../support/weapp';

const base = {
  id: 7,
  title: '沟通之道：和青春期孩子好好说话',
  topic: '青春期沟通',
  teacher: '赵建国',
  orgName: '呼和浩特市计生协',
  place: '呼和浩特市计生协培训室',
  startsAt: '2026-12-05T06:00:00.000Z',
  capacity: 30,
  confirmedCount: 27,
  waitlistCount: 0,
  waitlistOpen: true,
  registration: 'open',
  myStatus: null,
};

test('the compiled class card shows the class, China time and seats left', async () => {
  const card = await renderNative('packages/classes/components/class-card/index', { cls: base });
  expect(card.text('.class-card__title')).toBe('沟通之道：和青春期孩子好好说话');
  expect(card.text('.class-card__time')).toBe('12月5日 周六 14:00');
  expect(card.text('.class-card__seats')).toBe('剩余 3 个名额');
  expect(card.text('.class-card__state')).toBe('报名中');
});

test('a full class shows "候补 N 人", my status, and a tap calls back with its id', async () => {
  const onOpen = jest.fn();
  const card = await renderNative('packages/classes/components/class-card/index', {
    cls: { ...base, confirmedCount: 30, waitlistCount: 4, myStatus: 'waitlisted' },
    onOpen,
  });
  expect(card.text('.class-card__seats')).toBe('候补 4 人');
  expect(card.text('.class-card__mine')).toBe('候补中');
  card.query('.class-card').dispatchEvent('tap');
  await sleep(20);
  expect(onOpen).toHaveBeenCalledWith(7);
});
