import type { ActionName, PayloadOf, ResultOf } from '@contracts/index';
import { transport } from './transport';
import { sessionToken } from './session';
import { goToLogin } from './login-return';
import { feedback } from './feedback';

export class ApiCallError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    /** The payload field a refusal is about (`title`, `venue.radius`), when the API names one. */
    readonly field?: string,
  ) {
    super(message);
  }
}

export interface CallOptions {
  /** Text of the loading toast; false for none (e.g. when the page shows its own state). */
  loading?: string | false;
  /** Don't toast errors: the caller shows them in place. */
  quiet?: boolean;
}

/**
 * Calls an action of the API, typed by the shared contracts. Errors arrive as ApiCallError with
 * the server's Chinese message, which is also toasted unless `quiet`.
 */
export async function call<A extends ActionName>(action: A, payload: PayloadOf<A>, options: CallOptions = {}): Promise<ResultOf<A>> {
  const { loading = false, quiet = false } = options;
  if (loading) feedback.showLoading(loading);
  let error: ApiCallError;
  try {
    const { status, body } = await transport(action, payload);
    if (body.ok) return body.data as ResultOf<A>;
    error = new ApiCallError(body.error.code, body.error.message, status, (body.error as { field?: string }).field);
  } catch (e) {
    error = new ApiCallError('NETWORK', '网络不太好，请检查网络后重试', 0);
  } finally {
    if (loading) feedback.hideLoading();
  }
  if (error.code === 'UNAUTHENTICATED') {
    sessionToken.clear();
    goToLogin();
  } else if (!quiet) {
    feedback.toast(error.message);
  }
  throw error;
}
