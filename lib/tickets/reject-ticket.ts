import { decideTicket } from './decide-ticket';
import type { TTicketActor, TTicketOptions, TTicketRow } from './ticket-context';

/** An approver rejects the ticket's current content (a comment is required); one rejection blocks it. */
export function rejectTicket(
  actor: TTicketActor,
  id: number,
  comment: string,
  options?: TTicketOptions,
): Promise<TTicketRow> {
  return decideTicket(actor, id, 'reject', comment, options);
}
