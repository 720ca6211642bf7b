import 'server-only';
import { unstable_rethrow } from 'next/navigation';
import { failureOf, type TActionResult } from '@/lib/errors';

export type { TActionResult };

/**
 * Runs the body of a server action. Redirects, forbidden() and other Next
 * interrupts pass through; every error becomes lib/errors' failure: an
 * AppError its code and message, anything else "something went wrong (id)".
 */
export async function runAction<T>(
  name: string,
  body: () => Promise<T>,
): Promise<TActionResult<T>> {
  try {
    return { ok: true, data: await body() };
  } catch (error) {
    unstable_rethrow(error);
    return failureOf(error, `action ${name}`);
  }
}
