import { drawPoster, posterDataOf, POSTER_H, POSTER_W, type PosterCanvas } from '../../src/packages/quiz/components/poster-draw';

/** A canvas context that records what is drawn (each text with the fill style and font it was drawn in). */
function recordingCanvas() {
  const texts: { text: string; x: number; y: number; fillStyle: string; font: string }[] = [];
  const rects: { x: number; y: number; w: number; h: number; fillStyle: string }[] = [];
  const images: { image: unknown; x: number; y: number; w: number; h: number }[] = [];
  const ctx: PosterCanvas = {
    fillStyle: '#000',
    font: '10px sans-serif',
    textAlign: 'start',
    fillRect: (x, y, w, h) => void rects.push({ x, y, w, h, fillStyle: String(ctx.fillStyle) }),
    fillText: (text, x, y) => void texts.push({ text, x, y, fillStyle: String(ctx.fillStyle), font: ctx.font }),
    // Wide enough that a long title needs more than one line: 28 px per character.
    measureText: (text) => ({ width: [...text].length * 28 }),
    drawImage: (image, x, y, w, h) => void images.push({ image, x, y, w, h }),
  };
  return { ctx, texts, rects, images, all: () => texts.map((t) => t.text).join('\n') };
}

/** Everything is drawn centred, inside the poster, and no line is wider than the white card (540 px). */
function expectInside(c: ReturnType<typeof recordingCanvas>) {
  expect(c.ctx.textAlign).toBe('center');
  for (const t of c.texts) {
    expect(t.y).toBeGreaterThan(0);
    expect(t.y).toBeLessThan(POSTER_H);
    // A CJK character is as wide as the font size, others about half.
    const size = Number(/(\d+)px/.exec(t.font)![1]);
    const width = [...t.text].reduce((w, ch) => w + (/[\u3000-\uffff]/.test(ch) ? size : size * 0.55), 0);
    expect({ text: t.text, width: Math.min(width, POSTER_W - 60) }).toEqual({ text: t.text, width });
  }
}

const result = {
  attemptId: 7,
  campaignId: 1,
  title: '优生优育进万家知识竞赛',
  score: 80,
  correctCount: 8,
  total: 10,
  durationMs: 95_000,
  passed: true,
  passMark: 60,
  submittedAt: '2026-11-23T02:01:35.000Z',
  rank: 3,
  participants: 120,
};

test('the poster shows the campaign title, score, pass, correct count, time and rank', () => {
  const c = recordingCanvas();
  drawPoster(c.ctx, posterDataOf(result, '草原阿妈'));
  const all = c.all();
  expect(all).toContain('优生优育进万家知识竞赛');
  expect(all).toContain('草原阿妈 的成绩');
  const score = c.texts.find((t) => t.text === '80')!;
  expect(score).toBeTruthy();
  expect(score.font).toMatch(/bold 160px/);
  expect(score.fillStyle).toBe('#c8102e');
  expect(all).toContain('恭喜及格！');
  expect(all).toContain('（60 分及格）');
  expect(c.texts.find((t) => t.text.startsWith('恭喜及格'))!.fillStyle).toBe('#1b7f3b');
  expect(all).toContain('答对 8 / 10 题 · 用时 1分35秒');
  expect(all).toContain('排名 第 3 名（共 120 人）');
  expectInside(c);
  // The red background fills the whole poster first.
  expect(c.rects[0]).toEqual({ x: 0, y: 0, w: POSTER_W, h: POSTER_H, fillStyle: '#c8102e' });
  expect(c.images).toEqual([]);
});

test('a failed attempt says so in red; no rank yet shows the number of participants', () => {
  const c = recordingCanvas();
  drawPoster(c.ctx, posterDataOf({ ...result, score: 40, correctCount: 4, passed: false, rank: null, participants: 5 }, ''));
  const all = c.all();
  expect(all).toContain('40');
  expect(all).toContain('未及格，再接再厉！');
  expect(c.texts.find((t) => t.text.startsWith('未及格'))!.fillStyle).toBe('#b00020');
  expect(all).not.toContain('恭喜及格');
  expect(all).not.toContain('排名');
  expect(all).toContain('共 5 人参加');
  expectInside(c);
  expect(all).toContain('我 的成绩'); // no nickname
});

test('a long title wraps onto at most two lines above the white card, and an optional image is drawn', () => {
  const c = recordingCanvas();
  const title = '2027年“5·29会员活动日”暨优生优育进万家、青春健康与新型婚育文化知识竞赛（全区）';
  drawPoster(c.ctx, posterDataOf({ ...result, title }, '会员'), { src: 'qrcode' });
  const titleLines = c.texts.filter((t) => t.y < 150 && t.y > 80);
  expect(titleLines).toHaveLength(2);
  for (const l of titleLines) expect([...l.text].length * 28).toBeLessThanOrEqual(POSTER_W - 80 + 28);
  expect(titleLines[1].text.endsWith('…')).toBe(true);
  expect(title.startsWith(titleLines[0].text)).toBe(true);
  expect(c.images).toEqual([{ image: { src: 'qrcode' }, x: POSTER_W / 2 - 50, y: 610, w: 100, h: 100 }]);
});
