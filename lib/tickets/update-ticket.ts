import { ForbiddenError } from '@/lib/auth/errors';
import { decide } from '@/lib/policy/decide';
import { enqueueNotification } from '@/lib/notifications/enqueue';
import { auditTicketEvent, withDeniedAudit } from './audit-ticket-event';
import type { TTicketInput } from './ticket-content';
import {
  actorLabel,
  lockTicket,
  resolveOptions,
  TicketError,
  ticketSummary,
  type TTicketActor,
  type TTicketOptions,
  type TTicketRow,
} from './ticket-context';
import { changedFields, parseTicketInput, ticketColumns } from './ticket-data';
import { assertTransition, EDITABLE_STATES } from './ticket-states';

/**
 * Replaces a ticket's fields (requester only). A change to the content hash
 * voids every decision on it: they stay recorded but no longer count, and a
 * submitted ticket goes back to pending for new approvals.
 */
export async function updateTicket(
  actor: TTicketActor,
  id: number,
  input: TTicketInput,
  options?: TTicketOptions,
): Promise<TTicketRow> {
  const { prisma, config, now } = await resolveOptions(options);
  return withDeniedAudit(prisma, { actor, action: 'ticket.update', ticketId: id }, () =>
    prisma.$transaction(async (tx) => {
      const ticket = await lockTicket(tx, id);
      if (ticket.requesterId !== actor.id)
        throw new ForbiddenError('Only the requester can edit this ticket.');
      if (!EDITABLE_STATES.includes(ticket.state)) {
        throw new TicketError('conflict', `A ${ticket.state} ticket can no longer be edited.`);
      }
      const parsed = parseTicketInput(input);
      const verdict = decide({
        user: actor,
        action: 'ticket.create',
        target: { environment: parsed.environment, release: parsed.release },
      });
      if (!verdict.allow) throw new ForbiddenError(verdict.reason);
      const columns = ticketColumns(config, parsed);
      const changed = changedFields(ticket, columns);
      const contentChanged = columns.contentHash !== ticket.contentHash;
      const next = contentChanged && ticket.state !== 'draft' ? 'pending' : ticket.state;
      if (next !== ticket.state) assertTransition(ticket.state, next);
      let voided = 0;
      if (contentChanged) {
        voided = (
          await tx.approval.updateMany({
            where: { ticketId: id, voidedAt: null },
            data: { voidedAt: now },
          })
        ).count;
      }
      await tx.changeTicket.update({
        where: { id },
        data: {
          ...columns,
          state: next,
          ...(contentChanged && next === 'pending' ? { submittedAt: now, decidedAt: null } : {}),
        },
      });
      const row = await lockTicket(tx, id);
      await auditTicketEvent(tx, {
        actor,
        action: 'ticket.updated',
        ticket: row,
        details: {
          changed,
          contentChanged,
          previousHash: ticket.contentHash,
          contentHash: row.contentHash,
          from: ticket.state,
          state: next,
        },
      });
      if (voided > 0) {
        await auditTicketEvent(tx, {
          actor,
          action: 'ticket.approvals-voided',
          ticket: row,
          details: {
            voided,
            reason: 'content changed',
            previousHash: ticket.contentHash,
            contentHash: row.contentHash,
          },
        });
      }
      if (contentChanged && next === 'pending') {
        await enqueueNotification(
          tx,
          config.webhooks,
          'ticket.requested',
          { ticket: ticketSummary(row), actor: actorLabel(actor) },
          { ticketId: id },
          now,
        );
      }
      return row;
    }),
  );
}
