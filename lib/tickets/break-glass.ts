// Break-glass: an admin runs an operation the gate refuses. Allowed only with
// a written reason, audited as such, and left flagged until an approver
// reviews it afterwards.
import { ForbiddenError } from '@/lib/auth/errors';
import type { PrismaClient } from '@/lib/db';
import { decide } from '@/lib/policy/decide';
import { auditTicketEvent } from './audit-ticket-event';
import {
  resolveOptions,
  TicketError,
  type TTicketActor,
  type TTicketOptions,
} from './ticket-context';

export const BREAK_GLASS_MIN_REASON = 10;

export type TBreakGlassDecision =
  { allowed: true; reason: string } | { allowed: false; detail: string };

/** Whether `actor` may break the glass with this reason (pure). */
export function breakGlass(
  actor: TTicketActor,
  reason: string | null | undefined,
): TBreakGlassDecision {
  const verdict = decide({ user: actor, action: 'break-glass', target: {} });
  if (!verdict.allow) return { allowed: false, detail: verdict.reason };
  const text = (reason ?? '').trim();
  if (text.length < BREAK_GLASS_MIN_REASON) {
    return {
      allowed: false,
      detail: `Break-glass needs a reason of at least ${BREAK_GLASS_MIN_REASON} characters.`,
    };
  }
  return { allowed: true, reason: text };
}

export interface TBreakGlassReview {
  operationId: number;
  environment: string;
  cluster: string;
  release: string;
  reason: string;
  requestedById: string;
  createdAt: Date;
}

/** Break-glass operations no approver has reviewed yet, oldest first. */
export async function pendingBreakGlassReviews(
  options?: TTicketOptions,
): Promise<TBreakGlassReview[]> {
  const { prisma } = await resolveOptions(options);
  const ops = await prisma.operation.findMany({
    where: { breakGlassReason: { not: null } },
    orderBy: { createdAt: 'asc' },
    select: {
      id: true,
      environment: true,
      cluster: true,
      release: true,
      breakGlassReason: true,
      requestedById: true,
      createdAt: true,
    },
  });
  const reviewed = await reviewedIds(
    prisma,
    ops.map((o) => o.id),
  );
  return ops
    .filter((o) => !reviewed.has(o.id))
    .map((o) => ({
      operationId: o.id,
      environment: o.environment,
      cluster: o.cluster,
      release: o.release,
      reason: o.breakGlassReason ?? '',
      requestedById: o.requestedById,
      createdAt: o.createdAt,
    }));
}

async function reviewedIds(prisma: PrismaClient, ids: number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await prisma.auditRecord.findMany({
    where: { action: 'break-glass.reviewed', operationId: { in: ids } },
    select: { operationId: true },
  });
  return new Set(rows.flatMap((r) => (r.operationId === null ? [] : [r.operationId])));
}

/** An approver records their review of a break-glass operation (kept in the audit log). */
export async function reviewBreakGlass(
  actor: TTicketActor,
  operationId: number,
  comment: string,
  options?: TTicketOptions,
): Promise<void> {
  const { prisma } = await resolveOptions(options);
  const op = await prisma.operation.findUnique({ where: { id: operationId } });
  if (!op || !op.breakGlassReason)
    throw new TicketError('not-found', `Operation #${operationId} was not a break-glass run.`);
  const verdict = decide({
    user: actor,
    action: 'ticket.approve',
    target: { environment: op.environment },
  });
  if (!verdict.allow) throw new ForbiddenError(verdict.reason);
  if (op.requestedById === actor.id)
    throw new ForbiddenError('You cannot review your own break-glass run.');
  if ((await reviewedIds(prisma, [operationId])).size > 0)
    throw new TicketError('conflict', 'This break-glass run was already reviewed.');
  await auditTicketEvent(prisma, {
    actor,
    action: 'break-glass.reviewed',
    operationId,
    cluster: op.cluster,
    ticket: null,
    details: {
      environment: op.environment,
      release: op.release,
      comment: comment.trim(),
      reason: op.breakGlassReason,
    },
  });
}
