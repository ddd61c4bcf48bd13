/**
 * The one error envelope of the API and the codes it may carry.
 * Messages are written for the member, in Chinese, and say what to do next.
 */
export const ERROR_STATUS = {
  INVALID_PAYLOAD: 400,
  BAD_JSON: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CONSENT_REQUIRED: 403,
  DEV_LOGIN_DISABLED: 403,
  NOT_FOUND: 404,
  UNKNOWN_ACTION: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  TOO_MANY_REQUESTS: 429,
  QUIZ_NOT_OPEN: 409,
  QUIZ_NOT_ELIGIBLE: 403,
  QUIZ_ATTEMPTS_USED: 409,
  QUIZ_DAILY_LIMIT: 409,
  QUIZ_TIME_UP: 409,
  QUIZ_SUBMITTED: 409,
  QUIZ_NOT_SUBMITTED: 409,
  QUIZ_NOT_IN_ATTEMPT: 400,
  QUIZ_IMPORT_FAILED: 422,
  CLASS_FULL: 409,
  ALREADY_REGISTERED: 409,
  ALREADY_CANCELLED: 409,
  REGISTRATION_CLOSED: 409,
  NOT_ELIGIBLE: 403,
  INVALID_ANSWERS: 400,
  CANCEL_NOT_ALLOWED: 409,
  CAPACITY_BELOW_CONFIRMED: 409,
  TICKET_INVALID: 404,
  NOT_CONFIRMED: 409,
  NOT_IN_AUDIENCE: 403,
  EVENT_ENDED: 409,
  CHECKIN_CODE_INVALID: 400,
  CHECKIN_CODE_EXPIRED: 400,
  CHECKIN_CODE_FORGED: 400,
  CHECKIN_CODE_OTHER_EVENT: 400,
  CHECKIN_NOT_OPEN: 409,
  CHECKIN_CLOSED: 409,
  CHECKIN_VOIDED: 409,
  LOCATION_REQUIRED: 400,
  OUT_OF_RANGE: 403,
  OFFLINE_TOO_LATE: 400,
  INTERNAL: 500,
} as const;

/** Feature issues add their own codes here, with the HTTP status they map to. */
export type CoreErrorCode = keyof typeof ERROR_STATUS;
export type ErrorCode = CoreErrorCode | (string & {});

export interface ApiError {
  code: ErrorCode;
  message: string;
  /** The payload field a refusal is about (`title`, `fields.2.label`), so a form can show it next to that field. */
  field?: string;
}

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ApiError };

/** What a member is told when the fault is ours (500) or the server cannot be understood. */
export const INTERNAL_ERROR_MESSAGE = '服务器开小差了，请稍后再试';

/** A refusal in the envelope. */
export const refusal = (code: ErrorCode, message: string, field?: string): Envelope<never> => ({
  ok: false,
  error: field ? { code, message, field } : { code, message },
});
