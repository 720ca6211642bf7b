// Runs one operation's helm command for the worker: claim the row, run helm
// with the operation id and actor in --description, stream its output,
// record the outcome. Never throws for a helm failure: that is an outcome.
import { randomUUID } from 'node:crypto';
import { findCluster, findEnvironment } from '@/lib/config';
import { Prisma, type PrismaClient } from '@/lib/db';
import {
  HelmError,
  helmInstall,
  helmRollback,
  helmTest,
  helmUninstall,
  helmUpgrade,
  type THelmTarget,
} from '@/lib/helm';
import { secretsOf } from '@/lib/releases/redact';
import { finishOperation, type TOutcome } from './finish-operation';
import type { TJobPlan } from './job-plan';
import { lockOperation } from './op-lock';
import { operationLogger } from './progress';
import { helmTarget, isPending, releaseRevisions, type TReleaseLocation } from './release-state';
import type { TOperation } from './request-operation';
import { operationsRuntime } from './runtime';

export function helmDescription(op: Pick<TOperation, 'id'>, actor: string): string {
  const who = actor.replace(/[\0\r\n]/g, ' ').slice(0, 120);
  return `helmdeck op #${op.id} by ${who}`;
}

function location(op: TOperation): TReleaseLocation {
  const { config } = operationsRuntime();
  const environment = findEnvironment(config, op.environment);
  const cluster = environment && findCluster(environment, op.cluster);
  if (!environment || !cluster)
    throw new Error(`${op.environment}/${op.cluster} is no longer in the configuration`);
  return { environment, cluster, release: op.release };
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
  try {
    const op = await claim(prisma, plan.operationId);
    if (!op) return;
    await scrubJobValues(prisma, op.jobId);
    const log = operationLogger(prisma, op.id, secretsOf(plan.values));
    log.line(
      'info',
      `worker ${workerId} started ${op.kind} of ${op.release} in ${op.environment}/${op.cluster}`,
    );
    let outcome: TOutcome;
    try {
      outcome = await execute(op, plan, op.requestedBy.name || op.requestedById, log);
    } catch (e) {
      outcome = failure(e);
    }
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
    await finishOperation(
      prisma,
      op,
      { ...outcome, details: { ...outcome.details, worker: workerId } },
      op.requestedBy.name,
    );
  } finally {
    await lock.release();
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

type TLogger = ReturnType<typeof operationLogger>;

async function execute(
  op: TOperation,
  plan: TJobPlan,
  actor: string,
  log: TLogger,
): Promise<TOutcome> {
  const loc = location(op);
  const env = loc.environment;
  // JSON-printing commands keep stdout for the result; their progress is on stderr.
  const quietStdout = op.kind === 'install' || op.kind === 'upgrade';
  const target: THelmTarget = helmTarget(loc, {
    onOutput: (chunk, stream) => {
      if (stream === 'stderr') log.chunk('helm-stderr', chunk);
      else if (!quietStdout) log.chunk('helm-stdout', chunk);
    },
  });
  const description = helmDescription(op, actor);
  const deploy = {
    release: op.release,
    chart: plan.chart ?? '',
    version: plan.version,
    valuesFiles: plan.valuesFiles,
    values: plan.values,
    rollbackOnFailure: true,
    wait: 'watcher' as const,
    timeout: env.timeout,
    description,
  };
  switch (op.kind) {
    case 'install': {
      const r = await helmInstall(target, { ...deploy, createNamespace: true });
      return { state: 'succeeded', revisionAfter: r.version, exitStatus: 0 };
    }
    case 'upgrade': {
      const r = await helmUpgrade(target, { ...deploy, historyMax: env.historyMax });
      return { state: 'succeeded', revisionAfter: r.version, exitStatus: 0 };
    }
    case 'rollback': {
      await helmRollback(target, {
        release: op.release,
        revision: plan.targetRevision,
        timeout: env.timeout,
        historyMax: env.historyMax,
        wait: 'watcher',
      });
      return { state: 'succeeded', revisionAfter: await latestRevision(loc), exitStatus: 0 };
    }
    case 'uninstall':
      await helmUninstall(target, {
        release: op.release,
        timeout: env.timeout,
        description,
        wait: 'watcher',
      });
      return { state: 'succeeded', exitStatus: 0 };
    case 'test': {
      const r = await helmTest(target, { release: op.release, timeout: env.timeout, logs: true });
      if (!r.passed)
        for (const l of r.output.split('\n').slice(-200)) if (l.trim()) log.line('helm-stdout', l);
      return r.passed
        ? { state: 'succeeded', revisionAfter: op.revisionBefore, exitStatus: 0 }
        : {
            state: 'failed',
            revisionAfter: op.revisionBefore,
            error: "helm test failed: see the test pods' logs",
            exitStatus: 1,
          };
    }
    case 'recover':
      return recover(loc, target, log);
  }
}

async function latestRevision(loc: TReleaseLocation): Promise<number | null> {
  return (await releaseRevisions(loc)).at(-1)?.revision ?? null;
}

// A release stuck in pending-*: back to the last revision that was deployed, or gone when there was none.
async function recover(
  loc: TReleaseLocation,
  target: THelmTarget,
  log: TLogger,
): Promise<TOutcome> {
  const revisions = await releaseRevisions(loc);
  const latest = revisions.at(-1);
  if (!latest || !isPending(latest.status))
    return {
      state: 'succeeded',
      revisionAfter: latest?.revision ?? null,
      details: { action: 'none' },
    };
  const good = revisions
    .filter(
      (r) => r.revision < latest.revision && (r.status === 'deployed' || r.status === 'superseded'),
    )
    .at(-1);
  if (!good) {
    log.line('info', `no revision was ever deployed: uninstalling ${loc.release}`);
    await helmUninstall(target, { release: loc.release, timeout: loc.environment.timeout });
    return { state: 'succeeded', exitStatus: 0, details: { action: 'uninstall' } };
  }
  log.line('info', `rolling back to revision ${good.revision}, the last one deployed`);
  await helmRollback(target, {
    release: loc.release,
    revision: good.revision,
    timeout: loc.environment.timeout,
    wait: 'watcher',
  });
  return {
    state: 'succeeded',
    revisionAfter: await latestRevision(loc),
    exitStatus: 0,
    details: { action: 'rollback', targetRevision: good.revision },
  };
}
