import { renderNative, sleep } from '../support/weapp';

const result = {
  title: '优生优育进万家知识竞赛',
  score: 80,
  correctCount: 8,
  total: 10,
  durationMs: 95_000,
  passed: true,
  passMark: 60,
  rank: 3,
  participants: 120,
};

test('the compiled result card shows the figures and the save / share poster button, and tapping it asks for the poster', async () => {
  const onPoster = jest.fn();
  const onLeaderboard = jest.fn();
  const card = await renderNative('packages/quiz/components/result-card/index', { ...result, onPoster, onLeaderboard });
  expect(card.text('.rcard__title')).toBe('优生优育进万家知识竞赛');
  expect(card.text('.rcard__score')).toBe('80');
  expect(card.text('.rcard__pass')).toBe('及格（60 分及格）');
  expect(card.query('.rcard__pass--ok')).toBeTruthy();
  expect(card.text('.rcard__correct')).toBe('8/10');
  expect(card.text('.rcard__time')).toBe('1分35秒');
  expect(card.text('.rcard__rank')).toBe('第 3 名');
  expect(card.text('.rcard__facts')).toContain('共 120 人');
  expect(card.text('.rcard__poster')).toBe('保存 / 分享海报');

  card.query('.rcard__poster').dispatchEvent('tap');
  await sleep(20);
  expect(onPoster).toHaveBeenCalledTimes(1);
  card.query('.rcard__leaderboard').dispatchEvent('tap');
  await sleep(20);
  expect(onLeaderboard).toHaveBeenCalledTimes(1);
});

test('a failed attempt without a rank yet', async () => {
  const card = await renderNative('packages/quiz/components/result-card/index', {
    ...result,
    score: 40,
    correctCount: 4,
    passed: false,
    rank: null,
    participants: 0,
  });
  expect(card.text('.rcard__score')).toBe('40');
  expect(card.text('.rcard__pass')).toBe('未及格（60 分及格）');
  expect(card.query('.rcard__pass--bad')).toBeTruthy();
  expect(card.text('.rcard__rank')).toBe('—');
});
