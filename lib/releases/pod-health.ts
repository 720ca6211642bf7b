// One pod's readiness, restarts and the reason it is not serving.

export type TObjectMeta = {
  name?: string;
  namespace?: string;
  uid?: string;
  generation?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  creationTimestamp?: string | Date;
  deletionTimestamp?: string | Date;
};

type TContainerState = {
  waiting?: { reason?: string; message?: string };
  running?: { startedAt?: string | Date };
  terminated?: { reason?: string; exitCode?: number; message?: string };
};

export type TContainerStatus = {
  name?: string;
  ready?: boolean;
  restartCount?: number;
  state?: TContainerState;
  lastState?: TContainerState;
};

export type TPodLike = {
  metadata?: TObjectMeta;
  status?: {
    phase?: string;
    reason?: string;
    message?: string;
    startTime?: string | Date;
    conditions?: { type?: string; status?: string; reason?: string; message?: string }[];
    containerStatuses?: TContainerStatus[];
    initContainerStatuses?: TContainerStatus[];
  };
};

export type TPodReason =
  | 'OOMKilled'
  | 'CrashLoopBackOff'
  | 'ImagePullBackOff'
  | 'ErrImagePull'
  | 'CreateContainerConfigError'
  | 'Failed'
  | 'Pending'
  | 'Unready';

export type TPodHealth = {
  name: string;
  phase: string;
  ready: boolean;
  restarts: number;
  reason: TPodReason | null;
  /** Kubernetes' own message for the reason, when it gives one. */
  message: string | null;
  startedAt: string | null;
};

const PULL_FAILURES: Record<string, TPodReason> = {
  ImagePullBackOff: 'ImagePullBackOff',
  ErrImagePull: 'ErrImagePull',
  InvalidImageName: 'ErrImagePull',
};
const CONFIG_FAILURES = new Set([
  'CreateContainerConfigError',
  'CreateContainerError',
  'RunContainerError',
]);

function containerReason(
  c: TContainerStatus,
): { reason: TPodReason; message: string | null } | null {
  const waiting = c.state?.waiting;
  // OOMKilled is the cause behind the CrashLoopBackOff that usually follows it,
  // so it wins while the container is down; a recovered container is not flagged.
  const killed =
    c.state?.terminated?.reason === 'OOMKilled' || c.lastState?.terminated?.reason === 'OOMKilled';
  if (killed && !c.ready)
    return { reason: 'OOMKilled', message: c.state?.terminated?.message ?? null };
  if (waiting?.reason === 'CrashLoopBackOff')
    return { reason: 'CrashLoopBackOff', message: waiting.message ?? null };
  const pull = waiting?.reason ? PULL_FAILURES[waiting.reason] : undefined;
  if (pull) return { reason: pull, message: waiting?.message ?? null };
  if (waiting?.reason && CONFIG_FAILURES.has(waiting.reason)) {
    return { reason: 'CreateContainerConfigError', message: waiting.message ?? null };
  }
  return null;
}

const RANK: Record<string, number> = {
  OOMKilled: 4,
  CrashLoopBackOff: 3,
  ImagePullBackOff: 2,
  ErrImagePull: 2,
  CreateContainerConfigError: 2,
};

function iso(v: string | Date | undefined): string | null {
  if (v === undefined) return null;
  return v instanceof Date ? v.toISOString() : v;
}

/**
 * Health of one pod, or null for pods that say nothing about the release now:
 * completed (hooks, jobs), evicted, or already terminating.
 */
export function podHealth(pod: TPodLike): TPodHealth | null {
  const s = pod.status ?? {};
  const phase = s.phase ?? 'Unknown';
  if (phase === 'Succeeded' || pod.metadata?.deletionTimestamp) return null;
  if (phase === 'Failed' && s.reason === 'Evicted') return null;
  if (pod.metadata?.annotations?.['helm.sh/hook']) return null;
  const containers = [...(s.initContainerStatuses ?? []), ...(s.containerStatuses ?? [])];
  const readyCondition = s.conditions?.find((c) => c.type === 'Ready');
  const ready = readyCondition
    ? readyCondition.status === 'True'
    : phase === 'Running' && containers.every((c) => c.ready);
  let found: { reason: TPodReason; message: string | null } | null = null;
  for (const c of containers) {
    const r = containerReason(c);
    if (r && (!found || (RANK[r.reason] ?? 0) > (RANK[found.reason] ?? 0))) found = r;
  }
  if (!found && phase === 'Failed') found = { reason: 'Failed', message: s.message ?? null };
  if (!found && phase === 'Pending') {
    const unscheduled = s.conditions?.find(
      (c) => c.type === 'PodScheduled' && c.status === 'False',
    );
    found = { reason: 'Pending', message: unscheduled?.message ?? null };
  }
  if (!found && !ready) found = { reason: 'Unready', message: readyCondition?.message ?? null };
  return {
    name: pod.metadata?.name ?? '',
    phase,
    ready,
    restarts: containers.reduce((n, c) => n + (c.restartCount ?? 0), 0),
    reason: found?.reason ?? null,
    message: found?.message ?? null,
    startedAt: iso(s.startTime),
  };
}
