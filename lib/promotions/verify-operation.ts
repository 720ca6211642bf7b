// Post-deploy verification after ordinary operations too: every install,
// upgrade, rollback and recovery that succeeded is verified like a promotion
// step (pods ready without restarts, helm test, ready endpoints, the health
// endpoint and the smoke checks), recorded per check on the operation and in
// the audit chain. It runs after the outcome is committed and never changes
// it: the operation page shows the verdict beside it. Promotion steps verify
// their own operations, so promote operations are left to them.
import { appendAudit, AUDIT_TX_OPTIONS, publishChainHead } from '@/lib/audit';
import { ChartCache, chartCacheDir } from '@/lib/charts';
import { findCluster, findEnvironment, findRelease } from '@/lib/config';
import { getPrisma } from '@/lib/db';
import { env } from '@/lib/env';
import { helmGetValues, helmStatus, type THelmTarget } from '@/lib/helm';
import { onOperationFinished, type TFinishedOperation } from '@/lib/operations/after-finish';
import type { TOperation } from '@/lib/operations/operation-row';
import { helmTarget } from '@/lib/operations/release-state';
import { kubeClients, operationsRuntime } from '@/lib/operations/runtime';
import { chartArchiveFiles, chartHas } from './checks/chart-files';
import { verifyDeployment } from './checks/verify';
import type { TCheckItem } from './checks/types';

/** The kinds whose result is a release someone expects to be serving. */
export const VERIFIED_KINDS: readonly string[] = ['install', 'upgrade', 'rollback', 'recover'];

/** The verdict of the verification, as the operation page shows it. */
export type TOperationVerification = {
  /** not_recorded: finished long ago with no checks (before verification existed, or the process died). */
  state: 'not_applicable' | 'pending' | 'passed' | 'failed' | 'not_recorded';
  checks: Array<
    Pick<TCheckItem, 'name' | 'label' | 'verdict' | 'reason' | 'durationMs'> & { at: string }
  >;
};

// Longer than verification takes (pods, helm test and the checks each have their own timeouts).
const PENDING_FOR_MS = 10 * 60_000;
const SYSTEM = { id: 'system:verify', name: 'post-deploy verification' };

/** The image tag the revision runs (its values, else the chart's appVersion) and whether it has tests. */
async function revisionFacts(
  helm: THelmTarget,
  op: TOperation,
): Promise<{ imageTag?: string; hasTests: boolean }> {
  const status = await helmStatus(helm, { release: op.release });
  const hooks = (status as { hooks?: Array<{ events?: string[] }> }).hooks;
  const archive = op.chartDigest
    ? new ChartCache(chartCacheDir(env().HELMDECK_DATA_DIR)).get(op.chartDigest)
    : undefined;
  const hasTests = archive
    ? chartHas(chartArchiveFiles(archive), 'templates/tests')
    : // helm status lists the release's hooks; a test hook means helm test has something to run.
      (hooks ?? []).some((h) => (h.events ?? []).includes('test'));
  const values = await helmGetValues(helm, { release: op.release, all: true });
  const tag = (values.image as { tag?: unknown } | undefined)?.tag;
  const imageTag =
    typeof tag === 'string' && tag !== '' ? tag : (status.chart?.metadata.appVersion ?? undefined);
  return { imageTag, hasTests };
}

/** The next operation on the same release, when one was requested since: it owns the release now. */
async function laterOperation(op: TOperation): Promise<string | null> {
  const next = await (
    await getPrisma()
  ).operation.findFirst({
    where: {
      cluster: op.cluster,
      namespace: op.namespace,
      release: op.release,
      id: { gt: op.id },
    },
    orderBy: { id: 'asc' },
    select: { id: true, kind: true },
  });
  return next ? `operation #${next.id} (${next.kind}) changes the release meanwhile` : null;
}

/** Verifies the release an operation left behind and records every check; returns them. */
export async function verifyOperation(op: TOperation): Promise<TCheckItem[]> {
  const config = operationsRuntime().config;
  const environment = findEnvironment(config, op.environment);
  const cluster = environment ? findCluster(environment, op.cluster) : undefined;
  if (!environment || !cluster) return [];
  const configured = findRelease(config, op.release);
  const helm = helmTarget({ environment, cluster });
  const facts = await revisionFacts(helm, op);
  const items = await verifyDeployment({
    release: op.release,
    namespace: op.namespace,
    helm,
    kube: kubeClients(cluster.context),
    rolloutStartedAt: op.startedAt ?? op.createdAt,
    imageTag: facts.imageTag,
    hasTests: facts.hasTests,
    health: configured?.health,
    smokeChecks: configured?.smokeChecks ?? [],
    helmTimeout: environment.timeout,
    helmTestBlocked: () => laterOperation(op),
  });
  const failed = items.filter((i) => i.verdict === 'fail');
  const prisma = await getPrisma();
  // The checks and their audit record land together: a page that sees one sees the other.
  // The operation's own records stay its intent and outcome; this one names it in its details.
  await prisma.$transaction(async (tx) => {
    await tx.checkResult.createMany({
      data: items.map((i) => ({
        phase: 'verify' as const,
        name: i.name,
        label: i.label,
        verdict: i.verdict,
        reason: i.reason,
        blocking: i.blocking,
        durationMs: i.durationMs,
        environment: op.environment,
        cluster: op.cluster,
        release: op.release,
        revision: op.revisionAfter,
        operationId: op.id,
      })),
    });
    await appendAudit(tx, {
      actor: SYSTEM.id,
      actorName: SYSTEM.name,
      action: 'operation.verify',
      outcome: failed.length > 0 ? 'failed' : 'succeeded',
      environment: op.environment,
      cluster: op.cluster,
      namespace: op.namespace,
      release: op.release,
      revisionAfter: op.revisionAfter,
      error:
        failed.length > 0
          ? failed
              .map((f) => `${f.name}: ${f.reason}`)
              .join('; ')
              .slice(0, 1000)
          : null,
      details: {
        verifiedOperationId: op.id,
        kind: op.kind,
        items: items.map((i) => ({
          name: i.name,
          verdict: i.verdict,
          reason: i.reason,
          ms: i.durationMs,
        })),
      },
    });
  }, AUDIT_TX_OPTIONS);
  await publishChainHead(prisma).catch((e: unknown) =>
    console.error(
      `[audit] publishing the chain head failed: ${e instanceof Error ? e.message : e}`,
    ),
  );
  return items;
}

function shouldVerify(e: TFinishedOperation): boolean {
  return (
    e.settledBy === 'worker' &&
    e.outcome.state === 'succeeded' &&
    VERIFIED_KINDS.includes(e.operation.kind)
  );
}

/** Verifies every install, upgrade, rollback and recovery this process finishes (server start). */
export function startOperationVerification(): () => void {
  return onOperationFinished('post-deploy-verification', async (e) => {
    if (shouldVerify(e)) await verifyOperation(e.operation);
  });
}

/** What the operation page shows: the recorded checks, or that they are still running. */
export async function operationVerification(op: {
  id: number;
  kind: string;
  state: string;
  finishedAt: Date | null;
}): Promise<TOperationVerification> {
  if (!VERIFIED_KINDS.includes(op.kind) || op.state !== 'succeeded')
    return { state: 'not_applicable', checks: [] };
  const rows = await (
    await getPrisma()
  ).checkResult.findMany({
    where: { operationId: op.id, phase: 'verify', stepId: null },
    orderBy: { id: 'asc' },
  });
  if (rows.length === 0) {
    const recent = op.finishedAt && Date.now() - op.finishedAt.getTime() < PENDING_FOR_MS;
    return { state: recent ? 'pending' : 'not_recorded', checks: [] };
  }
  return {
    state: rows.some((r) => r.verdict === 'fail') ? 'failed' : 'passed',
    checks: rows.map((r) => ({
      name: r.name,
      label: r.label,
      verdict: r.verdict,
      reason: r.reason,
      durationMs: r.durationMs,
      at: r.at.toISOString(),
    })),
  };
}
