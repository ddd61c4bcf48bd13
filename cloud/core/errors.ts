import { ERROR_STATUS, type ErrorCode } from '../contracts/errors';

/** A refusal the caller can act on. Thrown by handlers and the store; turned into the envelope by the router. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  /** The payload field the refusal is about, when there is one. */
  field?: string;
  constructor(code: ErrorCode, message: string, status: number = (ERROR_STATUS as Record<string, number>)[code] ?? 400) {
    // A refusal is an answer, not a bug: capturing a stack trace for each one costs more than the rest of the refusal.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = limit;
    this.name = 'AppError';
    this.code = code;
    this.status = status;
  }
}

/** A refusal of one payload field: the form shows it next to that field. */
export const fieldError = (field: string, message: string, code: ErrorCode = 'INVALID_PAYLOAD') => Object.assign(new AppError(code, message), { field });

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what}不存在或已被删除`);
export const forbidden = (message = '您没有权限进行此操作') => new AppError('FORBIDDEN', message);
