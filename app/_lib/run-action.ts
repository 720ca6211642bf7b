import 'server-only';
import { unstable_rethrow } from 'next/navigation';
import { messageForUser } from './errors';

export type TActionResult<T = undefined> = { ok: true; data: T } | { ok: false; error: string };

/**
 * Runs the body of a server action. Redirects, forbidden() and other Next
 * interrupts pass through; expected errors become their message; anything
 * else is logged with an id and answered "something went wrong (id)".
 */
export async function runAction<T>(
  name: string,
  body: () => Promise<T>,
): Promise<TActionResult<T>> {
  try {
    return { ok: true, data: await body() };
  } catch (error) {
    unstable_rethrow(error);
    return { ok: false, error: messageForUser(error, `action ${name}`) };
  }
}
