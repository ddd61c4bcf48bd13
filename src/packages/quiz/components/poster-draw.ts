import type { SubmitResult } from '@contracts/quiz';
import { formatDuration } from '@contracts/quiz-rules';

/** The figures of a result that the result card and the poster show. */
export type ResultFigures = Pick<SubmitResult, 'title' | 'score' | 'correctCount' | 'total' | 'durationMs' | 'passed' | 'passMark' | 'rank' | 'participants'>;

/** What the poster shows: the figures of an attempt's result and who took it. */
export interface PosterData extends ResultFigures {
  nickname: string;
}

/** The poster from a quiz result (quiz.result / quiz.submit figures) and the member's nickname. */
export function posterDataOf(r: ResultFigures, nickname: string): PosterData {
  return {
    title: r.title,
    score: r.score,
    correctCount: r.correctCount,
    total: r.total,
    durationMs: r.durationMs,
    passed: r.passed,
    passMark: r.passMark,
    rank: r.rank,
    participants: r.participants,
    nickname: nickname || '我',
  };
}

/**
 * The part of a 2D canvas context the poster uses: satisfied by an H5 CanvasRenderingContext2D, a
 * weapp Canvas 2d node's context, and a recording fake in the unit tests.
 */
export interface PosterCanvas {
  fillStyle: string | CanvasGradient | CanvasPattern;
  font: string;
  textAlign: CanvasTextAlign;
  fillRect(x: number, y: number, w: number, h: number): void;
  fillText(text: string, x: number, y: number): void;
  measureText(text: string): { width: number };
  /** Optional picture (e.g. a mini-program code) placed at the bottom. */
  drawImage?(image: unknown, x: number, y: number, w: number, h: number): void;
}

export const POSTER_W = 600;
export const POSTER_H = 800;
const RED = '#c8102e';

/** Draws the score poster: campaign title, nickname, score, pass / fail, correct count and time, rank. */
export function drawPoster(ctx: PosterCanvas, d: PosterData, image?: unknown): void {
  ctx.fillStyle = RED;
  ctx.fillRect(0, 0, POSTER_W, POSTER_H);
  ctx.fillStyle = '#fff';
  ctx.fillRect(30, 150, POSTER_W - 60, POSTER_H - 210);
  ctx.textAlign = 'center';
  ctx.fillStyle = '#fff';
  ctx.font = 'bold 40px sans-serif';
  ctx.fillText('会员之家 · 知识竞赛', POSTER_W / 2, 70);
  ctx.font = '28px sans-serif';
  wrap(ctx, d.title, POSTER_W / 2, 112, POSTER_W - 80, 32, 2);
  ctx.fillStyle = '#333';
  ctx.font = '30px sans-serif';
  ctx.fillText(`${d.nickname} 的成绩`, POSTER_W / 2, 220);
  ctx.fillStyle = RED;
  ctx.font = 'bold 160px sans-serif';
  ctx.fillText(String(d.score), POSTER_W / 2, 400);
  ctx.font = '32px sans-serif';
  ctx.fillText('分', POSTER_W / 2 + (d.score >= 100 ? 160 : 130), 400);
  ctx.fillStyle = d.passed ? '#1b7f3b' : '#b00020';
  ctx.font = 'bold 40px sans-serif';
  ctx.fillText(d.passed ? '恭喜及格！' : '未及格，再接再厉！', POSTER_W / 2, 462);
  ctx.fillStyle = '#8a8a8a';
  ctx.font = '26px sans-serif';
  ctx.fillText(`（${d.passMark} 分及格）`, POSTER_W / 2, 500);
  ctx.fillStyle = '#555';
  ctx.font = '30px sans-serif';
  ctx.fillText(`答对 ${d.correctCount} / ${d.total} 题 · 用时 ${formatDuration(d.durationMs)}`, POSTER_W / 2, 552);
  ctx.fillText(d.rank ? `排名 第 ${d.rank} 名（共 ${d.participants} 人）` : `共 ${d.participants} 人参加`, POSTER_W / 2, 598);
  if (image && image !== true && ctx.drawImage) ctx.drawImage(image, POSTER_W / 2 - 50, 610, 100, 100);
  ctx.fillStyle = '#8a8a8a';
  ctx.font = '24px sans-serif';
  ctx.fillText('学知识 · 促健康 · 一起来答题', POSTER_W / 2, image ? 735 : 700);
}

/** Fills text in lines no wider than `width`, at most `maxLines` (the last one ends with … when cut). */
function wrap(ctx: PosterCanvas, text: string, x: number, y: number, width: number, lineHeight: number, maxLines: number) {
  const lines: string[] = [];
  let line = '';
  for (const ch of text) {
    if (line && ctx.measureText(line + ch).width > width) {
      lines.push(line);
      line = ch;
    } else line += ch;
  }
  if (line) lines.push(line);
  if (lines.length > maxLines) {
    lines.length = maxLines;
    lines[maxLines - 1] = `${lines[maxLines - 1].slice(0, -1)}…`;
  }
  lines.forEach((l, i) => ctx.fillText(l, x, y + i * lineHeight));
}
