// GET: tickets newest first (?state=&environment=&release=&externalRef=&limit=&before=).
// POST: opens a draft ticket from the JSON body (see ZTicketInput).
import { ticketCommands } from '@/app/(app)/tickets/_lib/ticket-commands';
import { jsonBody, ticketRoute } from './_lib/ticket-route';

export const dynamic = 'force-dynamic';

const NUMERIC = new Set(['limit', 'before']);

export function GET(request: Request): Promise<Response> {
  return ticketRoute(request, 'tickets.list', async (user) => {
    const filters: Record<string, unknown> = {};
    for (const [k, v] of new URL(request.url).searchParams)
      filters[k] = NUMERIC.has(k) && /^\d+$/.test(v) ? Number(v) : v;
    return { tickets: await ticketCommands.list(user, filters) };
  });
}

export function POST(request: Request): Promise<Response> {
  return ticketRoute(
    request,
    'tickets.create',
    async (user) => ({ ticket: await ticketCommands.create(user, await jsonBody(request)) }),
    201,
  );
}
