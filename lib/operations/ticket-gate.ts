// The default gate of requestOperation: change tickets where the environment
// requires them, freeze windows everywhere, break-glass for admins. A kind
// says which of these apply to it (its gate class): restoring what already
// ran (rollback, recover) is never blocked, so it is audited as exempt.
import type { Prisma } from '@/lib/db';
import {
  auditTicketEvent,
  breakGlass,
  checkGateInTransaction,
  GateDeniedError,
  type TGateOperation,
} from '@/lib/tickets';
import { ForbiddenError } from './errors';
import { kindOf, type TCheckedRequest } from './kinds';
import type { TActor } from './actor';

export type TGateContext = { actor: TActor; ticketId?: number; breakGlassReason?: string };

/** How the gate let the operation through (recorded on the intent), or why it refused. */
export type TGateVerdict = {
  gate: 'ticket' | 'not-required' | 'exempt-restore' | 'break-glass';
  /** Thrown after the transaction commits, so the refusal's audit record stays. */
  refusal?: Error;
};

/** What the operation deploys, in the terms a ticket's content hash covers (no file or cluster reads). */
export function gateOperation(v: TCheckedRequest<unknown>): TGateOperation {
  return {
    // The helm release it changes: a blue/green colour or canary ticket names that release.
    release: v.helmRelease,
    environment: v.environment.name,
    cluster: v.cluster.name,
    chartVersion: v.chartVersion ?? null,
    imageTag: v.imageTag ?? null,
    values: v.requestedValues ?? {},
  };
}

export async function ticketGate(
  tx: Prisma.TransactionClient,
  v: TCheckedRequest<unknown>,
  ctx: TGateContext,
): Promise<TGateVerdict> {
  const operation = gateOperation(v);
  if (ctx.breakGlassReason !== undefined) {
    const glass = breakGlass(ctx.actor, ctx.breakGlassReason);
    if (!glass.allowed) {
      await auditTicketEvent(tx, {
        actor: ctx.actor,
        action: 'gate.break-glass',
        outcome: 'denied',
        ticket: { ...operation, valuesDigest: null },
        ticketId: ctx.ticketId ?? null,
        cluster: operation.cluster,
        error: glass.detail,
        details: { kind: v.kind },
      });
      return { gate: 'break-glass', refusal: new ForbiddenError(glass.detail) };
    }
  }
  const gateClass = kindOf(v.kind).gate;
  if (gateClass === 'restore') {
    await auditTicketEvent(tx, {
      actor: ctx.actor,
      action: 'gate.check',
      ticket: { ...operation, chartVersion: null, valuesDigest: null },
      ticketId: ctx.ticketId ?? null,
      cluster: operation.cluster,
      details: { gate: 'exempt-restore', kind: v.kind, targetRevision: v.targetRevision ?? null },
    });
    return { gate: 'exempt-restore' };
  }
  const def = kindOf(v.kind);
  const needsTicket =
    v.environment.requireTicket &&
    gateClass === 'ticket' &&
    (def.ticketRequired?.(v.environment) ?? true);
  const result = await checkGateInTransaction(tx, {
    actor: ctx.actor,
    environment: { ...v.environment, requireTicket: needsTicket },
    ticketId: ctx.ticketId ?? null,
    operation,
    breakGlassReason: ctx.breakGlassReason ?? null,
  });
  if (!result.allowed) return { gate: 'ticket', refusal: new GateDeniedError(result) };
  if (result.breakGlass) return { gate: 'break-glass' };
  return { gate: needsTicket ? 'ticket' : 'not-required' };
}
