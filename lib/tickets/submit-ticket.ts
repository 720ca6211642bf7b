import { ForbiddenError } from '@/lib/auth/errors';
import { enqueueNotification } from '@/lib/notifications/enqueue';
import { auditTicketEvent, withDeniedAudit } from './audit-ticket-event';
import {
  actorLabel,
  lockTicket,
  requireEnvironment,
  resolveOptions,
  ticketSummary,
  type TTicketActor,
  type TTicketOptions,
  type TTicketRow,
} from './ticket-context';
import { assertTransition } from './ticket-states';

/** Sends a draft to the approvers (straight to approved where none are required). */
export async function submitTicket(
  actor: TTicketActor,
  id: number,
  options?: TTicketOptions,
): Promise<TTicketRow> {
  const { prisma, config, now } = await resolveOptions(options);
  return withDeniedAudit(prisma, { actor, action: 'ticket.submit', ticketId: id }, () =>
    prisma.$transaction(async (tx) => {
      const ticket = await lockTicket(tx, id);
      if (ticket.requesterId !== actor.id)
        throw new ForbiddenError('Only the requester can submit this ticket.');
      const env = requireEnvironment(config, ticket.environment);
      const next = env.approvals > 0 ? 'pending' : 'approved';
      assertTransition(ticket.state, next);
      await tx.changeTicket.update({
        where: { id },
        data: { state: next, submittedAt: now, ...(next === 'approved' ? { decidedAt: now } : {}) },
      });
      const row = await lockTicket(tx, id);
      await auditTicketEvent(tx, {
        actor,
        action: 'ticket.submitted',
        ticket: row,
        details: { state: next, approvalsRequired: env.approvals },
      });
      await enqueueNotification(
        tx,
        config.webhooks,
        next === 'approved' ? 'ticket.approved' : 'ticket.requested',
        { ticket: ticketSummary(row), actor: actorLabel(actor) },
        { ticketId: id },
        now,
      );
      return row;
    }),
  );
}
