// POST { comment }: the caller rejects the ticket's current content.
import { ticketCommands } from '@/app/(app)/tickets/_lib/ticket-commands';
import { jsonBody, ticketRoute, type TIdParams } from '../../_lib/ticket-route';

export const dynamic = 'force-dynamic';

export function POST(request: Request, { params }: TIdParams): Promise<Response> {
  return ticketRoute(request, 'tickets.reject', async (user) => ({
    ticket: await ticketCommands.reject(user, {
      ...(await jsonBody(request)),
      id: (await params).id,
    }),
  }));
}
