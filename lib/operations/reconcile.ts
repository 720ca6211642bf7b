// After a crash: every queued or running operation whose worker is gone
// (its advisory lock is free) is settled from the cluster's own state, as its
// kind reads it (helm's history by default). A release left pending-* is
// flagged needs_recovery and never retried automatically. First, a helm left
// running by a dead Helmdeck process is ended, so the cluster state read is
// final and a recovery never runs beside an old helm.
import { getDatabase, getPrisma, type PrismaClient } from '@/lib/db';
import { endLeftoverHelm } from '@/lib/helm';
import { finishOperation, type TOutcome } from './finish-operation';
import { kindOf } from './kinds';
import { reconcileFromHistory } from './kinds/reconcile-from-history';
import { tryLockOperation } from './op-lock';
import type { TOperation } from './operation-row';
import { tellListeners } from './after-finish';
import { helmTarget, locationOf, type TReleaseLocation } from './release-state';
import { kubeClients } from './runtime';

export type TReconciled = { operationId: number; state: TOutcome['state']; error?: string | null };

const RECORDED_BY = 'system:reconcile';

/** Settles operations left by dead workers; returns what it decided. */
export async function reconcileOperations(): Promise<TReconciled[]> {
  await endLeftoverHelm();
  const prisma = await getPrisma();
  const { url } = await getDatabase();
  const active = await prisma.operation.findMany({
    where: { state: { in: ['queued', 'running'] } },
    orderBy: { id: 'asc' },
  });
  const done: TReconciled[] = [];
  const settled: { id: number; outcome: TOutcome }[] = [];
  for (const op of active) {
    const lock = await tryLockOperation(url, op.id);
    if (!lock) continue; // a live worker has it
    try {
      const fresh = await prisma.operation.findUniqueOrThrow({ where: { id: op.id } });
      let outcome: TOutcome | null = null;
      if (fresh.state === 'queued') {
        if (await jobStillWaiting(prisma, fresh.jobId)) continue;
        outcome = {
          state: 'cancelled',
          error: 'the worker stopped before it started this operation; request it again',
        };
      } else if (fresh.state === 'running') {
        outcome = await fromClusterState(fresh);
      }
      if (
        outcome &&
        (await finishOperation(prisma, fresh, { ...outcome, recordedBy: RECORDED_BY }))
      ) {
        done.push({ operationId: op.id, state: outcome.state, error: outcome.error });
        settled.push({ id: op.id, outcome });
      }
    } finally {
      await lock.release();
    }
  }
  for (const { id, outcome } of settled) await tellListeners(prisma, id, outcome, 'reconcile');
  return done;
}

async function jobStillWaiting(prisma: PrismaClient, jobId: string | null): Promise<boolean> {
  if (!jobId) return false;
  try {
    const rows = await prisma.$queryRaw<
      { state: string }[]
    >`SELECT state::text AS state FROM pgboss.job WHERE id = ${jobId}::uuid`;
    const state = rows[0]?.state;
    return state === 'created' || state === 'retry';
  } catch {
    return false; // no pg-boss schema yet: nothing can be waiting
  }
}

// The kind says how: by default from helm's history of the release it changed.
async function fromClusterState(op: TOperation): Promise<TOutcome> {
  const def = kindOf(op.kind);
  const params = (op.params ?? {}) as Record<string, unknown>;
  let loc: TReleaseLocation;
  try {
    loc = locationOf(op, def.helmRelease?.(op.release, params) ?? op.release);
  } catch {
    return { state: 'failed', error: 'the environment or cluster is no longer configured' };
  }
  const ctx = {
    op,
    params,
    location: loc,
    helmTarget: helmTarget(loc),
    kube: kubeClients(loc.cluster.context),
  };
  return def.reconcile ? def.reconcile(ctx) : reconcileFromHistory(ctx);
}
