// Deployment status and its two conditions, computed from the ReplicaSets
// and the new ReplicaSet's pods. Pure, so it is unit-testable on its own.
import type { KObject } from '../store';
import { asArr, asObj, isoTime, num, type Obj, parseTime, spec, status } from './util';

/** How long a new pod may crash or fail to pull before the rollout is declared failed. */
export const FAIL_FAST_MS = 3_000;
const STUCK_REASONS = new Set([
  'CrashLoopBackOff',
  'ImagePullBackOff',
  'ErrImagePull',
  'CreateContainerConfigError',
  'InvalidImageName',
  'CreateContainerError',
]);

/** When a pod counts as stuck for good (crash loop, OOM, image pull), or undefined when it does not. */
export function stuckSince(pod: KObject): number | undefined {
  const stuck = asArr(status(pod).containerStatuses).some((c) => {
    const waiting = asObj(asObj(c.state).waiting);
    return STUCK_REASONS.has(String(waiting.reason ?? '')) || num(c.restartCount, 0) > 0;
  });
  if (!stuck) return undefined;
  return (parseTime(pod.metadata.creationTimestamp) ?? 0) + FAIL_FAST_MS;
}

interface Input {
  d: KObject;
  newRS: KObject | undefined;
  oldRSs: KObject[];
  newPods: KObject[];
  maxUnavailable: number;
  now: number;
  paused: boolean;
}

function cond(
  prev: Obj | undefined,
  next: { type: string; status: string; reason: string; message: string },
  nowIso: string,
  touched: boolean,
): Obj {
  const same =
    prev &&
    prev.status === next.status &&
    prev.reason === next.reason &&
    prev.message === next.message;
  return {
    ...next,
    lastUpdateTime: same && !touched ? prev.lastUpdateTime : nowIso,
    lastTransitionTime: prev && prev.status === next.status ? prev.lastTransitionTime : nowIso,
  };
}

export function deploymentStatus(input: Input): {
  status: Obj;
  recheckAt?: number;
  failedNow: boolean;
} {
  const { d, newRS, oldRSs, newPods, maxUnavailable, now, paused } = input;
  const all = newRS ? [newRS, ...oldRSs] : oldRSs;
  const sum = (f: (rs: KObject) => number) => all.reduce((n, rs) => n + f(rs), 0);
  const desired = num(spec(d).replicas, 1);
  const replicas = sum((rs) => num(status(rs).replicas, 0));
  const updated = newRS ? num(status(newRS).replicas, 0) : 0;
  const ready = sum((rs) => num(status(rs).readyReplicas, 0));
  const available = sum((rs) => num(status(rs).availableReplicas, 0));
  const unavailable = Math.max(0, sum((rs) => num(spec(rs).replicas, 0)) - available);
  const old = status(d);
  const prev = asArr(old.conditions);
  const prevAvailable = prev.find((c) => c.type === 'Available');
  const prevProgressing = prev.find((c) => c.type === 'Progressing');
  const nowIso = isoTime(now);
  const deadlineMs = num(spec(d).progressDeadlineSeconds, 600) * 1000;

  const availableCond =
    available >= desired - maxUnavailable
      ? {
          type: 'Available',
          status: 'True',
          reason: 'MinimumReplicasAvailable',
          message: 'Deployment has minimum availability.',
        }
      : {
          type: 'Available',
          status: 'False',
          reason: 'MinimumReplicasUnavailable',
          message: 'Deployment does not have minimum availability.',
        };

  const rsName = newRS?.metadata.name ?? '';
  const complete =
    !!newRS &&
    updated === desired &&
    replicas === desired &&
    available === desired &&
    num(spec(newRS).replicas, 0) === desired;
  const sameRollout =
    typeof prevProgressing?.message === 'string' && prevProgressing.message.includes(`"${rsName}"`);
  const progressMade =
    num(old.updatedReplicas, 0) < updated || num(old.availableReplicas, 0) < available;
  const exceeded = {
    type: 'Progressing',
    status: 'False',
    reason: 'ProgressDeadlineExceeded',
    message: `ReplicaSet "${rsName}" has timed out progressing.`,
  };
  let progressing: { type: string; status: string; reason: string; message: string };
  let recheckAt: number | undefined;
  let failedNow = false;
  if (paused) {
    progressing = {
      type: 'Progressing',
      status: 'Unknown',
      reason: 'DeploymentPaused',
      message: 'Deployment is paused',
    };
  } else if (complete) {
    progressing = {
      type: 'Progressing',
      status: 'True',
      reason: 'NewReplicaSetAvailable',
      message: `ReplicaSet "${rsName}" has successfully progressed.`,
    };
  } else if (sameRollout && prevProgressing?.reason === 'ProgressDeadlineExceeded') {
    progressing = exceeded;
  } else {
    const since =
      sameRollout && !progressMade ? (parseTime(prevProgressing?.lastUpdateTime) ?? now) : now;
    const stuckAt = newPods.map(stuckSince).filter((t): t is number => t !== undefined);
    const failFastAt = stuckAt.length ? Math.min(...stuckAt) : Infinity;
    if (now >= since + deadlineMs || now >= failFastAt) {
      progressing = exceeded;
      failedNow = true;
    } else {
      progressing = {
        type: 'Progressing',
        status: 'True',
        reason: 'ReplicaSetUpdated',
        message: `ReplicaSet "${rsName}" is progressing.`,
      };
      recheckAt = Math.min(since + deadlineMs, failFastAt);
    }
  }

  return {
    status: JSON.parse(
      JSON.stringify({
        observedGeneration: d.metadata.generation,
        replicas: replicas || undefined,
        updatedReplicas: updated || undefined,
        readyReplicas: ready || undefined,
        availableReplicas: available || undefined,
        unavailableReplicas: unavailable || undefined,
        conditions: [
          cond(prevAvailable, availableCond, nowIso, false),
          cond(
            prevProgressing,
            progressing,
            nowIso,
            progressMade && progressing.reason === 'ReplicaSetUpdated',
          ),
        ],
      }),
    ) as Obj,
    recheckAt,
    failedNow,
  };
}
