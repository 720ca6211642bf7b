// GET: tickets newest first (?state=&environment=&release=&externalRef=&limit=&before=).
// POST: opens a draft ticket from the JSON body (see ZTicketInput).
import { apiRoute, jsonBody } from '@/lib/http/api-route';
import { MAX_TICKET_BODY_BYTES } from '@/lib/tickets/ticket-content';
import { ticketCommands } from '@/lib/tickets/ticket-commands';

export const dynamic = 'force-dynamic';

const NUMERIC = new Set(['limit', 'before']);

export function GET(request: Request): Promise<Response> {
  return apiRoute(request, 'tickets.list', async (user, url) => {
    const filters: Record<string, unknown> = {};
    for (const [k, v] of url.searchParams)
      filters[k] = NUMERIC.has(k) && /^\d+$/.test(v) ? Number(v) : v;
    return { tickets: await ticketCommands.list(user, filters) };
  });
}

export function POST(request: Request): Promise<Response> {
  return apiRoute(
    request,
    'tickets.create',
    async (user) => ({
      ticket: await ticketCommands.create(
        user,
        await jsonBody(request, { maxBytes: MAX_TICKET_BODY_BYTES }),
      ),
    }),
    { status: 201 },
  );
}
