// POST { comment }: the caller approves the ticket's current content.
import { ticketCommands } from '@/app/(app)/tickets/_lib/ticket-commands';
import { jsonBody, ticketRoute, type TIdParams } from '../../_lib/ticket-route';

export const dynamic = 'force-dynamic';

export function POST(request: Request, { params }: TIdParams): Promise<Response> {
  return ticketRoute(request, 'tickets.approve', async (user) => ({
    ticket: await ticketCommands.approve(user, {
      ...(await jsonBody(request)),
      id: (await params).id,
    }),
  }));
}
