// The gate as the operation queue meets it: re-evaluated inside the
// transaction that creates the job, on the ticket row locked FOR SHARE, so an
// edit or a decision cannot commit between the check and the job's start.
import type { Prisma } from '@/lib/db';
import type { TEnvironment } from '@/lib/config/schema';
import { AppError } from '@/lib/errors';
import { auditTicketEvent } from './audit-ticket-event';
import { breakGlass } from './break-glass';
import { evaluateGate, type TGateOperation, type TGateResult } from './gate';
import { valuesDigest } from '@/lib/values';
import { lockTicket, type TTicketActor, type TTicketRow } from './ticket-context';

export interface TGateTransactionInput {
  actor: TTicketActor;
  environment: TEnvironment;
  ticketId?: number | null;
  operation: TGateOperation;
  /** An admin's reason to run although the gate refuses. */
  breakGlassReason?: string | null;
  now?: Date;
}

export type TGateTransactionResult = TGateResult & {
  /** True when the gate refused and an admin's break-glass let it through. */
  breakGlass: boolean;
  ticket: TTicketRow | null;
};

/** Refusal raised by the caller after its transaction committed the denial's audit record (409). */
export class GateDeniedError extends AppError {
  constructor(readonly result: TGateResult) {
    const missing = result.checklist.filter((c) => !c.ok).map((c) => c.detail);
    const opens = result.opensAt ? ` The window opens ${result.opensAt.toISOString()}.` : '';
    super(
      'conflict',
      `The deployment gate refused this operation: ${missing.join('; ')}.${opens}`,
      {
        checklist: result.checklist,
        opensAt: result.opensAt?.toISOString() ?? null,
      },
    );
    this.name = 'GateDeniedError';
  }
}

/**
 * Evaluates the gate and audits the decision in `tx`. It does not throw on
 * refusal: the caller commits (so the denial is recorded), creates no job,
 * and throws GateDeniedError afterwards.
 */
export async function checkGateInTransaction(
  tx: Prisma.TransactionClient,
  input: TGateTransactionInput,
): Promise<TGateTransactionResult> {
  const now = input.now ?? new Date();
  const ticket = input.ticketId
    ? await lockTicket(tx, input.ticketId, 'share').catch(() => null)
    : null;
  const result = evaluateGate({
    environment: input.environment,
    ticket,
    operation: input.operation,
    now,
  });
  const glass =
    !result.allowed && input.breakGlassReason !== undefined && input.breakGlassReason !== null
      ? breakGlass(input.actor, input.breakGlassReason)
      : undefined;
  const broke = glass?.allowed === true;
  const op = input.operation;
  await auditTicketEvent(tx, {
    actor: input.actor,
    action: broke ? 'gate.break-glass' : 'gate.check',
    outcome: result.allowed || broke ? 'succeeded' : 'denied',
    ticket: ticket ?? {
      release: op.release,
      environment: op.environment,
      chartVersion: op.chartVersion,
      valuesDigest: null,
    },
    ticketId: input.ticketId ?? null,
    cluster: op.cluster,
    error:
      result.allowed || broke
        ? null
        : result.checklist
            .filter((c) => !c.ok)
            .map((c) => c.detail)
            .join('; '),
    details: {
      checklist: result.checklist,
      opensAt: result.opensAt?.toISOString() ?? null,
      imageTag: op.imageTag,
      operationValuesDigest: valuesDigest(op.values),
      ...(glass
        ? glass.allowed
          ? { breakGlassReason: glass.reason, reviewPending: true }
          : { breakGlassRefused: glass.detail }
        : {}),
    },
  });
  return { ...result, allowed: result.allowed || broke, breakGlass: broke, ticket };
}
