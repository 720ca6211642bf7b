import { APP_ERROR_STATUS, AppError, type TAppErrorCode, type TErrorDetails } from '@/lib/errors';

type TErrorBody = { code?: string; error?: string } & TErrorDetails;

const isAppErrorCode = (code: unknown): code is TAppErrorCode =>
  typeof code === 'string' && Object.hasOwn(APP_ERROR_STATUS, code);

/**
 * GET JSON from our own API with the session cookie. A refusal is thrown as
 * the AppError the server answered (code, message, details such as
 * `notFound`), so callers branch on its code, never on its text.
 */
export async function fetchJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { headers: { accept: 'application/json' }, cache: 'no-store' });
  const body = (await res.json().catch(() => null)) as (T & TErrorBody) | null;
  if (!res.ok) {
    const message = body?.error ?? `${res.status} ${res.statusText}`;
    if (body && isAppErrorCode(body.code)) {
      const { code, error: _error, ...details } = body;
      throw new AppError(code, message, details);
    }
    throw new Error(message);
  }
  return body as T;
}

/** The release is not installed there (the API answered 404 naming the release). */
export function isReleaseMissing(error: unknown): boolean {
  return error instanceof AppError && error.details.notFound === 'release';
}
