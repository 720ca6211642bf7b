// GET: one ticket with its approvals timeline and gate checklist.
// PUT: replaces its content (requester only; a content change voids approvals).
import { ticketCommands } from '@/app/(app)/tickets/_lib/ticket-commands';
import { jsonBody, ticketRoute, type TIdParams } from '../_lib/ticket-route';

export const dynamic = 'force-dynamic';

export function GET(request: Request, { params }: TIdParams): Promise<Response> {
  return ticketRoute(request, 'tickets.get', async (user) => ({
    ticket: await ticketCommands.get(user, (await params).id),
  }));
}

export function PUT(request: Request, { params }: TIdParams): Promise<Response> {
  return ticketRoute(request, 'tickets.update', async (user) => ({
    ticket: await ticketCommands.update(user, {
      id: (await params).id,
      ticket: await jsonBody(request),
    }),
  }));
}
