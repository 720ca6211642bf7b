// The two ways an error leaves Helmdeck: as a server action's result and as
// a REST answer. Both come from failureOf, so a refusal reads the same
// everywhere: same code, same message, same details, and the status that
// goes with the code.
import { APP_ERROR_STATUS, AppError, type TAppErrorCode, type TErrorDetails } from './app-error';

/** `error` is the code of an unexpected failure (logged with an id, answered 500). */
export type TFailureCode = TAppErrorCode | 'error';

export type TFailure = { ok: false; code: TFailureCode; error: string } & TErrorDetails;

export type TActionResult<T = undefined> = { ok: true; data: T } | TFailure;

/** Logs an unexpected error with a short id the user can quote; returns the id. */
export function reportError(error: unknown, where: string): string {
  // Web Crypto: this module is imported by client components too (for its types and codes).
  const id = crypto.randomUUID().slice(0, 8);
  console.error(`[helmdeck] error ${id} in ${where}:`, error);
  return id;
}

/** What the user is told about `error`: its own message when it is an AppError, else a reference id. */
export function failureOf(error: unknown, where: string): TFailure {
  if (error instanceof AppError)
    return { ok: false, code: error.code, error: error.userMessage, ...error.details };
  return {
    ok: false,
    code: 'error',
    error: `Something went wrong (${reportError(error, where)}).`,
  };
}

/** Runs `body`; its value or its failure as a result (what server actions answer). */
export async function resultOf<T>(
  where: string,
  body: () => Promise<T>,
): Promise<TActionResult<T>> {
  try {
    return { ok: true, data: await body() };
  } catch (error) {
    return failureOf(error, where);
  }
}

export const httpStatusOf = (code: TFailureCode): number =>
  code === 'error' ? 500 : APP_ERROR_STATUS[code];

const NO_STORE = { 'cache-control': 'no-store' };

/** The JSON answer of a failed request: `{ code, error, ...details }` with the code's status. */
export function errorResponse(error: unknown, where: string): Response {
  const { ok: _ok, ...body } = failureOf(error, where);
  const headers: Record<string, string> = { ...NO_STORE };
  if (body.code === 'unauthenticated') headers['www-authenticate'] = 'Bearer realm="helmdeck"';
  return Response.json(body, { status: httpStatusOf(body.code), headers });
}
