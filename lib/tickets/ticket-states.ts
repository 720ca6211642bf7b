// The life of a change ticket. Every state change goes through
// assertTransition, so a verb cannot move a ticket along an edge not listed here.
import { AppError } from '@/lib/errors';

export const TICKET_STATES = [
  'draft',
  'pending',
  'approved',
  'rejected',
  'expired',
  'scheduled',
  'deployed',
  'cancelled',
] as const;

export type TTicketState = (typeof TICKET_STATES)[number];

/**
 * Legal moves. Editing content of a submitted ticket sends it back to
 * pending (its decisions are voided); a scheduled deploy that fails returns
 * the ticket to approved so it can be retried.
 */
export const TRANSITIONS: Readonly<Record<TTicketState, readonly TTicketState[]>> = {
  draft: ['pending', 'approved', 'cancelled'],
  pending: ['approved', 'rejected', 'expired', 'cancelled', 'pending'],
  approved: ['pending', 'rejected', 'expired', 'scheduled', 'deployed', 'cancelled'],
  rejected: ['pending', 'cancelled'],
  expired: ['pending', 'approved', 'cancelled'],
  scheduled: ['approved', 'deployed', 'expired', 'pending', 'cancelled'],
  deployed: [],
  cancelled: [],
};

export const TERMINAL_STATES: readonly TTicketState[] = ['deployed', 'cancelled'];

/** States in which approvers may still decide. */
export const DECIDABLE_STATES: readonly TTicketState[] = ['pending', 'approved', 'expired'];

/** States in which the requester may still edit the content. */
export const EDITABLE_STATES: readonly TTicketState[] = [
  'draft',
  'pending',
  'approved',
  'rejected',
  'expired',
];

export function canTransition(from: TTicketState, to: TTicketState): boolean {
  return TRANSITIONS[from].includes(to);
}

export class TicketStateError extends AppError {
  constructor(
    readonly from: TTicketState,
    readonly to: TTicketState,
  ) {
    super('conflict', `A ${from} ticket cannot become ${to}.`);
    this.name = 'TicketStateError';
  }
}

export function assertTransition(from: TTicketState, to: TTicketState): void {
  if (!canTransition(from, to)) throw new TicketStateError(from, to);
}

export const TICKET_STATE_LABELS: Record<TTicketState, string> = {
  draft: 'Draft',
  pending: 'Pending approval',
  approved: 'Approved',
  rejected: 'Rejected',
  expired: 'Approvals expired',
  scheduled: 'Scheduled',
  deployed: 'Deployed',
  cancelled: 'Cancelled',
};
