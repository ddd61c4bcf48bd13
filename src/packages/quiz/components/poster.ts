import Taro from '@tarojs/taro';
import { formatDuration } from '@contracts/quiz-rules';

export interface PosterData {
  title: string;
  score: number;
  correctCount: number;
  total: number;
  durationMs: number;
  passed: boolean;
  rank: number | null;
  nickname: string;
}

export const POSTER_W = 600;
export const POSTER_H = 800;

/** Draws the score poster on any 2D context (a weapp Canvas 2d node or an H5 <canvas>). */
export function drawPoster(ctx: CanvasRenderingContext2D, d: PosterData) {
  ctx.fillStyle = '#c8102e';
  ctx.fillRect(0, 0, POSTER_W, POSTER_H);
  ctx.fillStyle = '#fff';
  ctx.fillRect(30, 150, POSTER_W - 60, POSTER_H - 210);
  ctx.textAlign = 'center';
  ctx.fillStyle = '#fff';
  ctx.font = 'bold 40px sans-serif';
  ctx.fillText('会员之家 · 知识竞赛', POSTER_W / 2, 70);
  ctx.font = '28px sans-serif';
  wrap(ctx, d.title, POSTER_W / 2, 118, POSTER_W - 80, 34);
  ctx.fillStyle = '#333';
  ctx.font = '30px sans-serif';
  ctx.fillText(`${d.nickname} 的成绩`, POSTER_W / 2, 220);
  ctx.fillStyle = '#c8102e';
  ctx.font = 'bold 160px sans-serif';
  ctx.fillText(String(d.score), POSTER_W / 2, 400);
  ctx.font = '32px sans-serif';
  ctx.fillText('分', POSTER_W / 2 + 130, 400);
  ctx.fillStyle = d.passed ? '#1b7f3b' : '#b00020';
  ctx.font = 'bold 40px sans-serif';
  ctx.fillText(d.passed ? '恭喜及格！' : '再接再厉！', POSTER_W / 2, 470);
  ctx.fillStyle = '#555';
  ctx.font = '30px sans-serif';
  ctx.fillText(`答对 ${d.correctCount} / ${d.total} 题 · 用时 ${formatDuration(d.durationMs)}`, POSTER_W / 2, 540);
  if (d.rank) ctx.fillText(`当前排名 第 ${d.rank} 名`, POSTER_W / 2, 590);
  ctx.fillStyle = '#8a8a8a';
  ctx.font = '24px sans-serif';
  ctx.fillText('学知识 · 促健康 · 一起来答题', POSTER_W / 2, 700);
}

function wrap(ctx: CanvasRenderingContext2D, text: string, x: number, y: number, width: number, lineHeight: number) {
  let line = '';
  for (const ch of text) {
    if (ctx.measureText(line + ch).width > width) {
      ctx.fillText(line, x, y);
      line = ch;
      y += lineHeight;
    } else line += ch;
  }
  if (line) ctx.fillText(line, x, y);
}

/** H5: draws on an off-screen canvas and returns a PNG data URL (shown and offered for download). */
export function posterDataUrlH5(d: PosterData): string {
  const canvas = document.createElement('canvas');
  canvas.width = POSTER_W;
  canvas.height = POSTER_H;
  drawPoster(canvas.getContext('2d')!, d);
  return canvas.toDataURL('image/png');
}

/** Weapp: draws on the page's <Canvas type='2d' id=…> and returns a temp file path for save / share. */
export async function posterFileWeapp(canvasId: string, d: PosterData): Promise<string> {
  const node = await new Promise<any>((resolve) =>
    Taro.createSelectorQuery().select(`#${canvasId}`).fields({ node: true, size: true }).exec((r) => resolve(r[0]?.node)),
  );
  if (!node) throw new Error('canvas not ready');
  node.width = POSTER_W;
  node.height = POSTER_H;
  drawPoster(node.getContext('2d'), d);
  const { tempFilePath } = await Taro.canvasToTempFilePath({ canvas: node } as any);
  return tempFilePath;
}
