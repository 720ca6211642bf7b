// Health of a release's workloads from the objects the Kubernetes API
// returns (raw JSON or @kubernetes/client-node models, which share the shape).
import {
  podHealth,
  type TPodHealth,
  type TPodLike,
  type TPodReason,
  type TObjectMeta,
} from './pod-health';

export type { TPodHealth, TPodLike, TPodReason, TObjectMeta } from './pod-health';
export { podHealth } from './pod-health';

type TCondition = { type?: string; status?: string; reason?: string; message?: string };

export type TWorkloadLike = {
  kind?: string;
  metadata?: TObjectMeta;
  spec?: { replicas?: number };
  status?: {
    observedGeneration?: number;
    replicas?: number;
    readyReplicas?: number;
    updatedReplicas?: number;
    availableReplicas?: number;
    // DaemonSet
    desiredNumberScheduled?: number;
    numberReady?: number;
    updatedNumberScheduled?: number;
    conditions?: TCondition[];
  };
};

export type THealth = 'healthy' | 'progressing' | 'degraded' | 'failed' | 'unknown';

export type TWorkloadStatus = {
  kind: 'Deployment' | 'StatefulSet' | 'DaemonSet';
  name: string;
  desired: number;
  ready: number;
  updated: number;
  /** The controller has not yet seen the latest spec. */
  stale: boolean;
  /** Deployment condition Progressing=False/ProgressDeadlineExceeded. */
  deadlineExceeded: boolean;
};

export type TReleaseHealth = {
  release: string;
  namespace: string;
  ready: number;
  desired: number;
  restarts: number;
  worstReason: TPodReason | null;
  health: THealth;
  workloads: TWorkloadStatus[];
  pods: TPodHealth[];
};

export type THealthInput = {
  deployments?: TWorkloadLike[];
  statefulSets?: TWorkloadLike[];
  daemonSets?: TWorkloadLike[];
  pods?: TPodLike[];
};

const INSTANCE_LABEL = 'app.kubernetes.io/instance';

/** The release an object belongs to: helm's ownership annotations first, the instance label else. */
export function releaseOf(obj: {
  metadata?: TObjectMeta;
}): { name: string; namespace: string } | null {
  const m = obj.metadata ?? {};
  const ns = m.namespace ?? '';
  const annotated = m.annotations?.['meta.helm.sh/release-name'];
  if (annotated)
    return { name: annotated, namespace: m.annotations?.['meta.helm.sh/release-namespace'] || ns };
  // Older charts label pods `release: <name>` instead of the recommended label.
  const label = m.labels?.[INSTANCE_LABEL] ?? m.labels?.release;
  return label ? { name: label, namespace: ns } : null;
}

/** One workload's readiness as the rollout sees it. */
export function workloadStatus(kind: TWorkloadStatus['kind'], w: TWorkloadLike): TWorkloadStatus {
  const s = w.status ?? {};
  const daemon = kind === 'DaemonSet';
  const desired = daemon ? (s.desiredNumberScheduled ?? 0) : (w.spec?.replicas ?? 1);
  const progressing = s.conditions?.find((c) => c.type === 'Progressing');
  return {
    kind,
    name: w.metadata?.name ?? '',
    desired,
    ready: (daemon ? s.numberReady : s.readyReplicas) ?? 0,
    updated: (daemon ? s.updatedNumberScheduled : s.updatedReplicas) ?? 0,
    stale: (s.observedGeneration ?? 0) < (w.metadata?.generation ?? 0),
    deadlineExceeded:
      progressing?.status === 'False' && progressing.reason === 'ProgressDeadlineExceeded',
  };
}

const RANK: Record<TPodReason, number> = {
  OOMKilled: 7,
  CrashLoopBackOff: 6,
  ImagePullBackOff: 5,
  ErrImagePull: 5,
  CreateContainerConfigError: 5,
  Failed: 4,
  Pending: 2,
  Unready: 1,
};
const FAILING = new Set<TPodReason>([
  'OOMKilled',
  'CrashLoopBackOff',
  'ImagePullBackOff',
  'ErrImagePull',
  'CreateContainerConfigError',
  'Failed',
]);

/** Worst of several pod reasons, by how badly each hurts the release. */
export function worstOf(reasons: (TPodReason | null)[]): TPodReason | null {
  let worst: TPodReason | null = null;
  for (const r of reasons) if (r && (!worst || RANK[r] > RANK[worst])) worst = r;
  return worst;
}

function overall(
  workloads: TWorkloadStatus[],
  pods: TPodHealth[],
  ready: number,
  desired: number,
  worst: TPodReason | null,
): THealth {
  if (workloads.length === 0 && pods.length === 0) return 'unknown';
  const failing = worst !== null && FAILING.has(worst);
  const stuck = workloads.some((w) => w.deadlineExceeded && w.ready < w.desired);
  if (failing || stuck) return ready === 0 && desired > 0 ? 'failed' : 'degraded';
  const rolling = workloads.some((w) => w.stale || w.updated < w.desired);
  if (ready < desired || rolling) return 'progressing';
  return 'healthy';
}

/** Health of one release from workloads and pods already selected for it. */
export function summarizeHealth(
  release: { name: string; namespace: string },
  workloads: TWorkloadStatus[],
  pods: TPodHealth[],
): TReleaseHealth {
  const withControllers = workloads.length > 0;
  const desired = withControllers ? workloads.reduce((n, w) => n + w.desired, 0) : pods.length;
  const ready = withControllers
    ? workloads.reduce((n, w) => n + Math.min(w.ready, w.desired), 0)
    : pods.filter((p) => p.ready).length;
  const worst = worstOf(pods.map((p) => p.reason));
  return {
    release: release.name,
    namespace: release.namespace,
    ready,
    desired,
    restarts: pods.reduce((n, p) => n + p.restarts, 0),
    worstReason: worst,
    health: overall(workloads, pods, ready, desired, worst),
    workloads,
    pods,
  };
}

/** Health of every release found among the objects, keyed `namespace/release`. */
export function healthByRelease(input: THealthInput): Map<string, TReleaseHealth> {
  const groups = new Map<
    string,
    { name: string; namespace: string; workloads: TWorkloadStatus[]; pods: TPodHealth[] }
  >();
  const group = (obj: { metadata?: TObjectMeta }) => {
    const owner = releaseOf(obj);
    if (!owner) return null;
    const key = `${owner.namespace}/${owner.name}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { ...owner, workloads: [], pods: [] }));
    return g;
  };
  const kinds: [TWorkloadStatus['kind'], TWorkloadLike[] | undefined][] = [
    ['Deployment', input.deployments],
    ['StatefulSet', input.statefulSets],
    ['DaemonSet', input.daemonSets],
  ];
  for (const [kind, list] of kinds)
    for (const w of list ?? []) group(w)?.workloads.push(workloadStatus(kind, w));
  for (const p of input.pods ?? []) {
    const h = podHealth(p);
    if (h) group(p)?.pods.push(h);
  }
  const out = new Map<string, TReleaseHealth>();
  for (const [key, g] of groups) out.set(key, summarizeHealth(g, g.workloads, g.pods));
  return out;
}

/** Health of one release; `unknown` when none of the objects belong to it. */
export function releaseHealth(
  release: { name: string; namespace: string },
  input: THealthInput,
): TReleaseHealth {
  const mine = <T extends { metadata?: TObjectMeta }>(list: T[] | undefined) =>
    (list ?? []).filter((o) => {
      const owner = releaseOf(o);
      return owner?.name === release.name && owner.namespace === release.namespace;
    });
  const only: THealthInput = {
    deployments: mine(input.deployments),
    statefulSets: mine(input.statefulSets),
    daemonSets: mine(input.daemonSets),
    pods: mine(input.pods),
  };
  return (
    healthByRelease(only).get(`${release.namespace}/${release.name}`) ??
    summarizeHealth(release, [], [])
  );
}
