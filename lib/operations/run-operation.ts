// Runs one operation for the worker: claim the row, run its kind's execute
// (helm with the operation id and actor in --description, or a Kubernetes API
// call), stream its output, record the outcome, then tell the after-finish
// listeners. Never throws for a helm failure: that is an outcome.
import { randomUUID } from 'node:crypto';
import { Prisma, type PrismaClient } from '@/lib/db';
import { HelmError } from '@/lib/helm';
import { impersonatingClients } from '@/lib/kube/impersonation';
import { kubeWriter } from '@/lib/kube/write-client';
import { kubeIdentityOf } from '@/lib/users/kube-identity';
import { secretsOf } from '@/lib/releases/redact';
import { tellListeners } from './after-finish';
import { finishOperation, type TOutcome } from './finish-operation';
import type { TJobPlan } from './job-plan';
import { kindOf } from './kinds';
import { lockOperation } from './op-lock';
import type { TOperation } from './operation-row';
import { operationLogger, type TOperationLogger } from './progress';
import { helmTarget, locationOf, releaseRevisions } from './release-state';
import { watchRollout, withRolloutReason } from './rollout-watch';
import { kubeClients } from './runtime';

export function helmDescription(op: Pick<TOperation, 'id'>, actor: string): string {
  const who = actor.replace(/[\0\r\n]/g, ' ').slice(0, 120);
  return `helmdeck op #${op.id} by ${who}`;
}

/** Runs the job of `plan.operationId` unless another worker or the reconciler got it first. */
export async function runOperation(
  prisma: PrismaClient,
  url: string,
  plan: TJobPlan,
  workerId: string,
): Promise<void> {
  const lock = await lockOperation(url, plan.operationId);
  if (!lock) return;
  let finished: { op: TOperation; outcome: TOutcome } | undefined;
  try {
    const op = await claim(prisma, plan.operationId);
    if (!op) return;
    await scrubJobValues(prisma, op.jobId);
    const known = secretsOf(plan.values);
    const log = operationLogger(prisma, op.id, known);
    log.line(
      'info',
      `worker ${workerId} started ${op.kind} of ${op.release} in ${op.environment}/${op.cluster}`,
    );
    let outcome: TOutcome;
    const params = (op.params ?? {}) as Record<string, unknown>;
    const rollout = watchRollout(
      {
        cluster: op.cluster,
        namespace: op.namespace,
        release: kindOf(op.kind).helmRelease?.(op.release, params) ?? op.release,
      },
      log,
      known,
    );
    try {
      outcome = await execute(prisma, op, plan, op.requestedBy.name || op.requestedById, log);
    } catch (e) {
      outcome = failure(e);
    }
    outcome = withRolloutReason(outcome, rollout.stop());
    if (outcome.state === 'failed' && outcome.revisionAfter == null && outcome.details?.kind)
      outcome = { ...outcome, revisionAfter: await lastRevisionMade(op, params) };
    log.line(
      'info',
      outcome.state === 'succeeded'
        ? `succeeded${outcome.revisionAfter ? `: revision ${outcome.revisionAfter}` : ''}`
        : `${outcome.state}: ${outcome.error ?? ''}`,
    );
    // Every log line lands before the final state: a reader that sees the
    // operation finished (pages stop following it then) also gets its last line.
    // A lost log line must not keep the outcome from being recorded.
    await log
      .flush()
      .catch((e: unknown) => console.error(`[helmdeck] operation #${op.id}: log lines lost:`, e));
    const final = { ...outcome, details: { ...outcome.details, worker: workerId } };
    if (await finishOperation(prisma, op, final, op.requestedBy.name))
      finished = { op, outcome: final };
  } finally {
    await lock.release();
  }
  if (finished) await tellListeners(prisma, finished.op.id, finished.outcome, 'worker');
}

/**
 * The newest revision a failed helm run left (its failed revision, or helm's
 * rollback after it), so the operation names the revisions it created; null
 * when it made none or the cluster cannot say.
 */
async function lastRevisionMade(
  op: TOperation,
  params: Record<string, unknown>,
): Promise<number | null> {
  try {
    const loc = locationOf(op, kindOf(op.kind).helmRelease?.(op.release, params) ?? op.release);
    const newest = (await releaseRevisions(loc)).at(-1)?.revision ?? null;
    return newest !== null && newest > (op.revisionBefore ?? 0) ? newest : null;
  } catch {
    return null;
  }
}

/** Marks a queued operation running; null when it is not queued any more (done, or settled by reconcile). */
async function claim(prisma: PrismaClient, id: number) {
  try {
    return await prisma.operation.update({
      where: { id, state: 'queued' },
      data: { state: 'running', startedAt: new Date(), progress: 'running' },
      include: { requestedBy: { select: { name: true } } },
    });
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2025') return null;
    throw e;
  }
}

// Values may hold secrets: they stay in the queue only while the job waits. Never retried, so never needed again.
async function scrubJobValues(prisma: PrismaClient, jobId: string | null): Promise<void> {
  if (!jobId) return;
  await prisma.$executeRaw`UPDATE pgboss.job SET data = data - 'values' WHERE id = ${jobId}::uuid`.catch(
    (e: unknown) =>
      console.error(`[operations] values of job ${jobId} not scrubbed: ${(e as Error).message}`),
  );
}

function failure(e: unknown): TOutcome {
  if (e instanceof HelmError) {
    const rolledBack = 'rolledBack' in e && e.rolledBack === true;
    return {
      state: 'failed',
      error: e.message,
      exitStatus: e.exitCode ?? null,
      details: { kind: e.kind, rolledBack },
    };
  }
  // Unknown errors may carry anything: log them with an id, record only the id.
  const id = randomUUID().slice(0, 8);
  console.error(`[operations] error ${id}:`, e);
  return { state: 'failed', error: `something went wrong (${id})` };
}

/** The worker's side of a kind: its execute with the cluster, helm and the log at hand. */
async function execute(
  prisma: PrismaClient,
  op: TOperation,
  plan: TJobPlan,
  actor: string,
  log: TOperationLogger,
): Promise<TOutcome> {
  const def = kindOf(op.kind);
  const params = (op.params ?? {}) as Record<string, unknown>;
  const loc = locationOf(op, def.helmRelease?.(op.release, params) ?? op.release);
  const own = kubeClients(loc.cluster.context);
  // On `impersonate: true` clusters helm and the write client act as the requester, so the cluster's RBAC applies.
  const who = loc.cluster.impersonate ? await kubeIdentityOf(prisma, op.requestedById) : null;
  if (loc.cluster.impersonate && !who) throw new Error('the requester no longer exists');
  const kube = who ? impersonatingClients(own, who) : own;
  return def.execute({
    op,
    params,
    plan,
    location: loc,
    // JSON-printing commands keep stdout for the result; their progress is on stderr.
    helmTarget: ({ quietStdout = false } = {}) =>
      helmTarget(loc, {
        impersonate: who ?? undefined,
        onOutput: (chunk, stream) => {
          if (stream === 'stderr') log.chunk('helm-stderr', chunk);
          else if (!quietStdout) log.chunk('helm-stdout', chunk);
        },
      }),
    kube,
    kubeWriter: kubeWriter(kube),
    log,
    description: helmDescription(op, actor),
    revisions: () => releaseRevisions(loc),
  });
}
