// The default gate of requestOperation (issue 6): change tickets where the
// environment requires them, freeze windows everywhere, break-glass for
// admins. Restoring a revision that already ran (rollback, recover) is never
// blocked: it is how a bad change is undone, so it is audited as exempt.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Prisma } from '@/lib/db';
import {
  auditTicketEvent,
  breakGlass,
  checkGateInTransaction,
  GateDeniedError,
  parseValuesYaml,
  type TGateOperation,
} from '@/lib/tickets';
import { ForbiddenError } from './errors';
import type { TActor } from './request-operation';
import type { TValidatedRequest } from './validate-request';

export type TGateContext = { actor: TActor; ticketId?: number; breakGlassReason?: string };

/** How the gate let the operation through (recorded on the intent), or why it refused. */
export type TGateVerdict = {
  gate: 'ticket' | 'not-required' | 'exempt-restore' | 'break-glass';
  /** Thrown after the transaction commits, so the refusal's audit record stays. */
  refusal?: Error;
};

const RESTORE_KINDS = new Set(['rollback', 'recover']);
const TICKET_KINDS = new Set(['install', 'upgrade', 'uninstall']);

// A local chart has no version in the request: the one that deploys is its Chart.yaml's.
function chartVersionOf(v: TValidatedRequest): string | null {
  if (!v.chart) return null;
  if (v.chart.version) return v.chart.version;
  try {
    const meta = parseYaml(readFileSync(path.join(v.chart.helmRef, 'Chart.yaml'), 'utf8')) as {
      version?: unknown;
    };
    return typeof meta?.version === 'string' ? meta.version : null;
  } catch {
    return null;
  }
}

/** What the operation deploys, in the terms a ticket's content hash covers. */
export function gateOperation(v: TValidatedRequest): TGateOperation {
  let values: Record<string, unknown> = {};
  try {
    values = v.params.values ? parseValuesYaml(v.params.values) : {};
  } catch {
    // validateRequest already refused unreadable values.
  }
  return {
    release: v.release,
    environment: v.environment.name,
    cluster: v.cluster.name,
    chartVersion: chartVersionOf(v),
    imageTag: v.params.imageTag ?? null,
    values,
  };
}

export async function ticketGate(
  tx: Prisma.TransactionClient,
  v: TValidatedRequest,
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
  if (RESTORE_KINDS.has(v.kind)) {
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
  const needsTicket = v.environment.requireTicket && TICKET_KINDS.has(v.kind);
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
