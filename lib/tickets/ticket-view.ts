// The read shape of a ticket for pages and the API: its state as of now
// (approvals lapse without anyone writing), the approvals timeline and the
// gate checklist for deploying it. Values stay out; the page asks for them.
import type { TEnvironment } from '@/lib/config/schema';
import { approvalStatus, effectiveState, type TApprovalStatus } from './approval-status';
import { evaluateGate, type TGateResult } from './gate';
import { contentOfRow } from './ticket-content';
import type { TTicketRow } from './ticket-context';
import type { TTicketState } from './ticket-states';

export type TDecisionStanding = 'counts' | 'voided' | 'expired' | 'superseded';

export interface TTimelineEntry {
  id: number;
  approverId: string;
  approverName: string;
  decision: 'approve' | 'reject';
  comment: string;
  at: Date;
  expiresAt: Date;
  voidedAt: Date | null;
  standing: TDecisionStanding;
}

export interface TTicketView {
  ticket: Omit<TTicketRow, 'approvals' | 'values'>;
  state: TTicketState;
  status: TApprovalStatus;
  timeline: TTimelineEntry[];
}

function standing(
  row: TTicketRow,
  a: TTicketRow['approvals'][number],
  now: Date,
): TDecisionStanding {
  if (a.voidedAt) return 'voided';
  if (a.contentHash !== row.contentHash) return 'superseded';
  if (a.decision === 'approve' && a.expiresAt <= now) return 'expired';
  return 'counts';
}

export function ticketView(row: TTicketRow, env: TEnvironment | undefined, now: Date): TTicketView {
  const status = approvalStatus(row.approvals, row.contentHash, env?.approvals ?? 0, now);
  const { approvals, values: _values, ...ticket } = row;
  return {
    ticket,
    state: effectiveState(row.state, status),
    status,
    timeline: approvals.map((a) => ({
      id: a.id,
      approverId: a.approverId,
      approverName: a.approver.name,
      decision: a.decision,
      comment: a.comment,
      at: a.createdAt,
      expiresAt: a.expiresAt,
      voidedAt: a.voidedAt,
      standing: standing(row, a, now),
    })),
  };
}

/** The gate as deploying this ticket to `cluster` (default: its first) would meet it now. */
export function ticketGate(
  row: TTicketRow,
  env: TEnvironment,
  now: Date,
  cluster = row.clusters[0] ?? '',
): TGateResult {
  let values: Record<string, unknown> = {};
  try {
    values = contentOfRow(row).values;
  } catch {
    // An unreadable stored value fails content-matches in the gate itself.
  }
  return evaluateGate({
    environment: env,
    ticket: row,
    operation: {
      release: row.release,
      environment: row.environment,
      cluster,
      chartVersion: row.chartVersion,
      imageTag: row.imageTag,
      values,
    },
    now,
  });
}
