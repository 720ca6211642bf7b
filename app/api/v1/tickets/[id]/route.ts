// GET: one ticket with its approvals timeline and gate checklist.
// PUT: replaces its content (requester only; a content change voids approvals).
import { apiRoute, jsonBody, type TIdParams } from '@/lib/http/api-route';
import { MAX_TICKET_BODY_BYTES } from '@/lib/tickets/ticket-content';
import { ticketCommands } from '@/lib/tickets/ticket-commands';

export const dynamic = 'force-dynamic';

export function GET(request: Request, { params }: TIdParams): Promise<Response> {
  return apiRoute(request, 'tickets.get', async (user) => ({
    ticket: await ticketCommands.get(user, (await params).id),
  }));
}

export function PUT(request: Request, { params }: TIdParams): Promise<Response> {
  return apiRoute(request, 'tickets.update', async (user) => ({
    ticket: await ticketCommands.update(user, {
      id: (await params).id,
      ticket: await jsonBody(request, { maxBytes: MAX_TICKET_BODY_BYTES }),
    }),
  }));
}
