import { decideTicket } from './decide-ticket';
import type { TTicketActor, TTicketOptions, TTicketRow } from './ticket-context';

/**
 * An approver signs off the ticket's current content. Refused for the
 * requester, for a second approval by the same approver, and on tickets
 * not open for decisions; the ticket becomes approved once enough count.
 */
export function approveTicket(
  actor: TTicketActor,
  id: number,
  comment: string,
  options?: TTicketOptions,
): Promise<TTicketRow> {
  return decideTicket(actor, id, 'approve', comment, options);
}
