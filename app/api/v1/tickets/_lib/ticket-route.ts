// /api/v1/tickets handlers: authenticate (API token or session), run one
// ticket verb, answer JSON. Refusals keep their message and get the status a
// script can branch on; a gate refusal also carries its checklist.
import { randomBytes } from 'node:crypto';
import { withPrincipal } from '@/app/api/v1/_lib/api-route';
import { ForbiddenError } from '@/lib/auth/errors';
import { OperationInProgressError } from '@/lib/operations';
import { GateDeniedError, TicketError } from '@/lib/tickets';
import type { TTicketUser } from '@/app/(app)/tickets/_lib/ticket-commands';

const NO_STORE = { 'cache-control': 'no-store' };

function refusal(error: unknown): Response | undefined {
  const json = (status: number, body: Record<string, unknown>) =>
    Response.json(body, { status, headers: NO_STORE });
  if (error instanceof GateDeniedError)
    return json(409, {
      error: error.userMessage,
      checklist: error.result.checklist,
      opensAt: error.result.opensAt?.toISOString() ?? null,
    });
  if (error instanceof ForbiddenError) return json(403, { error: error.message });
  if (error instanceof TicketError) {
    const status = { invalid: 400, 'not-found': 404, conflict: 409 }[error.kind];
    return json(status, { error: error.userMessage, problems: error.problems });
  }
  if (error instanceof OperationInProgressError)
    return json(409, { error: error.userMessage, operationId: error.operationId });
  const message = (error as { userMessage?: unknown } | null)?.userMessage;
  if (typeof message === 'string') return json(400, { error: message });
  return undefined;
}

export async function ticketRoute(
  request: Request,
  name: string,
  body: (user: TTicketUser) => Promise<unknown>,
  status = 200,
): Promise<Response> {
  return withPrincipal(request, async (principal) => {
    try {
      return Response.json(await body(principal), { status, headers: NO_STORE });
    } catch (error) {
      const answer = refusal(error);
      if (answer) return answer;
      const id = randomBytes(4).toString('hex');
      console.error(`[helmdeck] error ${id} in api ${name}:`, error);
      return Response.json(
        { error: `Something went wrong (${id}).` },
        { status: 500, headers: NO_STORE },
      );
    }
  });
}

/** The JSON body, or a 400 answer the caller returns. */
export async function jsonBody(request: Request): Promise<Record<string, unknown>> {
  try {
    const body: unknown = await request.json();
    if (typeof body === 'object' && body !== null && !Array.isArray(body))
      return body as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw new TicketError('invalid', 'The request body must be a JSON object.');
}

export type TIdParams = { params: Promise<{ id: string }> };
