// The runbook's automatic-rollback triggers over the release's pods:
// crash loops, unready too long, OOMKilled, image pull failures. Pure over
// pod objects and the clock, so every trigger is testable with plain values
// and the evidence says exactly what was seen.
import type { V1ContainerStatus, V1Pod } from '@kubernetes/client-node';
import type { TAutoRollback } from '@/lib/config';
import type { TWatchFinding } from '../watch/types';

export type TPodEvidence = {
  pod: string;
  container?: string;
  restarts?: number;
  reason: string;
  /** ISO time the condition was first seen to hold. */
  since?: string;
};

/** Restart counts of pods that existed before the rollout, so older restarts do not count. */
export type TRestartBaseline = Map<string, number>;

const PULL_FAILURES = new Set([
  'ErrImagePull',
  'ImagePullBackOff',
  'InvalidImageName',
  'ErrImageNeverPull',
]);

const key = (pod: string, container: string) => `${pod}/${container}`;
const iso = (d: Date | string | undefined) =>
  d === undefined ? undefined : new Date(d).toISOString();

/** The release's serving pods: not hook or Job pods, not finished, not being deleted. */
export function servingPods(pods: V1Pod[]): V1Pod[] {
  return pods.filter(
    (p) =>
      !p.metadata?.deletionTimestamp &&
      !p.metadata?.annotations?.['helm.sh/hook'] &&
      !(p.metadata?.ownerReferences ?? []).some((o) => o.kind === 'Job') &&
      p.status?.phase !== 'Succeeded' &&
      p.status?.phase !== 'Failed',
  );
}

export function restartBaseline(pods: V1Pod[]): TRestartBaseline {
  const base: TRestartBaseline = new Map();
  for (const p of pods)
    for (const c of p.status?.containerStatuses ?? [])
      base.set(key(p.metadata?.name ?? '', c.name), c.restartCount);
  return base;
}

function terminatedReason(c: V1ContainerStatus): { reason?: string; at?: Date } {
  const t = c.state?.terminated ?? c.lastState?.terminated;
  return { reason: t?.reason, at: t?.finishedAt };
}

function fail(check: string, reason: string, e: TPodEvidence): TWatchFinding {
  return { check, verdict: 'fail', reason, evidence: e, action: 'rollback' };
}

/** The first trigger that fires, or a pass naming what was watched. */
export function evaluatePodTriggers(
  pods: V1Pod[],
  rules: TAutoRollback,
  o: { baseline: TRestartBaseline; rolloutStartedAt: Date; now: Date },
): TWatchFinding {
  const serving = servingPods(pods);
  for (const p of serving) {
    const pod = p.metadata?.name ?? '';
    for (const c of p.status?.containerStatuses ?? []) {
      const waiting = c.state?.waiting?.reason;
      if (rules.imagePullFailure && waiting && PULL_FAILURES.has(waiting))
        return fail('pods.imagePull', `${pod}/${c.name} cannot pull its image (${waiting})`, {
          pod,
          container: c.name,
          restarts: c.restartCount,
          reason: waiting,
          since: iso(p.status?.startTime ?? p.metadata?.creationTimestamp),
        });
      const term = terminatedReason(c);
      if (rules.oomKilled && term.reason === 'OOMKilled')
        return fail('pods.oomKilled', `${pod}/${c.name} was OOMKilled`, {
          pod,
          container: c.name,
          restarts: c.restartCount,
          reason: 'OOMKilled',
          since: iso(term.at),
        });
      const restarts = c.restartCount - (o.baseline.get(key(pod, c.name)) ?? 0);
      if (rules.crashLoopRestarts !== undefined && restarts > rules.crashLoopRestarts)
        return fail(
          'pods.crashLoop',
          `${pod}/${c.name} restarted ${restarts} times since the rollout (more than ${rules.crashLoopRestarts})`,
          {
            pod,
            container: c.name,
            restarts,
            reason: waiting ?? term.reason ?? 'restarting',
            since: iso(p.status?.startTime ?? o.rolloutStartedAt),
          },
        );
    }
    if (rules.unreadySeconds !== undefined) {
      const ready = (p.status?.conditions ?? []).find((c) => c.type === 'Ready');
      if (ready?.status !== 'True') {
        const created = p.metadata?.creationTimestamp
          ? new Date(p.metadata.creationTimestamp)
          : o.now;
        const changed = ready?.lastTransitionTime ? new Date(ready.lastTransitionTime) : created;
        // Unready time counts from the rollout at the earliest: an old pod's past is not this build's.
        const since = new Date(Math.max(changed.getTime(), o.rolloutStartedAt.getTime()));
        const seconds = (o.now.getTime() - since.getTime()) / 1000;
        if (seconds > rules.unreadySeconds)
          return fail(
            'pods.unready',
            `${pod} has been unready for ${Math.round(seconds)}s (more than ${rules.unreadySeconds}s)`,
            {
              pod,
              restarts: Math.max(
                0,
                ...(p.status?.containerStatuses ?? []).map((c) => c.restartCount),
              ),
              reason: ready?.reason ?? 'NotReady',
              since: since.toISOString(),
            },
          );
      }
    }
  }
  return {
    check: 'pods',
    verdict: 'pass',
    reason: `${serving.length} pod${serving.length === 1 ? '' : 's'} watched, no trigger fired`,
  };
}
