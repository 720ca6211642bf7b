// The answer of an operation command, shared by the server actions and the
// REST route: expected refusals keep their message and a code the route
// maps to an HTTP status; anything else is logged with an id.
// No `server-only` marker: the integration tests call these functions directly.
import { randomBytes } from 'node:crypto';
import {
  ForbiddenError,
  OperationInProgressError,
  OperationInputError,
  OperationStateError,
} from '@/lib/operations';

export type TCommandErrorCode = 'forbidden' | 'in_progress' | 'invalid' | 'error';

export type TCommandResult<T> =
  | { ok: true; data: T }
  | {
      ok: false;
      code: TCommandErrorCode;
      error: string;
      problems?: string[];
      /** The operation holding the release, for "in progress" refusals. */
      operationId?: number;
    };

export const HTTP_STATUS: Record<TCommandErrorCode, number> = {
  forbidden: 403,
  in_progress: 409,
  invalid: 400,
  error: 500,
};

/** Runs `body`, turning errors into a result the page or the API can show as is. */
export async function commandResult<T>(
  where: string,
  body: () => Promise<T>,
): Promise<TCommandResult<T>> {
  try {
    return { ok: true, data: await body() };
  } catch (e) {
    if (e instanceof ForbiddenError) return { ok: false, code: 'forbidden', error: e.userMessage };
    if (e instanceof OperationInProgressError)
      return { ok: false, code: 'in_progress', error: e.userMessage, operationId: e.operationId };
    if (e instanceof OperationInputError)
      return { ok: false, code: 'invalid', error: e.userMessage, problems: e.problems };
    if (e instanceof OperationStateError)
      return { ok: false, code: 'invalid', error: e.userMessage };
    if (e instanceof Error && 'userMessage' in e && typeof e.userMessage === 'string')
      return { ok: false, code: 'invalid', error: e.userMessage };
    const id = randomBytes(4).toString('hex');
    console.error(`[helmdeck] error ${id} in ${where}:`, e);
    return { ok: false, code: 'error', error: `Something went wrong (${id}).` };
  }
}
