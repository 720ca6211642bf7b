// POST { comment }: the caller rejects the ticket's current content.
import { apiRoute, jsonBody, type TIdParams } from '@/lib/http/api-route';
import { ticketCommands } from '@/lib/tickets/ticket-commands';

export const dynamic = 'force-dynamic';

export function POST(request: Request, { params }: TIdParams): Promise<Response> {
  return apiRoute(request, 'tickets.reject', async (user) => ({
    ticket: await ticketCommands.reject(user, {
      ...(await jsonBody(request)),
      id: (await params).id,
    }),
  }));
}
