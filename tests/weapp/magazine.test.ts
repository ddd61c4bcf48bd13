import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../cloud/app';
import { renderNative, sleep } from '../support/weapp';

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? files(path.join(dir, d.name)) : [path.join(dir, d.name)]));
}

test('the weapp magazine subPackage (the build `npm test` makes) stays under 150 KB, with its reader pages in it', () => {
  const root = path.join(REPO_ROOT, 'dist', 'weapp', 'packages', 'magazine');
  const all = files(root);
  const bytes = all.reduce((n, f) => n + fs.statSync(f).size, 0);
  expect(bytes).toBeLessThan(150 * 1024);
  for (const page of ['index', 'issue', 'article', 'search', 'mine', 'list']) expect(all).toContain(path.join(root, `${page}.js`));
  expect(
    all
      .filter((f) => f.endsWith('.js'))
      .map((f) => fs.readFileSync(f, 'utf8'))
      .join('\n'),
  ).toContain('magazine:progress-queue');
  // share: the reader and the issue page turn on WeChat's onShareAppMessage (answered by useShareAppMessage)
  for (const page of ['article', 'issue']) expect(fs.readFileSync(path.join(root, `${page}.js`), 'utf8')).toMatch(/enableShareAppMessage:(!0|true)/);
});

test('the compiled TOC item shows the title, reading time and the read/unread mark, and opens on tap', async () => {
  const onOpen = jest.fn();
  const item = await renderNative('packages/magazine/components/toc-item/index', {
    title: '冬季护理小宝宝：保暖不捂热',
    author: '本刊编辑部',
    summary: '怎样穿、怎样睡、怎样出门。',
    readingMinutes: 4,
    status: 'unread',
    onOpen,
  });
  expect(item.text('.mz-toc-item__title')).toBe('冬季护理小宝宝：保暖不捂热');
  expect(item.text('.mz-toc-item__mark')).toBe('未读');
  expect(item.text('.mz-toc-item__meta')).toBe('本刊编辑部 · 约 4 分钟');
  item.query('.mz-toc-item').dispatchEvent('tap');
  await sleep(20);
  expect(onOpen).toHaveBeenCalledTimes(1);

  const reading = await renderNative('packages/magazine/components/toc-item/index', {
    title: 'A',
    author: 'B',
    readingMinutes: 1,
    status: 'reading',
    position: 0.42,
  });
  expect(reading.text('.mz-toc-item__mark')).toBe('读到 42%');
  const read = await renderNative('packages/magazine/components/toc-item/index', { title: 'A', author: 'B', readingMinutes: 1, status: 'read' });
  expect(read.text('.mz-toc-item__mark')).toBe('已读');
});

test('the compiled font-size control marks the current size and reports a choice', async () => {
  const onChange = jest.fn();
  const onToggleNight = jest.fn();
  const ctl = await renderNative('packages/magazine/components/font-size-control/index', { value: 'large', night: false, onChange, onToggleNight });
  expect(ctl.query('.mz-fs__btn--large').dom.className).toContain('mz-fs__btn--on');
  expect(ctl.query('.mz-fs__btn--standard').dom.className).not.toContain('mz-fs__btn--on');
  ctl.query('.mz-fs__btn--xlarge').dispatchEvent('tap');
  await sleep(20);
  expect(onChange).toHaveBeenCalledWith('xlarge');
  expect(ctl.text('.mz-fs__night')).toBe('夜间');
  ctl.query('.mz-fs__night').dispatchEvent('tap');
  await sleep(20);
  expect(onToggleNight).toHaveBeenCalledTimes(1);
});
