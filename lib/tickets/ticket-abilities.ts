// What a user may do with one ticket, as policy says, for the ticket page to
// show only the controls that would be allowed. The commands ask policy
// again when they run; this only keeps the page from offering a refusal.
import { decide, type TPolicyUser } from '@/lib/policy';
import { DECIDABLE_STATES, type TTicketState } from './ticket-states';

export type TTicketAbilities = {
  /** Approve or reject: an approver of the environment who did not request it, while decidable. */
  decide: boolean;
  /** Deploy the approved change: whoever may upgrade releases in its environment. */
  deploy: boolean;
  /** Run it without an approved ticket, with a reason (admins). */
  breakGlass: boolean;
};

export function ticketAbilities(
  user: TPolicyUser,
  ticket: { environment: string; requesterId: string },
  state: TTicketState,
): TTicketAbilities {
  const target = { environment: ticket.environment, ticket: { requesterId: ticket.requesterId } };
  const mayDecide =
    decide({ user, action: 'ticket.approve', target }).allow ||
    decide({ user, action: 'ticket.reject', target }).allow;
  return {
    decide: mayDecide && DECIDABLE_STATES.includes(state),
    deploy:
      decide({ user, action: 'upgrade', target: { environment: ticket.environment } }).allow &&
      (state === 'approved' || state === 'scheduled'),
    breakGlass:
      decide({ user, action: 'break-glass', target: {} }).allow &&
      state !== 'deployed' &&
      state !== 'cancelled',
  };
}
