// POST: sends a draft ticket to its approvers.
import { ticketCommands } from '@/app/(app)/tickets/_lib/ticket-commands';
import { ticketRoute, type TIdParams } from '../../_lib/ticket-route';

export const dynamic = 'force-dynamic';

export function POST(request: Request, { params }: TIdParams): Promise<Response> {
  return ticketRoute(request, 'tickets.submit', async (user) => ({
    ticket: await ticketCommands.submit(user, (await params).id),
  }));
}
