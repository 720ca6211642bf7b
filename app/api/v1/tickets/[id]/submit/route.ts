// POST: sends a draft ticket to its approvers.
import { apiRoute, type TIdParams } from '@/lib/http/api-route';
import { ticketCommands } from '@/lib/tickets/ticket-commands';

export const dynamic = 'force-dynamic';

export function POST(request: Request, { params }: TIdParams): Promise<Response> {
  return apiRoute(request, 'tickets.submit', async (user) => ({
    ticket: await ticketCommands.submit(user, (await params).id),
  }));
}
