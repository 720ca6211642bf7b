import { decide } from '@/lib/policy/decide';
import {
  resolveOptions,
  TICKET_INCLUDE,
  type TTicketActor,
  type TTicketOptions,
} from './ticket-context';
import { ticketView, type TTicketView } from './ticket-view';

/**
 * Tickets waiting for this approver: open for decisions, not their own, and
 * without a decision of theirs that still counts. Oldest first.
 */
export async function approverInbox(
  user: TTicketActor,
  options?: TTicketOptions,
): Promise<TTicketView[]> {
  const { prisma, config, now } = await resolveOptions(options);
  const rows = await prisma.changeTicket.findMany({
    where: { state: { in: ['pending', 'approved', 'expired'] }, requesterId: { not: user.id } },
    include: TICKET_INCLUDE,
    orderBy: { submittedAt: 'asc' },
    take: 500,
  });
  return rows
    .filter(
      (r) =>
        decide({
          user,
          action: 'ticket.approve',
          target: { environment: r.environment, ticket: { requesterId: r.requesterId } },
        }).allow,
    )
    .map((r) =>
      ticketView(
        r,
        config.environments.find((e) => e.name === r.environment),
        now,
      ),
    )
    .filter((v) => v.state === 'pending' || v.state === 'expired')
    .filter(
      (v) => !v.status.approvedBy.includes(user.id) && !v.status.rejectedBy.includes(user.id),
    );
}
