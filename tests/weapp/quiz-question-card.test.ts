import { renderNative, sleep } from '../support/weapp';

const questions = [
  { type: 'single', stem: '每年的世界人口日是哪一天？', options: ['5月29日', '12月1日', '7月11日', '9月1日'] },
  { type: 'multiple', stem: '下列哪些属于孕前保健的做法？', options: ['补充叶酸', '戒烟戒酒', '随意用药', '孕前检查'] },
];

test('the compiled question card: choose an option, then move to the next question', async () => {
  const onChange = jest.fn();
  const onNext = jest.fn();
  const card = await renderNative('packages/quiz/components/question-card/index', { index: 0, total: 2, ...questions[0], selected: [], onChange, onNext });
  expect(card.text('.qcard__count')).toBe('第 1 / 2 题');
  expect(card.text('.qcard__type')).toBe('单选题');
  expect(card.text('.qcard__stem')).toBe('每年的世界人口日是哪一天？');
  expect(card.text('.qcard__option-2')).toContain('7月11日');
  expect(card.query('.qcard__option--on')).toBeFalsy();

  card.query('.qcard__option-2').dispatchEvent('tap');
  await sleep(20);
  expect(onChange).toHaveBeenCalledWith([2]);

  card.query('.qcard__btn--next').dispatchEvent('tap');
  await sleep(20);
  expect(onNext).toHaveBeenCalledTimes(1);

  // The page answers by rendering the next question; a multiple-choice option adds to the choice.
  const next = await renderNative('packages/quiz/components/question-card/index', { index: 1, total: 2, ...questions[1], selected: [0], onChange, onNext });
  expect(next.text('.qcard__count')).toBe('第 2 / 2 题');
  expect(next.text('.qcard__type')).toContain('多选题');
  expect(next.query('.qcard__option--on')).toBeTruthy();
  expect(next.query('.qcard__btn--next')).toBeFalsy(); // last question: submit from the page
  next.query('.qcard__option-3').dispatchEvent('tap');
  await sleep(20);
  expect(onChange).toHaveBeenLastCalledWith([0, 3]);
});
