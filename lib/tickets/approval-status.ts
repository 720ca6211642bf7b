// Which recorded decisions still count for a ticket. Decisions are never
// deleted: a content change voids them, time expires approvals, and only
// decisions on the ticket's current content hash count at all.
import type { TTicketState } from './ticket-states';

export interface TDecision {
  approverId: string;
  decision: 'approve' | 'reject';
  contentHash: string;
  createdAt: Date;
  expiresAt: Date;
  voidedAt: Date | null;
}

export interface TApprovalStatus {
  required: number;
  /** Distinct approvers whose approval counts now. */
  approvedBy: string[];
  /** A counting rejection blocks the ticket. */
  rejectedBy: string[];
  /** Approvals on the current content that lapsed with time. */
  expiredBy: string[];
  /** When the earliest counting approval lapses. */
  expiresAt?: Date;
}

export const DEFAULT_APPROVAL_TTL_HOURS = 72;

export function approvalExpiry(at: Date, ttlHours: number | undefined): Date {
  return new Date(at.getTime() + (ttlHours ?? DEFAULT_APPROVAL_TTL_HOURS) * 3_600_000);
}

function onContent(d: TDecision, contentHash: string): boolean {
  return d.voidedAt === null && d.contentHash === contentHash;
}

export function approvalStatus(
  decisions: readonly TDecision[],
  contentHash: string,
  required: number,
  now: Date,
): TApprovalStatus {
  const current = decisions.filter((d) => onContent(d, contentHash));
  const live = current.filter((d) => d.decision === 'approve' && d.expiresAt > now);
  const approvedBy = [...new Set(live.map((d) => d.approverId))];
  const rejectedBy = [
    ...new Set(current.filter((d) => d.decision === 'reject').map((d) => d.approverId)),
  ];
  const expiredBy = [
    ...new Set(
      current
        .filter(
          (d) =>
            d.decision === 'approve' && d.expiresAt <= now && !approvedBy.includes(d.approverId),
        )
        .map((d) => d.approverId),
    ),
  ];
  const expiresAt = live.length
    ? new Date(Math.min(...live.map((d) => d.expiresAt.getTime())))
    : undefined;
  return { required, approvedBy, rejectedBy, expiredBy, ...(expiresAt ? { expiresAt } : {}) };
}

/** The state the decisions call for, for a ticket that is open for decisions. */
export function decidedState(status: TApprovalStatus): TTicketState {
  if (status.rejectedBy.length > 0) return 'rejected';
  if (status.approvedBy.length >= status.required) return 'approved';
  if (status.expiredBy.length > 0) return 'expired';
  return 'pending';
}

/**
 * The state a page should show: a stored approved or scheduled ticket whose
 * approvals have lapsed since is expired, before any sweep has written it.
 */
export function effectiveState(stored: TTicketState, status: TApprovalStatus): TTicketState {
  if (
    (stored === 'approved' || stored === 'scheduled') &&
    status.approvedBy.length < status.required
  ) {
    return 'expired';
  }
  return stored;
}
