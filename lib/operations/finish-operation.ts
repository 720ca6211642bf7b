// Records an operation's final state and its outcome audit record in one
// transaction. Leaving queued/running frees the release for the next one.
import { appendAudit, AUDIT_TX_OPTIONS } from '@/lib/audit';
import type { PrismaClient } from '@/lib/db';
import { countFinishedOperation } from '@/lib/metrics/record';
import { recordOperationEvent } from './operation-events';
import { PROGRESS_CHANNEL } from './progress';
import type { TOperation } from './operation-row';

export type TFinalState = 'succeeded' | 'failed' | 'needs_recovery' | 'cancelled';

export type TOutcome = {
  state: TFinalState;
  revisionAfter?: number | null;
  error?: string | null;
  exitStatus?: number | null;
  details?: Record<string, unknown>;
  /** Who records it when not the worker on the requester's behalf (e.g. system:reconcile). */
  recordedBy?: string;
};

/** Moves `op` to a final state unless someone already did; returns false when it was no longer active. */
export async function finishOperation(
  prisma: PrismaClient,
  op: TOperation,
  outcome: TOutcome,
  actorName?: string,
): Promise<boolean> {
  const finishedAt = new Date();
  const startedAt = op.startedAt ?? op.createdAt;
  const finished = await prisma.$transaction(async (tx) => {
    const updated = await tx.operation.updateMany({
      where: { id: op.id, state: { in: ['queued', 'running'] } },
      data: {
        state: outcome.state,
        finishedAt,
        revisionAfter: outcome.revisionAfter ?? null,
        error: outcome.error ?? null,
        exitStatus: outcome.exitStatus ?? null,
        progress: outcome.state.replace('_', ' '),
      },
    });
    if (updated.count === 0) return false;
    const name =
      actorName ??
      (await tx.user.findUnique({ where: { id: op.requestedById }, select: { name: true } }))?.name;
    await appendAudit(tx, {
      actor: op.requestedById,
      actorName: name,
      action: op.kind,
      outcome: outcome.state === 'succeeded' ? 'succeeded' : 'failed',
      environment: op.environment,
      cluster: op.cluster,
      namespace: op.namespace,
      release: op.release,
      revisionBefore: op.revisionBefore,
      revisionAfter: outcome.revisionAfter ?? null,
      chart: op.chart,
      chartVersion: op.chartVersion,
      valuesDigest: op.valuesDigest,
      ticketId: op.ticketId,
      operationId: op.id,
      durationMs: finishedAt.getTime() - startedAt.getTime(),
      exitStatus: outcome.exitStatus ?? null,
      error: outcome.error ?? null,
      details: {
        state: outcome.state,
        ...(outcome.recordedBy ? { recordedBy: outcome.recordedBy } : {}),
        ...outcome.details,
      },
    });
    const rolledBack = outcome.details?.rolledBack === true;
    await recordOperationEvent(
      tx,
      { ...op, state: outcome.state, revisionAfter: outcome.revisionAfter ?? null },
      outcome.state === 'succeeded' ? 'succeeded' : rolledBack ? 'rolled_back' : 'failed',
      { id: op.requestedById, name },
    );
    // Delivered at commit: pages streaming this operation learn it finished.
    await tx.$executeRaw`SELECT pg_notify(${PROGRESS_CHANNEL}, ${String(op.id)})`;
    return true;
  }, AUDIT_TX_OPTIONS);
  if (finished) countFinishedOperation(op, outcome, finishedAt);
  return finished;
}
