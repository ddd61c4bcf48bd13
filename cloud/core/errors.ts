import { ERROR_STATUS, type ErrorCode } from '../contracts/errors';

/** A refusal the caller can act on. Thrown by handlers and the store; turned into the envelope by the router. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly status: number = (ERROR_STATUS as Record<string, number>)[code] ?? 400,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what}不存在或已被删除`);
export const forbidden = (message = '您没有权限进行此操作') => new AppError('FORBIDDEN', message);
