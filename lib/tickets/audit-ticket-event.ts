// Every ticket event and every refusal lands in the audit log. Values and
// rendered diffs never do (they may hold secrets): only their digests.
import { appendAudit, type TAuditOutcome } from '@/lib/audit';
import type { Prisma, PrismaClient } from '@/lib/db';
import type { TTicketActor } from './ticket-context';

export interface TTicketAuditInput {
  actor: TTicketActor | { id: string; name?: string | null };
  action: string;
  outcome?: TAuditOutcome;
  /** The ticket, or just the target (no id) when there is none. */
  ticket?: {
    id?: number;
    release: string;
    environment: string;
    chartVersion: string | null;
    valuesDigest: string | null;
  } | null;
  ticketId?: number | null;
  operationId?: number | null;
  cluster?: string | null;
  error?: string | null;
  details?: Record<string, unknown>;
}

export async function auditTicketEvent(
  db: Prisma.TransactionClient | PrismaClient,
  input: TTicketAuditInput,
) {
  const t = input.ticket;
  return appendAudit(db, {
    actor: input.actor.id,
    actorName: input.actor.name ?? null,
    action: input.action,
    outcome: input.outcome ?? 'succeeded',
    environment: t?.environment ?? null,
    release: t?.release ?? null,
    cluster: input.cluster ?? null,
    chartVersion: t?.chartVersion ?? null,
    valuesDigest: t?.valuesDigest ?? null,
    ticketId: t?.id ?? input.ticketId ?? null,
    operationId: input.operationId ?? null,
    error: input.error ?? null,
    details: input.details ?? null,
  });
}

function userMessageOf(e: unknown): string | undefined {
  const m = (e as { userMessage?: unknown } | null)?.userMessage;
  return typeof m === 'string' ? m : undefined;
}

/**
 * Runs a ticket verb; when it is refused with a message for the user
 * (forbidden, invalid, conflict), the refusal is audited as `denied` in a
 * transaction of its own (the verb's rolled back) and the error rethrown.
 */
export async function withDeniedAudit<T>(
  prisma: PrismaClient,
  audit: Omit<TTicketAuditInput, 'outcome' | 'error'>,
  run: () => Promise<T>,
): Promise<T> {
  try {
    return await run();
  } catch (e) {
    const message = userMessageOf(e);
    if (message !== undefined) {
      await auditTicketEvent(prisma, { ...audit, outcome: 'denied', error: message });
    }
    throw e;
  }
}
