import { enqueueNotification } from '@/lib/notifications/enqueue';
import { approvalStatus, decidedState } from './approval-status';
import { auditTicketEvent } from './audit-ticket-event';
import { lockTicket, resolveOptions, ticketSummary, type TTicketOptions } from './ticket-context';
import { canTransition } from './ticket-states';

const SYSTEM = { id: 'system:tickets', name: 'Helmdeck' };

/**
 * Writes `expired` on tickets whose approvals lapsed (pages already show it
 * from the clock), audits it and notifies; returns the ids. Safe to run from
 * every instance: each ticket is re-read under its row lock.
 */
export async function expireTickets(options?: TTicketOptions): Promise<number[]> {
  const { prisma, config, now } = await resolveOptions(options);
  const candidates = await prisma.changeTicket.findMany({
    where: {
      state: { in: ['pending', 'approved', 'scheduled'] },
      approvals: { some: { decision: 'approve', voidedAt: null, expiresAt: { lte: now } } },
    },
    select: { id: true },
  });
  const expired: number[] = [];
  for (const { id } of candidates) {
    const done = await prisma.$transaction(async (tx) => {
      const row = await lockTicket(tx, id);
      const env = config.environments.find((e) => e.name === row.environment);
      if (!env) return false;
      const status = approvalStatus(row.approvals, row.contentHash, env.approvals, now);
      if (decidedState(status) !== 'expired' || !canTransition(row.state, 'expired')) return false;
      await tx.changeTicket.update({ where: { id }, data: { state: 'expired' } });
      await auditTicketEvent(tx, {
        actor: SYSTEM,
        action: 'ticket.expired',
        ticket: row,
        details: {
          from: row.state,
          expiredApprovals: status.expiredBy.length,
          counting: status.approvedBy.length,
          required: env.approvals,
        },
      });
      await enqueueNotification(
        tx,
        config.webhooks,
        'ticket.expired',
        { ticket: ticketSummary(row, 'expired') },
        { ticketId: id },
        now,
      );
      return true;
    });
    if (done) expired.push(id);
  }
  return expired;
}
