// POST { comment }: the caller approves the ticket's current content.
import { apiRoute, jsonBody, type TIdParams } from '@/lib/http/api-route';
import { ticketCommands } from '@/lib/tickets/ticket-commands';

export const dynamic = 'force-dynamic';

export function POST(request: Request, { params }: TIdParams): Promise<Response> {
  return apiRoute(request, 'tickets.approve', async (user) => ({
    ticket: await ticketCommands.approve(user, {
      ...(await jsonBody(request)),
      id: (await params).id,
    }),
  }));
}
