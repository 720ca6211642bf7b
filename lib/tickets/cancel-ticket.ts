import { ForbiddenError } from '@/lib/auth/errors';
import { auditTicketEvent, withDeniedAudit } from './audit-ticket-event';
import {
  isAdmin,
  lockTicket,
  resolveOptions,
  type TTicketActor,
  type TTicketOptions,
  type TTicketRow,
} from './ticket-context';
import { assertTransition } from './ticket-states';

/** Withdraws a ticket for good; its requester or an admin. */
export async function cancelTicket(
  actor: TTicketActor,
  id: number,
  reason?: string,
  options?: TTicketOptions,
): Promise<TTicketRow> {
  const { prisma } = await resolveOptions(options);
  return withDeniedAudit(prisma, { actor, action: 'ticket.cancel', ticketId: id }, () =>
    prisma.$transaction(async (tx) => {
      const ticket = await lockTicket(tx, id);
      if (ticket.requesterId !== actor.id && !isAdmin(actor)) {
        throw new ForbiddenError('Only the requester or an admin can cancel this ticket.');
      }
      assertTransition(ticket.state, 'cancelled');
      await tx.changeTicket.update({ where: { id }, data: { state: 'cancelled' } });
      const row = await lockTicket(tx, id);
      await auditTicketEvent(tx, {
        actor,
        action: 'ticket.cancelled',
        ticket: row,
        details: { from: ticket.state, reason: reason ?? null },
      });
      return row;
    }),
  );
}
