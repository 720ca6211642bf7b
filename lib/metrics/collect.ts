// Values read at scrape time: the queue from Postgres (the same on every
// instance), the read model of this instance, and zero-valued series for
// every environment so that increase() sees the first failure.
import { getConfig, type THelmdeckConfig } from '@/lib/config';
import { getPrisma } from '@/lib/db';
import { OPERATION_KINDS } from '@/lib/operations';
import { readModelStats } from '@/lib/release-view';
import { HELM_ROLLBACK_ON_FAILURE } from './record';
import { metrics } from './registry';

const OUTCOMES = ['succeeded', 'failed', 'rolled_back', 'needs_recovery', 'cancelled'];

export type TCollectOptions = { config?: THelmdeckConfig };

/** Refreshes the gauges; a part that cannot be read is left out and logged, never fails the scrape. */
export async function collectLiveMetrics(options: TCollectOptions = {}): Promise<void> {
  const config = options.config ?? getConfig();
  primeSeries(config.environments.map((e) => e.name));
  await Promise.all([
    collectQueue().catch((e: unknown) => warn('queue', e)),
    collectReadModel().catch((e: unknown) => warn('read model', e)),
  ]);
}

function warn(part: string, e: unknown): void {
  console.error(`[metrics] ${part} not collected: ${e instanceof Error ? e.message : String(e)}`);
}

function primeSeries(environments: string[]): void {
  const m = metrics();
  for (const environment of environments) {
    for (const kind of OPERATION_KINDS)
      for (const outcome of OUTCOMES) m.operations.inc({ kind, environment, outcome }, 0);
    m.rollbacks.inc({ environment, trigger: 'manual', reason: 'requested' }, 0);
    m.rollbacks.inc({ environment, trigger: 'automatic', reason: HELM_ROLLBACK_ON_FAILURE }, 0);
    for (const decision of ['approved', 'rejected'])
      m.ticketDecisions.inc({ environment, decision }, 0);
  }
}

async function collectQueue(): Promise<void> {
  const prisma = await getPrisma();
  const [counts, oldest] = await Promise.all([
    prisma.operation.groupBy({
      by: ['state'],
      where: { state: { in: ['queued', 'running'] } },
      _count: { _all: true },
    }),
    prisma.operation.findFirst({
      where: { state: 'queued' },
      orderBy: { createdAt: 'asc' },
      select: { createdAt: true },
    }),
  ]);
  const m = metrics();
  for (const state of ['queued', 'running'] as const)
    m.queueDepth.set({ state }, counts.find((c) => c.state === state)?._count._all ?? 0);
  m.oldestQueued.set(oldest ? Math.max(0, (Date.now() - oldest.createdAt.getTime()) / 1000) : 0);
}

async function collectReadModel(): Promise<void> {
  const m = metrics();
  for (const c of await readModelStats()) {
    const cluster = c.cluster;
    if (c.reachable === null) m.clusterReachable.remove({ cluster });
    else m.clusterReachable.set({ cluster }, c.reachable ? 1 : 0);
    if (c.dataAgeSeconds === null) m.watchAge.remove({ cluster });
    else m.watchAge.set({ cluster }, c.dataAgeSeconds);
    m.readModelObjects.set({ cluster, kind: 'releases' }, c.releases);
    m.readModelObjects.set({ cluster, kind: 'revisions' }, c.revisions);
    m.readModelObjects.set({ cluster, kind: 'workloads' }, c.workloads);
  }
}
