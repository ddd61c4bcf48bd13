/**
 * The quiz poster's code where no 小程序码 can be had (H5, hosts without WeChat credentials): an ordinary QR of the
 * campaign's H5 link, drawn module by module on the poster canvas, which a phone camera (jsqr here) reads back.
 */
import jsQR from 'jsqr';
import { drawPoster, POSTER_H, POSTER_W, type PosterCanvas } from '../../src/packages/quiz/components/poster-draw';
import { CODE_BOX, campaignH5Link, drawQr } from '../../src/packages/quiz/components/poster-code';
import { campaignIdOfScene } from '../../cloud/contracts/notify-format';

/** A canvas that really paints rectangles (text is not needed to read the code). */
function rasterCanvas() {
  const pixels = new Uint8ClampedArray(POSTER_W * POSTER_H * 4);
  const ctx: PosterCanvas & { pixels: Uint8ClampedArray } = {
    pixels,
    fillStyle: '#000',
    font: '',
    textAlign: 'left',
    fillRect(x, y, w, h) {
      const hex = String(this.fillStyle);
      const rgb = hex.length === 4 ? [1, 2, 3].map((i) => parseInt(hex[i] + hex[i], 16)) : [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
      for (let yy = Math.max(0, Math.round(y)); yy < Math.min(POSTER_H, Math.round(y + h)); yy++)
        for (let xx = Math.max(0, Math.round(x)); xx < Math.min(POSTER_W, Math.round(x + w)); xx++) {
          const o = (yy * POSTER_W + xx) * 4;
          pixels.set([...rgb, 255], o);
        }
    },
    fillText: () => undefined,
    measureText: (t: string) => ({ width: t.length * 20 }),
  };
  return ctx;
}

test('H5 and no-credential posters carry an ordinary QR of the campaign’s H5 link that a camera reads back', () => {
  const ctx = rasterCanvas();
  const link = campaignH5Link('https://hyzj.example.cn/', 12);
  expect(link).toBe('https://hyzj.example.cn/#/packages/quiz/index?c=12');
  drawPoster(
    ctx,
    { title: '知识竞赛', score: 90, correctCount: 9, total: 10, durationMs: 60_000, passed: true, passMark: 60, rank: 3, participants: 40, nickname: '乌云' },
    true,
  );
  drawQr(ctx, link);
  // Read the whole poster, as a phone pointed at it would.
  const read = jsQR(ctx.pixels, POSTER_W, POSTER_H);
  expect(read?.data).toBe(link);
  expect(read!.location.topLeftCorner.x).toBeGreaterThanOrEqual(CODE_BOX.x - 1);
  expect(read!.location.bottomRightCorner.y).toBeLessThanOrEqual(CODE_BOX.y + CODE_BOX.size + 1);
});

test('the page reads the campaign from a 小程序码 scene as WeChat passes it', () => {
  expect(campaignIdOfScene(encodeURIComponent('c=12'))).toBe(12);
  expect(campaignIdOfScene('c=7')).toBe(7);
  expect(campaignIdOfScene(undefined)).toBeNull();
  expect(campaignIdOfScene('%E0%A4%A')).toBeNull();
});
