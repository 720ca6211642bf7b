import { z } from 'zod';
import type { Prisma } from '@/lib/db';
import type { TViewScope } from '@/lib/policy/read-access';
import { resolveOptions, TICKET_INCLUDE, type TTicketOptions } from './ticket-context';
import { TICKET_STATES } from './ticket-states';
import { redactTicket } from './redact-ticket';
import { ticketView, type TTicketView } from './ticket-view';

export const ZTicketFilters = z.object({
  /** Matched against the state as of now (an approved ticket whose approvals lapsed lists as expired). */
  state: z.enum(TICKET_STATES).optional(),
  environment: z.string().optional(),
  release: z.string().optional(),
  requesterId: z.string().optional(),
  externalRef: z.string().optional(),
  limit: z.number().int().min(1).max(200).default(50),
  /** Id of the last ticket of the previous page. */
  before: z.number().int().optional(),
});
export type TTicketFilters = z.input<typeof ZTicketFilters>;

/** Tickets newest first, of the environments in `scope`. */
export async function listTickets(
  filters: TTicketFilters = {},
  options?: TTicketOptions,
  scope: TViewScope = 'all',
): Promise<TTicketView[]> {
  const f = ZTicketFilters.parse(filters);
  const { prisma, config, now } = await resolveOptions(options);
  // Lapsed approvals make approved and scheduled tickets expired without a write.
  const stored: Prisma.ChangeTicketWhereInput['state'] =
    f.state === 'expired' ? { in: ['expired', 'approved', 'scheduled'] } : f.state;
  const rows = await prisma.changeTicket.findMany({
    where: {
      state: stored,
      environment: f.environment,
      ...(scope === 'all' ? {} : { AND: [{ environment: { in: [...scope] } }] }),
      release: f.release,
      requesterId: f.requesterId,
      externalRef: f.externalRef,
      ...(f.before ? { id: { lt: f.before } } : {}),
    },
    include: TICKET_INCLUDE,
    orderBy: { id: 'desc' },
    take: f.state ? f.limit * 4 : f.limit,
  });
  // Lists are never the ticket page: their rendered diffs are always redacted.
  const views = rows.map((r) =>
    redactTicket(
      ticketView(
        r,
        config.environments.find((e) => e.name === r.environment),
        now,
      ),
      r.values ?? '',
    ),
  );
  return (f.state ? views.filter((v) => v.state === f.state) : views).slice(0, f.limit);
}
