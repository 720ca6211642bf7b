import { ForbiddenError } from '@/lib/auth/errors';
import { decide } from '@/lib/policy/decide';
import { auditTicketEvent, withDeniedAudit } from './audit-ticket-event';
import type { TTicketInput } from './ticket-content';
import {
  resolveOptions,
  TICKET_INCLUDE,
  type TTicketActor,
  type TTicketOptions,
  type TTicketRow,
} from './ticket-context';
import { parseTicketInput, ticketColumns } from './ticket-data';

/** Opens a draft change ticket; release managers of the target environment only. */
export async function createTicket(
  actor: TTicketActor,
  input: TTicketInput,
  options?: TTicketOptions,
): Promise<TTicketRow> {
  const { prisma, config } = await resolveOptions(options);
  const environment =
    typeof (input as { environment?: unknown }).environment === 'string'
      ? input.environment
      : undefined;
  return withDeniedAudit(
    prisma,
    { actor, action: 'ticket.create', details: { environment, release: input.release } },
    async () => {
      const parsed = parseTicketInput(input);
      const verdict = decide({
        user: actor,
        action: 'ticket.create',
        target: { environment: parsed.environment, release: parsed.release },
      });
      if (!verdict.allow) throw new ForbiddenError(verdict.reason);
      const columns = ticketColumns(config, parsed);
      return prisma.$transaction(async (tx) => {
        const row = await tx.changeTicket.create({
          data: { ...columns, state: 'draft', requesterId: actor.id },
          include: TICKET_INCLUDE,
        });
        await auditTicketEvent(tx, {
          actor,
          action: 'ticket.created',
          ticket: row,
          details: {
            contentHash: row.contentHash,
            clusters: row.clusters,
            imageTag: row.imageTag,
            externalRef: row.externalRef,
            risk: row.risk,
          },
        });
        return row;
      });
    },
  );
}
