// Ticket state along its deployment, called by the operation queue in its
// own transactions: scheduled when a job starts under the ticket, deployed
// once every target cluster succeeded, approved again after a failure.
import type { Prisma } from '@/lib/db';
import { auditTicketEvent } from './audit-ticket-event';
import { lockTicket, type TTicketActor } from './ticket-context';
import { canTransition } from './ticket-states';

export async function recordTicketDeployment(
  tx: Prisma.TransactionClient,
  ticketId: number,
  event: {
    actor: TTicketActor | { id: string; name?: string | null };
    operationId: number;
    outcome: 'started' | 'succeeded' | 'failed';
  },
): Promise<void> {
  const ticket = await lockTicket(tx, ticketId);
  let next = ticket.state;
  if (event.outcome === 'started') next = 'scheduled';
  else if (event.outcome === 'failed') next = 'approved';
  else {
    const done = await tx.operation.findMany({
      where: { ticketId, state: 'succeeded' },
      select: { cluster: true },
    });
    const clusters = new Set(done.map((o) => o.cluster));
    next = ticket.clusters.every((c) => clusters.has(c)) ? 'deployed' : 'scheduled';
  }
  if (next === ticket.state || !canTransition(ticket.state, next)) return;
  await tx.changeTicket.update({
    where: { id: ticketId },
    data: { state: next, ...(next === 'deployed' ? { deployedAt: new Date() } : {}) },
  });
  await auditTicketEvent(tx, {
    actor: event.actor,
    action: `ticket.${next}`,
    ticket,
    operationId: event.operationId,
    details: { from: ticket.state, state: next, outcome: event.outcome },
  });
}
