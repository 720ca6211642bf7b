// The production gate, pure: may this operation start now under this ticket?
// Answers with a checklist the page shows as is, and when the window opens.
import type { TFreezeWindow } from '@/lib/config/freeze-window';
import { approvalStatus, effectiveState, type TDecision } from './approval-status';
import { activeFreeze, nextOpening } from './freeze';
import { valuesDigest } from '@/lib/values';
import { contentHash, contentOfRow } from './ticket-content';
import type { TTicketState } from './ticket-states';
import { formatInZone } from './zoned-time';

export const GATE_CHECKS = [
  'ticket-required',
  'approved',
  'approvals-count',
  'not-expired',
  'content-matches',
  'in-maintenance-window',
  'no-freeze',
] as const;
export type TGateCheckName = (typeof GATE_CHECKS)[number];

export interface TGateCheck {
  check: TGateCheckName;
  ok: boolean;
  detail: string;
}

export interface TGateResult {
  allowed: boolean;
  checklist: TGateCheck[];
  /** When the time-based checks will next pass, if they fail now. */
  opensAt?: Date;
}

export interface TGateEnvironment {
  name: string;
  requireTicket: boolean;
  approvals: number;
  freezeWindows: readonly TFreezeWindow[];
}

export interface TGateTicket {
  id: number;
  state: TTicketState;
  release: string;
  environment: string;
  clusters: string[];
  chartVersion: string | null;
  imageTag: string | null;
  values: string | null;
  contentHash: string;
  windowStart: Date | null;
  windowEnd: Date | null;
  windowTimezone: string | null;
  approvals: readonly TDecision[];
}

export interface TGateOperation {
  release: string;
  environment: string;
  cluster: string;
  chartVersion: string | null;
  imageTag: string | null;
  values: Record<string, unknown>;
}

export interface TGateInput {
  environment: TGateEnvironment;
  ticket?: TGateTicket | null;
  operation: TGateOperation;
  now: Date;
}

function contentMismatches(ticket: TGateTicket, op: TGateOperation): string[] {
  let stored;
  try {
    stored = contentOfRow(ticket);
  } catch {
    return ['the ticket values cannot be read'];
  }
  const out: string[] = [];
  if (contentHash(stored) !== ticket.contentHash)
    out.push('the ticket content does not match its hash');
  if (op.release !== ticket.release)
    out.push(`release ${op.release} is not the ticket's ${ticket.release}`);
  if (op.environment !== ticket.environment)
    out.push(`environment ${op.environment} is not the ticket's ${ticket.environment}`);
  if (!ticket.clusters.includes(op.cluster))
    out.push(`cluster ${op.cluster} is not among ${ticket.clusters.join(', ')}`);
  if ((op.chartVersion ?? '') !== (ticket.chartVersion ?? '')) {
    out.push(
      `chart version ${op.chartVersion ?? '(none)'} is not the approved ${ticket.chartVersion ?? '(none)'}`,
    );
  }
  if ((op.imageTag ?? null) !== (ticket.imageTag ?? null)) {
    out.push(
      `image tag ${op.imageTag ?? '(none)'} is not the approved ${ticket.imageTag ?? '(none)'}`,
    );
  }
  if (valuesDigest(op.values) !== valuesDigest(stored.values))
    out.push('the values differ from the approved values');
  return out;
}

function ticketChecks(env: TGateEnvironment, ticket: TGateTicket, input: TGateInput): TGateCheck[] {
  const { now, operation } = input;
  const status = approvalStatus(ticket.approvals, ticket.contentHash, env.approvals, now);
  const state = effectiveState(ticket.state, status);
  const zone = ticket.windowTimezone ?? 'UTC';
  const approvedOk =
    (state === 'approved' || state === 'scheduled') && status.rejectedBy.length === 0;
  const countOk = status.approvedBy.length >= env.approvals;
  const expiredOk = countOk || status.expiredBy.length === 0;
  const mismatches = contentMismatches(ticket, operation);
  const { windowStart: start, windowEnd: end } = ticket;
  const inWindow = !!start && !!end && start <= now && now < end;
  return [
    {
      check: 'approved',
      ok: approvedOk,
      detail: approvedOk
        ? `ticket #${ticket.id} is approved`
        : status.rejectedBy.length > 0
          ? `ticket #${ticket.id} was rejected`
          : `ticket #${ticket.id} is ${state}`,
    },
    {
      check: 'approvals-count',
      ok: countOk,
      detail: `${status.approvedBy.length} of ${env.approvals} required approval${env.approvals === 1 ? '' : 's'}`,
    },
    {
      check: 'not-expired',
      ok: expiredOk,
      detail: !expiredOk
        ? `${status.expiredBy.length} approval${status.expiredBy.length === 1 ? '' : 's'} expired; approvers must approve again`
        : status.expiresAt
          ? `approvals valid until ${formatInZone(status.expiresAt, zone)}`
          : 'no approval has expired',
    },
    {
      check: 'content-matches',
      ok: mismatches.length === 0,
      detail:
        mismatches.length === 0
          ? 'the operation is exactly the approved change'
          : mismatches.join('; '),
    },
    {
      check: 'in-maintenance-window',
      ok: inWindow,
      detail:
        !start || !end
          ? 'the ticket has no maintenance window'
          : inWindow
            ? `inside the window until ${formatInZone(end, zone)}`
            : now < start
              ? `the maintenance window opens ${formatInZone(start, zone)}`
              : `the maintenance window closed ${formatInZone(end, zone)}`,
    },
  ];
}

/** Whether `operation` may start at `now`, with every rule's outcome. */
export function evaluateGate(input: TGateInput): TGateResult {
  const { environment: env, ticket, now } = input;
  const checklist: TGateCheck[] = [];
  if (!env.requireTicket) {
    checklist.push({
      check: 'ticket-required',
      ok: true,
      detail: `${env.name} does not require a ticket`,
    });
  } else if (!ticket) {
    checklist.push({
      check: 'ticket-required',
      ok: false,
      detail: `${env.name} requires an approved change ticket`,
    });
  } else {
    checklist.push({ check: 'ticket-required', ok: true, detail: `ticket #${ticket.id}` });
    checklist.push(...ticketChecks(env, ticket, input));
  }
  const freeze = activeFreeze(env.freezeWindows, now);
  const freezeZone = freeze?.window.timeZone ?? 'UTC';
  checklist.push({
    check: 'no-freeze',
    ok: !freeze,
    detail: freeze
      ? `${env.name} is frozen (${freeze.label}) until ${formatInZone(freeze.end, freezeZone)}`
      : 'no freeze window is in force',
  });
  const allowed = checklist.every((c) => c.ok);
  const timeFailed = checklist.some(
    (c) => !c.ok && (c.check === 'no-freeze' || c.check === 'in-maintenance-window'),
  );
  const opensAt = timeFailed
    ? openingTime(env, env.requireTicket ? ticket : undefined, now)
    : undefined;
  return { allowed, checklist, ...(opensAt ? { opensAt } : {}) };
}

/** First instant at or after `now` inside the ticket's window and outside every freeze. */
export function openingTime(
  env: Pick<TGateEnvironment, 'freezeWindows'>,
  ticket: Pick<TGateTicket, 'windowStart' | 'windowEnd'> | null | undefined,
  now: Date,
): Date | undefined {
  if (ticket && (!ticket.windowStart || !ticket.windowEnd)) return undefined;
  const from = ticket?.windowStart && ticket.windowStart > now ? ticket.windowStart : now;
  const open = nextOpening(env.freezeWindows, from);
  if (!open) return undefined;
  if (ticket?.windowEnd && open >= ticket.windowEnd) return undefined;
  return open;
}
