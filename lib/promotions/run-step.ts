// One cluster of a wave: pre-deploy checks, the delivery strategy's
// operations, verification, the automatic-rollback watch; a failure rolls
// the cluster back. Every transition is written first, so a restart resumes
// from the recorded state and finds the step's operations by their stepId.
import { recordAudit } from '@/lib/audit';
import { chartArchiveFiles, chartHas } from './checks';
import { chartCacheDir, ChartCache } from '@/lib/charts';
import {
  findCluster,
  parseDuration,
  resolveValuesFiles,
  type TEnvironment,
  type TRelease,
} from '@/lib/config';
import { getPrisma, type PrismaClient } from '@/lib/db';
import { env } from '@/lib/env';
import { podTriggerCheck, runWatch, watchChecks, type TWatchFinding } from '@/lib/analysis';
import { enqueueNotification } from '@/lib/notifications/enqueue';
import { operationSummary } from '@/lib/operations/operation-events';
import { requestOperation, operationsRuntime, type TActor } from '@/lib/operations';
import { helmTarget } from '@/lib/operations/release-state';
import { kubeClients } from '@/lib/operations/runtime';
import { releaseRevisions } from '@/lib/operations/release-state';
import {
  deliveryStrategy,
  type TDeliveryAction,
  type TDeliveryHistory,
  type TDeliveryTarget,
} from './delivery';
import { runPreDeployChecks, verifyDeployment, blockingFailures, type TCheckItem } from './checks';

export type TStepContext = {
  promotion: { id: number; release: string; toEnvironment: string; ticketId: number | null };
  build: {
    chart: string;
    chartName: string;
    chartVersion: string;
    chartDigest: string;
    imageTag: string;
  };
  release: TRelease;
  environment: TEnvironment;
  actor: TActor;
  /** How often the pod watch looks, in ms. */
  watchIntervalMs?: number;
};

type TStep = Awaited<ReturnType<PrismaClient['promotionStep']['findUniqueOrThrow']>>;

const FINAL = new Set(['succeeded', 'failed', 'rolled_back', 'skipped', 'needs_attention']);

async function update(
  id: number,
  data: Parameters<PrismaClient['promotionStep']['update']>[0]['data'],
) {
  return (await getPrisma()).promotionStep.update({ where: { id }, data });
}

async function recordChecks(
  ctx: TStepContext,
  step: TStep,
  phase: 'pre_deploy' | 'verify' | 'watch',
  items: Array<
    Pick<TCheckItem, 'name' | 'label' | 'verdict' | 'reason' | 'blocking' | 'durationMs'> & {
      evidence?: unknown;
    }
  >,
) {
  const prisma = await getPrisma();
  if (items.length === 0) return;
  await prisma.checkResult.createMany({
    data: items.map((i) => ({
      phase,
      name: i.name,
      label: i.label,
      verdict: i.verdict,
      reason: i.reason,
      blocking: i.blocking,
      durationMs: i.durationMs,
      evidence: (i.evidence ?? undefined) as never,
      environment: ctx.environment.name,
      cluster: step.cluster,
      release: ctx.release.name,
      promotionId: ctx.promotion.id,
      stepId: step.id,
    })),
  });
  const failed = items.filter((i) => i.verdict === 'fail');
  await recordAudit(prisma, {
    actor: ctx.actor.id,
    actorName: ctx.actor.name,
    action: `promotion.${phase === 'pre_deploy' ? 'pre-deploy' : phase}`,
    outcome: failed.length > 0 ? 'failed' : 'succeeded',
    environment: ctx.environment.name,
    cluster: step.cluster,
    namespace: ctx.environment.namespace,
    release: ctx.release.name,
    error:
      failed.length > 0
        ? failed
            .map((f) => `${f.name}: ${f.reason}`)
            .join('; ')
            .slice(0, 1000)
        : null,
    details: {
      promotionId: ctx.promotion.id,
      stepId: step.id,
      items: items.map((i) => ({ name: i.name, verdict: i.verdict, reason: i.reason })),
    },
  });
}

/** The operations this step queued, oldest first, found by their stepId (so a crash between queuing and recording loses none). */
async function history(step: TStep): Promise<TDeliveryHistory> {
  const prisma = await getPrisma();
  const ops = await prisma.operation.findMany({
    where: { params: { path: ['stepId'], equals: step.id } },
    orderBy: { id: 'asc' },
  });
  return ops.map((op) => ({
    action: {
      kind: op.kind,
      release: op.release,
      params: (op.params ?? {}) as Record<string, unknown>,
      label: op.kind,
    },
    operationId: op.id,
    state: op.state,
    revisionAfter: op.revisionAfter,
  }));
}

async function waitForOperation(
  id: number,
): Promise<{ state: string; revisionAfter: number | null; error: string | null }> {
  const prisma = await getPrisma();
  for (;;) {
    const op = await prisma.operation.findUniqueOrThrow({ where: { id } });
    if (op.state !== 'queued' && op.state !== 'running') return op;
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function queue(ctx: TStepContext, step: TStep, action: TDeliveryAction): Promise<number> {
  const params = { ...action.params };
  // Restores carry the stepId too, so a restart finds them; rollback's params take none, so it rides the row instead.
  const op = await requestOperation({
    actor: ctx.actor,
    kind: action.kind as never,
    environment: ctx.environment.name,
    cluster: step.cluster,
    release: action.release,
    params,
    ticketId: action.kind === 'promote' ? (ctx.promotion.ticketId ?? undefined) : undefined,
  });
  await update(step.id, { operationIds: { push: op.id } });
  return op.id;
}

/** Runs (or resumes) one step to a final state; returns that state. */
export async function runStep(ctx: TStepContext, initial: TStep): Promise<TStep> {
  let step = initial;
  if (FINAL.has(step.state)) return step;
  const cluster = findCluster(ctx.environment, step.cluster);
  if (!cluster)
    return update(step.id, {
      state: 'needs_attention',
      error: `cluster ${step.cluster} is no longer configured`,
      finishedAt: new Date(),
    });
  // A rollback that was cut off by a restart: what runs there now is for a person to check.
  if (step.trigger !== null)
    return update(step.id, {
      state: 'needs_attention',
      error: `the automatic rollback of ${step.cluster} was interrupted; check what runs there`,
      finishedAt: new Date(),
    });
  const kube = kubeClients(cluster.context);
  const helm = helmTarget({ environment: ctx.environment, cluster });
  const target: TDeliveryTarget = {
    release: ctx.release,
    environment: ctx.environment,
    cluster,
    build: {
      chart: {
        ref: ctx.build.chart,
        name: ctx.build.chartName,
        version: ctx.build.chartVersion,
        digest: ctx.build.chartDigest,
      },
      imageTag: ctx.build.imageTag,
    },
    promotionId: ctx.promotion.id,
    stepId: step.id,
    revisionBefore: step.revisionBefore,
  };
  const strategy = deliveryStrategy(step.strategy);

  if (step.state === 'pending' || step.state === 'checking') {
    const revisions = await releaseRevisions({
      environment: ctx.environment,
      cluster,
      release: ctx.release.name,
    });
    step = await update(step.id, {
      state: 'checking',
      startedAt: step.startedAt ?? new Date(),
      revisionBefore: revisions.at(-1)?.revision ?? null,
    });
    target.revisionBefore = step.revisionBefore;
    const { config } = operationsRuntime();
    const archive = new ChartCache(chartCacheDir(env().HELMDECK_DATA_DIR)).get(
      ctx.build.chartDigest,
    );
    const items = archive
      ? await runPreDeployChecks({
          release: ctx.release.name,
          namespace: ctx.environment.namespace,
          archive,
          valuesFiles: resolveValuesFiles(config, ctx.release, ctx.environment, cluster.name),
          values: { image: { tag: ctx.build.imageTag } },
          helm,
          kube,
          environment: ctx.environment,
          dependencies: ctx.release.dependencies,
        })
      : [
          {
            name: 'chart',
            label: 'chart archive available',
            verdict: 'fail' as const,
            reason: `archive ${ctx.build.chartDigest} is not in the chart cache`,
            blocking: true,
            durationMs: 0,
          },
        ];
    await recordChecks(ctx, step, 'pre_deploy', items);
    const blocking = blockingFailures(items);
    if (blocking.length > 0)
      return update(step.id, {
        state: 'failed',
        error: `pre-deploy: ${blocking.map((b) => `${b.name}: ${b.reason}`).join('; ')}`.slice(
          0,
          2000,
        ),
        finishedAt: new Date(),
      });
    step = await update(step.id, { state: 'deploying' });
  }

  let watchRelease = ctx.release.name;
  if (step.state === 'deploying') {
    for (;;) {
      const h = await history(step);
      const last = h.at(-1);
      if (last && (last.state === 'queued' || last.state === 'running')) {
        await waitForOperation(last.operationId);
        continue;
      }
      if (last && (last.state === 'needs_recovery' || last.state === 'cancelled'))
        return update(step.id, {
          state: 'needs_attention',
          error: `operation #${last.operationId} ${last.state.replace('_', ' ')}`,
          finishedAt: new Date(),
        });
      const n = await strategy.next(target, h, { kube });
      if ('next' in n) {
        try {
          await queue(ctx, step, n.next);
        } catch (e) {
          return update(step.id, {
            state: 'failed',
            error:
              `could not start ${n.next.label}: ${(e as { userMessage?: string }).userMessage ?? (e as Error).message}`.slice(
                0,
                2000,
              ),
            finishedAt: new Date(),
          });
        }
        continue;
      }
      if ('failed' in n) {
        const op = last
          ? await (await getPrisma()).operation.findUnique({ where: { id: last.operationId } })
          : null;
        // helm's --rollback-on-failure already put the previous revision back.
        return update(step.id, {
          state: step.revisionBefore === null ? 'failed' : 'rolled_back',
          error: `deploy failed: ${op?.error ?? n.failed}`.slice(0, 2000),
          trigger: { check: 'deploy', reason: op?.error ?? n.failed },
          finishedAt: new Date(),
        });
      }
      watchRelease = n.watch.helmRelease;
      step = await update(step.id, {
        state: 'verifying',
        deployedAt: new Date(),
        revisionAfter: n.watch.revision,
      });
      break;
    }
  }

  const rolloutStartedAt = step.startedAt ?? new Date();
  if (step.state === 'verifying') {
    const archive = new ChartCache(chartCacheDir(env().HELMDECK_DATA_DIR)).get(
      ctx.build.chartDigest,
    );
    const items = await verifyDeployment({
      release: watchRelease,
      namespace: ctx.environment.namespace,
      helm,
      kube,
      rolloutStartedAt,
      imageTag: ctx.build.imageTag,
      hasTests: archive ? chartHas(chartArchiveFiles(archive), 'templates/tests') : false,
      health: ctx.release.health,
      smokeChecks: ctx.release.smokeChecks,
      helmTimeout: ctx.environment.timeout,
    });
    await recordChecks(ctx, step, 'verify', items);
    const failed = blockingFailures(items);
    if (failed.length > 0)
      return rollBack(ctx, step, target, {
        check: `verify.${failed[0]!.name}`,
        verdict: 'fail',
        reason: failed.map((f) => `${f.name}: ${f.reason}`).join('; '),
      });
    step = await update(step.id, { state: 'soaking', verifiedAt: new Date() });
  }

  if (step.state === 'soaking') {
    const rules = ctx.environment.autoRollback;
    if (rules) {
      const result = await runWatch(
        {
          environment: ctx.environment,
          cluster,
          namespace: ctx.environment.namespace,
          release: ctx.release.name,
          helmRelease: watchRelease,
          revision: step.revisionAfter,
          previousRevision: step.revisionBefore,
          rolloutStartedAt,
          promotionId: ctx.promotion.id,
        },
        {
          watchForMs: parseDuration(rules.watchFor) ?? 300_000,
          intervalMs: ctx.watchIntervalMs ?? 1000,
          core: kube.core,
          checks: watchChecks().length > 0 ? watchChecks() : [podTriggerCheck],
        },
      );
      await recordChecks(
        ctx,
        step,
        'watch',
        result.findings.map((f) => ({
          name: f.check,
          label: f.check,
          verdict: f.verdict,
          reason: f.reason,
          blocking: f.verdict === 'fail',
          durationMs: 0,
          evidence: f.evidence,
        })),
      );
      if (result.outcome === 'triggered' && (result.trigger.action ?? 'rollback') === 'rollback')
        return rollBack(ctx, step, target, result.trigger);
    }
    step = await update(step.id, { state: 'succeeded', finishedAt: new Date() });
  }
  return step;
}

async function rollBack(
  ctx: TStepContext,
  step: TStep,
  target: TDeliveryTarget,
  trigger: TWatchFinding,
): Promise<TStep> {
  const prisma = await getPrisma();
  await update(step.id, { trigger: trigger as never });
  const restore = deliveryStrategy(step.strategy).restore(target, await history(step));
  let state: 'rolled_back' | 'failed' = 'failed';
  let rollbackOperationId: number | null = null;
  let note = 'nothing to roll back to (it was a first install)';
  if (restore) {
    try {
      const op = await requestOperation({
        actor: ctx.actor,
        kind: restore.kind as never,
        environment: ctx.environment.name,
        cluster: step.cluster,
        release: restore.release,
        params: restore.params,
      });
      rollbackOperationId = op.id;
      const done = await waitForOperation(op.id);
      state = done.state === 'succeeded' ? 'rolled_back' : 'failed';
      note =
        done.state === 'succeeded'
          ? `rolled back to revision ${target.revisionBefore}`
          : `the rollback failed: ${done.error ?? done.state}`;
    } catch (e) {
      note = `the rollback could not start: ${(e as { userMessage?: string }).userMessage ?? (e as Error).message}`;
    }
  }
  const audit = {
    actor: ctx.actor.id,
    actorName: ctx.actor.name,
    environment: ctx.environment.name,
    cluster: step.cluster,
    namespace: ctx.environment.namespace,
    release: ctx.release.name,
  };
  await recordAudit(prisma, {
    ...audit,
    action: 'rollback.automatic',
    outcome: state === 'rolled_back' ? 'succeeded' : 'failed',
    revisionBefore: step.revisionAfter,
    revisionAfter: target.revisionBefore,
    operationId: rollbackOperationId,
    error: state === 'failed' ? note : null,
    details: {
      promotionId: ctx.promotion.id,
      stepId: step.id,
      trigger: trigger.check,
      reason: trigger.reason,
      evidence: (trigger.evidence ?? null) as never,
    },
  });
  const op = rollbackOperationId
    ? await prisma.operation.findUnique({ where: { id: rollbackOperationId } })
    : null;
  if (op)
    await prisma.$transaction((tx) =>
      enqueueNotification(
        tx,
        operationsRuntime().config.webhooks ?? [],
        'rollback.automatic',
        {
          operation: operationSummary(op),
          actor: `${ctx.actor.name ?? ctx.actor.id} (automatic: ${trigger.check})`,
        },
        { operationId: op.id },
      ),
    );
  return update(step.id, {
    state,
    rollbackOperationId,
    trigger: trigger as never,
    error: `${trigger.reason}; ${note}`.slice(0, 2000),
    finishedAt: new Date(),
  });
}
