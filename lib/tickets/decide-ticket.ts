// Shared by approveTicket and rejectTicket: an approver's decision on the
// ticket's current content, bound to its content hash.
import { ForbiddenError } from '@/lib/auth/errors';
import { enqueueNotification } from '@/lib/notifications/enqueue';
import { countTicketDecision } from '@/lib/metrics/record';
import { decide } from '@/lib/policy/decide';
import { approvalExpiry, approvalStatus, decidedState } from './approval-status';
import { auditTicketEvent, withDeniedAudit } from './audit-ticket-event';
import {
  actorLabel,
  lockTicket,
  requireEnvironment,
  resolveOptions,
  TicketError,
  ticketSummary,
  type TTicketActor,
  type TTicketOptions,
  type TTicketRow,
} from './ticket-context';
import { assertTransition, DECIDABLE_STATES, type TTicketState } from './ticket-states';

export async function decideTicket(
  actor: TTicketActor,
  id: number,
  decision: 'approve' | 'reject',
  comment: string,
  options?: TTicketOptions,
): Promise<TTicketRow> {
  const { prisma, config, now } = await resolveOptions(options);
  const action = decision === 'approve' ? 'ticket.approve' : 'ticket.reject';
  const decided = await withDeniedAudit(
    prisma,
    { actor, action, ticketId: id, details: { comment } },
    () =>
      prisma.$transaction(async (tx) => {
        const ticket = await lockTicket(tx, id);
        const verdict = decide({
          user: actor,
          action,
          target: {
            environment: ticket.environment,
            release: ticket.release,
            ticket: { requesterId: ticket.requesterId },
          },
        });
        if (!verdict.allow) throw new ForbiddenError(verdict.reason);
        const text = comment.trim();
        if (decision === 'reject' && text === '')
          throw new TicketError('invalid', 'Say why you reject the ticket.', ['comment: required']);
        if (text.length > 5000)
          throw new TicketError('invalid', 'The comment is too long.', [
            'comment: at most 5000 characters',
          ]);
        const env = requireEnvironment(config, ticket.environment);
        const before = approvalStatus(ticket.approvals, ticket.contentHash, env.approvals, now);
        const stateNow: TTicketState = DECIDABLE_STATES.includes(ticket.state)
          ? decidedState(before)
          : ticket.state;
        if (!DECIDABLE_STATES.includes(ticket.state) || stateNow === 'rejected') {
          throw new TicketError(
            'conflict',
            `Ticket #${id} is ${stateNow}; it is not open for decisions.`,
          );
        }
        if (before.approvedBy.includes(actor.id)) {
          throw new TicketError(
            'conflict',
            'You have already approved this ticket; each approver counts once.',
          );
        }
        await tx.approval.create({
          data: {
            ticketId: id,
            approverId: actor.id,
            decision,
            comment: text,
            contentHash: ticket.contentHash,
            createdAt: now,
            expiresAt: approvalExpiry(now, env.approvalTtlHours),
          },
        });
        const after = await lockTicket(tx, id);
        const status = approvalStatus(after.approvals, after.contentHash, env.approvals, now);
        const next = decidedState(status);
        if (next !== ticket.state) {
          assertTransition(ticket.state, next);
          await tx.changeTicket.update({
            where: { id },
            data: {
              state: next,
              ...(next === 'approved' || next === 'rejected' ? { decidedAt: now } : {}),
            },
          });
        }
        const row = await lockTicket(tx, id);
        await auditTicketEvent(tx, {
          actor,
          action: decision === 'approve' ? 'ticket.approved' : 'ticket.rejected',
          ticket: row,
          details: {
            comment: text,
            contentHash: row.contentHash,
            approvals: status.approvedBy.length,
            required: env.approvals,
            from: ticket.state,
            state: next,
          },
        });
        const event =
          next === 'rejected'
            ? 'ticket.rejected'
            : next === 'approved' && ticket.state !== 'approved'
              ? 'ticket.approved'
              : undefined;
        if (event) {
          await enqueueNotification(
            tx,
            config.webhooks,
            event,
            { ticket: ticketSummary(row), actor: actorLabel(actor), comment: text },
            { ticketId: id },
            now,
          );
        }
        return row;
      }),
  );
  countTicketDecision(decided.environment, decision);
  return decided;
}
