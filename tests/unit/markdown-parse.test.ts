import { inlineParts, parseMarkdown } from '../../src/components/markdown/parse';

test('a list right after a heading is a heading and a list, not literal text', () => {
  expect(parseMarkdown('## 活动安排\n- 包饺子\n- 猜灯谜')).toEqual([
    { kind: 'heading', level: 2, text: '活动安排' },
    { kind: 'list', ordered: false, items: ['包饺子', '猜灯谜'] },
  ]);
});

test('paragraphs, ordered lists, images and blank-line separated blocks', () => {
  expect(parseMarkdown('欢迎参加\n请带身份证\n\n1. 签到\n2. 领取礼品\n![](/media/a.jpg)\n# 联系')).toEqual([
    { kind: 'paragraph', text: '欢迎参加\n请带身份证' },
    { kind: 'list', ordered: true, items: ['签到', '领取礼品'] },
    { kind: 'image', alt: '', src: '/media/a.jpg' },
    { kind: 'heading', level: 1, text: '联系' },
  ]);
});

test('a paragraph line after a list starts a paragraph; an indented one continues the item', () => {
  expect(parseMarkdown('- 包饺子\n  自带围裙\n地点在广场')).toEqual([
    { kind: 'list', ordered: false, items: ['包饺子\n自带围裙'] },
    { kind: 'paragraph', text: '地点在广场' },
  ]);
});

test('bold spans', () => {
  expect(inlineParts('请**准时**到场')).toEqual([
    { bold: false, text: '请' },
    { bold: true, text: '准时' },
    { bold: false, text: '到场' },
  ]);
});
