import 'server-only';
import { unstable_rethrow } from 'next/navigation';
import { reportError, userMessageOf } from './errors';

/**
 * Wraps a route handler body: expected errors answer 400 with their message,
 * others 500 with a reference id; Next interrupts (unauthorized(), forbidden()) pass through.
 */
export async function runRoute(name: string, body: () => Promise<Response>): Promise<Response> {
  try {
    return await body();
  } catch (error) {
    unstable_rethrow(error);
    const message = userMessageOf(error);
    if (message !== undefined) return Response.json({ error: message }, { status: 400 });
    const id = reportError(error, `route ${name}`);
    return Response.json({ error: `Something went wrong (${id}).` }, { status: 500 });
  }
}
