/**
 * When a send that did not go through is tried again. WeChat's documented refusals of the message itself are
 * final (retrying cannot help and, for 43101, would spend nothing but quota); a busy or unreachable WeChat is retried
 * with growing pauses, up to MAX_ATTEMPTS sends in all.
 */
export const MAX_ATTEMPTS = 5;
const FIRST_PAUSE_MS = 60_000;
const LONGEST_PAUSE_MS = 60 * 60_000;

/** WeChat codes worth another try: -1 system busy, 45009 over the daily limit, 40001/42001 a token refused twice. */
const RETRYABLE_CODES = new Set([-1, 45009, 40001, 42001]);

/** WeChat's codes and what they mean to an organiser (recorded with the failure). */
export const FINAL_CODE_MEANING: Record<number, string> = {
  43101: '会员未授权或授权已用完（每次同意只能收到一条）',
  47003: '模板参数不正确',
  40003: 'openid 无效',
  40037: '模板 ID 无效',
  41030: '跳转页面不存在或小程序未发布',
};

export type Failure = { kind: 'wechat'; errcode: number; errmsg: string } | { kind: 'unavailable'; code: string; message: string };

export type NextStep = { final: true } | { final: false; retryAt: Date };

/** Pause before the next try after `attempts` tries: 1, 2, 4, 8 … minutes, at most an hour. */
export function backoffMs(attempts: number): number {
  return Math.min(LONGEST_PAUSE_MS, FIRST_PAUSE_MS * 2 ** Math.max(0, attempts - 1));
}

export function nextStep(failure: Failure, attempts: number, now: Date): NextStep {
  const retryable = failure.kind === 'unavailable' || RETRYABLE_CODES.has(failure.errcode);
  if (!retryable || attempts >= MAX_ATTEMPTS) return { final: true };
  return { final: false, retryAt: new Date(now.getTime() + backoffMs(attempts)) };
}
