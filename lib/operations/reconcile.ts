// After a crash: every queued or running operation whose worker is gone
// (its advisory lock is free) is settled from helm's own state. A release
// left pending-* is flagged needs_recovery and never retried automatically.
import { getDatabase, getPrisma, type PrismaClient } from '@/lib/db';
import { findCluster, findEnvironment } from '@/lib/config';
import { helmHistory, type THelmHistoryEntry } from '@/lib/helm';
import { finishOperation, type TOutcome } from './finish-operation';
import { tryLockOperation } from './op-lock';
import { helmTarget, isPending, type TReleaseLocation } from './release-state';
import type { TOperation } from './request-operation';
import { operationsRuntime } from './runtime';

export type TReconciled = { operationId: number; state: TOutcome['state']; error?: string | null };

const RECORDED_BY = 'system:reconcile';

/** Settles operations left by dead workers; returns what it decided. */
export async function reconcileOperations(): Promise<TReconciled[]> {
  const prisma = await getPrisma();
  const { url } = await getDatabase();
  const active = await prisma.operation.findMany({
    where: { state: { in: ['queued', 'running'] } },
    orderBy: { id: 'asc' },
  });
  const done: TReconciled[] = [];
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
        outcome = await fromHelmState(fresh);
      }
      if (
        outcome &&
        (await finishOperation(prisma, fresh, { ...outcome, recordedBy: RECORDED_BY }))
      ) {
        done.push({ operationId: op.id, state: outcome.state, error: outcome.error });
      }
    } finally {
      await lock.release();
    }
  }
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

async function fromHelmState(op: TOperation): Promise<TOutcome> {
  const { config } = operationsRuntime();
  const environment = findEnvironment(config, op.environment);
  const cluster = environment && findCluster(environment, op.cluster);
  if (!environment || !cluster)
    return { state: 'failed', error: 'the environment or cluster is no longer configured' };
  const loc: TReleaseLocation = { environment, cluster, release: op.release };
  let history: THelmHistoryEntry[];
  try {
    history = await helmHistory(helmTarget(loc), { release: op.release, max: 50 });
  } catch (e) {
    const missing =
      e instanceof Error && 'kind' in e && (e as { kind: string }).kind === 'release-not-found';
    if (!missing)
      return {
        state: 'needs_recovery',
        error: 'the cluster could not be asked what helm did; check the release and recover it',
      };
    history = [];
  }
  history.sort((a, b) => a.revision - b.revision);
  const latest = history.at(-1);
  if (latest && isPending(latest.status)) {
    const good = history
      .filter(
        (h) =>
          h.revision < latest.revision && (h.status === 'deployed' || h.status === 'superseded'),
      )
      .at(-1);
    const fix = good ? `roll back to revision ${good.revision}` : 'uninstall it';
    return {
      state: 'needs_recovery',
      revisionAfter: latest.revision,
      error: `helm left ${op.release} in ${latest.status} when the worker stopped; recover it (${fix})`,
    };
  }
  if (op.kind === 'uninstall') {
    const gone = !latest || latest.status === 'uninstalled';
    return gone
      ? { state: 'succeeded' }
      : {
          state: 'failed',
          revisionAfter: latest.revision,
          error: 'the worker stopped; the release was not uninstalled',
        };
  }
  if (op.kind === 'test')
    return {
      state: 'failed',
      revisionAfter: op.revisionBefore,
      error: 'the worker stopped during helm test; run it again',
    };
  const mine = history.filter((h) => h.revision > (op.revisionBefore ?? 0));
  const own = mine[0];
  if (!own)
    return {
      state: 'failed',
      revisionAfter: op.revisionBefore,
      error: 'the worker stopped before helm changed the release',
    };
  const marked = own.description.includes(`helmdeck op #${op.id} `);
  if (own.status === 'deployed' || (own.status === 'superseded' && marked))
    return { state: 'succeeded', revisionAfter: own.revision };
  const rolledBack = mine.slice(1).some((h) => /^Rollback/i.test(h.description));
  return {
    state: 'failed',
    revisionAfter: latest?.revision ?? own.revision,
    error: `helm ${op.kind} failed${rolledBack ? ' and was rolled back' : ''} (found after the worker stopped)`,
    details: { rolledBack },
  };
}
