// What the canary page shows: the stable and canary builds and the weight,
// read now from the cluster (helm's release Secrets, the canary Ingress), the
// canary's steps, state and analyses from Postgres, and whether metric
// analysis has a source. Authorised like every read; builds and numbers
// only, never values.
import { ForbiddenError } from '@/lib/auth/errors';
import {
  findCluster,
  findEnvironment,
  findRelease,
  strategyFor,
  type TCanaryStrategy,
} from '@/lib/config';
import { getPrisma } from '@/lib/db';
import type { TMetricResult } from '@/lib/analysis/metrics';
import { metricSource } from '@/lib/analysis/metrics';
import { kubeClients, operationsRuntime } from '@/lib/operations/runtime';
import { decide, type TPolicyUser } from '@/lib/policy';
import {
  canaryRelease,
  readCanaryTraffic,
  releaseBuild,
  StrategyError,
  type TReleaseBuild,
} from '@/lib/strategies';
import { canaryHistory, type TCanaryPlace } from './store';

export type TBuildView = Pick<
  TReleaseBuild,
  'release' | 'revision' | 'status' | 'chartVersion' | 'imageTag' | 'lastDeployed'
>;

export type TAnalysisView = {
  id: number;
  at: string;
  weight: number;
  verdict: string;
  metrics: Pick<TMetricResult, 'metric' | 'verdict' | 'value' | 'baseline' | 'reason'>[];
};

export type TCanaryRunView = {
  id: number;
  state: string;
  imageTag: string | null;
  chartVersion: string | null;
  stepIndex: number;
  weight: number;
  failures: number;
  reason: string | null;
  createdAt: string;
  finishedAt: string | null;
  analyses: TAnalysisView[];
};

export type TCanaryView = {
  place: TCanaryPlace & { namespace: string };
  readAt: string;
  requireTicket: boolean;
  steps: number[];
  stepInterval: string;
  automatic: boolean;
  failureLimit: number;
  stable: TBuildView | null;
  canary: TBuildView | null;
  /** The canary's share of traffic, read from the canary Ingress now. */
  weight: number;
  ingress: string;
  /** The canary in progress, then earlier ones, newest first. */
  active: TCanaryRunView | null;
  past: TCanaryRunView[];
  running: { id: number; kind: string } | null;
  /** Why metric analysis cannot run, or null when Prometheus answers. */
  metricsMissing: string | null;
  unavailable: string | null;
};

export class CanaryNotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CanaryNotFoundError';
  }
}

function placeOf(p: TCanaryPlace) {
  const { config } = operationsRuntime();
  const environment = findEnvironment(config, p.environment);
  const cluster = environment && findCluster(environment, p.cluster);
  const configured = findRelease(config, p.release);
  const strategy =
    configured && environment && cluster && strategyFor(configured, environment.name, cluster.name);
  if (!environment || !cluster || !strategy || strategy.type !== 'canary')
    throw new CanaryNotFoundError(
      `${p.release} is not a canary release in ${p.environment}/${p.cluster}`,
    );
  return { environment, cluster, strategy: strategy as TCanaryStrategy };
}

const buildView = (b: TReleaseBuild | null): TBuildView | null =>
  b && {
    release: b.release,
    revision: b.revision,
    status: b.status,
    chartVersion: b.chartVersion,
    imageTag: b.imageTag,
    lastDeployed: b.lastDeployed,
  };

type THistoryRow = Awaited<ReturnType<typeof canaryHistory>>[number];

const runView = (r: THistoryRow): TCanaryRunView => ({
  id: r.id,
  state: r.state,
  imageTag: r.imageTag,
  chartVersion: r.chartVersion,
  stepIndex: r.stepIndex,
  weight: r.weight,
  failures: r.failures,
  reason: r.reason,
  createdAt: r.createdAt.toISOString(),
  finishedAt: r.finishedAt?.toISOString() ?? null,
  analyses: r.analyses.map((a) => ({
    id: a.id,
    at: a.at.toISOString(),
    weight: a.weight,
    verdict: a.verdict,
    metrics: ((a.result as { metrics?: TMetricResult[] }).metrics ?? []).map((m) => ({
      metric: m.metric,
      verdict: m.verdict,
      value: m.value,
      baseline: m.baseline,
      reason: m.reason,
    })),
  })),
});

/** The canary page of a release; ForbiddenError unless the user may view the environment. */
export async function getCanaryView(user: TPolicyUser, p: TCanaryPlace): Promise<TCanaryView> {
  const verdict = decide({ user, action: 'view', target: p });
  if (!verdict.allow) throw new ForbiddenError(verdict.reason);
  const { environment, cluster, strategy } = placeOf(p);
  const prisma = await getPrisma();
  const ns = environment.namespace;
  const [history, running, source] = await Promise.all([
    canaryHistory(prisma, p),
    prisma.operation.findFirst({
      where: { ...p, state: { in: ['queued', 'running'] } },
      select: { id: true, kind: true },
    }),
    metricSource(operationsRuntime().config),
  ]);
  const runs = history.map(runView);
  const active = runs.find((r) => r.state === 'running' || r.state === 'paused') ?? null;
  const base = {
    place: { ...p, namespace: ns },
    readAt: new Date().toISOString(),
    requireTicket: environment.requireTicket,
    steps: strategy.steps,
    stepInterval: strategy.stepInterval,
    automatic: strategy.automatic,
    failureLimit: strategy.failureLimit,
    active,
    past: runs.filter((r) => r !== active),
    running,
    metricsMissing: source.state === 'ready' ? null : source.message,
  };
  const kube = kubeClients(cluster.context);
  try {
    const [stable, canary, traffic] = await Promise.all([
      releaseBuild(kube, ns, p.release),
      releaseBuild(kube, ns, canaryRelease(p.release)),
      readCanaryTraffic(kube, ns, p.release, strategy),
    ]);
    return {
      ...base,
      stable: buildView(stable),
      canary: buildView(canary),
      weight: traffic.weight,
      ingress: traffic.ingress,
      unavailable: null,
    };
  } catch (e) {
    if (!(e instanceof StrategyError)) throw e;
    return { ...base, stable: null, canary: null, weight: 0, ingress: '', unavailable: e.message };
  }
}
