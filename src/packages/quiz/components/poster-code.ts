import { create } from 'qrcode/lib/core/qrcode';
import { POSTER_W, type PosterCanvas } from './poster-draw';

/** Where the code sits on the poster (above the closing line; drawPoster leaves the room when given an image). */
export const CODE_BOX = { x: POSTER_W / 2 - 50, y: 610, size: 100 };

/** The H5 page of a campaign, for the ordinary QR when no 小程序码 can be had (H5, no WeChat credentials). */
export const campaignH5Link = (origin: string, campaignId: number) => `${origin.replace(/\/$/, '')}/#/packages/quiz/index?c=${campaignId}`;

/** Draws an ordinary QR of `text` into the code box, module by module (works on any 2D canvas, no image loading). */
export function drawQr(ctx: PosterCanvas, text: string): void {
  const { modules } = create(text, { errorCorrectionLevel: 'M' });
  const n = modules.size;
  const quiet = 2;
  const cell = CODE_BOX.size / (n + quiet * 2);
  ctx.fillStyle = '#fff';
  ctx.fillRect(CODE_BOX.x, CODE_BOX.y, CODE_BOX.size, CODE_BOX.size);
  ctx.fillStyle = '#000';
  for (let r = 0; r < n; r++)
    for (let c = 0; c < n; c++)
      if (modules.get(r, c)) ctx.fillRect(CODE_BOX.x + (c + quiet) * cell, CODE_BOX.y + (r + quiet) * cell, Math.ceil(cell), Math.ceil(cell));
}
