// A release's rollout per object: which Deployment, StatefulSet, DaemonSet or
// Job is waiting, on which pod, and why, in the cluster's own terms
// ("CrashLoopBackOff of container api, exit code 1, 4 restarts"), plus the one
// reason that best explains a failed rollout. Pure: the caller selects the objects.
import type { TRawObject } from '@/lib/kube/list-watch';
import { containerFacts, type TContainerFact } from './container-facts';
import { podHealth, type TPodLike } from './pod-health';
import { releaseOf, workloadStatus, type TWorkloadStatus } from './workload-health';

export type TRolloutObject = {
  kind: string;
  name: string;
  state: 'ready' | 'waiting' | 'failed';
  /** "1/2 ready, 2 updated" or "succeeded" / "running" for a Job. */
  progress: string;
  /** "pod api-7f9c-x: CrashLoopBackOff of container api, exit code 1, 4 restarts". */
  waitingOn: string[];
};

export type TRollout = {
  objects: TRolloutObject[];
  /** The failing pod's reason, with its latest warning event; null while nothing fails. */
  reason: string | null;
};

export type TRolloutInput = {
  release: string;
  namespace: string;
  deployments?: TRawObject[];
  statefulSets?: TRawObject[];
  daemonSets?: TRawObject[];
  pods?: TRawObject[];
  events?: TRawObject[];
};

const FAILING = new Set([
  'CrashLoopBackOff',
  'ImagePullBackOff',
  'ErrImagePull',
  'CreateContainerConfigError',
  'CreateContainerError',
  'RunContainerError',
  'OOMKilled',
  'Error',
]);

type TPod = TRawObject & TPodLike & { spec?: { containers?: { name?: string }[] } };

function containerText(c: TContainerFact): string {
  const parts = [`${c.state ?? 'waiting'} of ${c.init ? 'init ' : ''}container ${c.name}`];
  if (c.lastExitCode !== null) parts.push(`exit code ${c.lastExitCode}`);
  if (c.restarts) parts.push(`${c.restarts} restart${c.restarts === 1 ? '' : 's'}`);
  return parts.join(', ');
}

/** Why one pod is not ready, and whether that is a failure rather than a wait. */
function podText(pod: TPod): { text: string; failing: boolean } | null {
  const containers = containerFacts(pod);
  const bad = containers.find((c) => c.state && FAILING.has(c.state));
  const name = pod.metadata?.name ?? '';
  if (bad) return { text: `pod ${name}: ${containerText(bad)}`, failing: true };
  const health = podHealth(pod);
  if (!health || health.ready) return null;
  if (health.phase === 'Pending')
    return {
      text: `pod ${name}: Pending${health.message ? ` (${health.message})` : ''}`,
      failing: false,
    };
  const unready = containers.find((c) => c.state === 'running');
  return {
    text: `pod ${name}: ${unready ? `container ${unready.name} running, not ready (readiness failing)` : health.phase}`,
    failing: false,
  };
}

function latestWarning(events: TRawObject[], pod: string): string | null {
  type TEvent = {
    type?: string;
    reason?: string;
    message?: string;
    lastTimestamp?: string;
    eventTime?: string;
    involvedObject?: { name?: string };
  };
  const mine = (events as TEvent[])
    .filter((e) => e.type === 'Warning' && e.involvedObject?.name === pod)
    .sort((a, b) =>
      String(b.lastTimestamp ?? b.eventTime ?? '').localeCompare(
        String(a.lastTimestamp ?? a.eventTime ?? ''),
      ),
    );
  const e = mine[0];
  return e ? `${e.reason ?? ''}: ${e.message ?? ''}` : null;
}

function workloadObject(w: TWorkloadStatus, pods: TPod[]): TRolloutObject {
  const mine = pods.filter((p) => (p.metadata?.name ?? '').startsWith(`${w.name}-`));
  const waits = mine.map(podText).filter((x) => x !== null);
  const done = !w.stale && w.ready >= w.desired && w.updated >= w.desired;
  return {
    kind: w.kind,
    name: w.name,
    state:
      w.deadlineExceeded || waits.some((x) => x.failing) ? 'failed' : done ? 'ready' : 'waiting',
    progress: `${w.ready}/${w.desired} ready, ${w.updated} updated${w.deadlineExceeded ? ', progress deadline exceeded' : ''}`,
    waitingOn: waits.map((x) => x.text),
  };
}

function jobObjects(pods: TPod[]): TRolloutObject[] {
  const byJob = new Map<string, TPod[]>();
  for (const p of pods) {
    const job =
      p.metadata?.labels?.['job-name'] ?? p.metadata?.labels?.['batch.kubernetes.io/job-name'];
    if (job) byJob.set(job, [...(byJob.get(job) ?? []), p]);
  }
  return [...byJob].map(([name, list]) => {
    const failed = list.filter((p) => p.status?.phase === 'Failed');
    const succeeded = list.some((p) => p.status?.phase === 'Succeeded');
    const waitingOn = failed.map((p) => {
      const c = containerFacts(p).find((x) => x.lastExitCode !== null && x.lastExitCode !== 0);
      return `pod ${p.metadata?.name ?? ''}: ${c ? containerText(c) : 'failed'}`;
    });
    return {
      kind: 'Job',
      name,
      state: succeeded ? 'ready' : failed.length ? 'failed' : 'waiting',
      progress: succeeded
        ? 'succeeded'
        : failed.length
          ? `${failed.length} pod(s) failed`
          : 'running',
      waitingOn,
    } satisfies TRolloutObject;
  });
}

export function rolloutOf(input: TRolloutInput): TRollout {
  const own = (list: TRawObject[] | undefined) =>
    (list ?? []).filter((o) => {
      const r = releaseOf(o);
      return r?.name === input.release && r.namespace === input.namespace;
    });
  const pods = own(input.pods) as TPod[];
  const workloads = [
    ...own(input.deployments).map((w) => workloadStatus('Deployment', w)),
    ...own(input.statefulSets).map((w) => workloadStatus('StatefulSet', w)),
    ...own(input.daemonSets).map((w) => workloadStatus('DaemonSet', w)),
  ];
  const jobPods = pods.filter(
    (p) => p.metadata?.labels?.['job-name'] || p.metadata?.labels?.['batch.kubernetes.io/job-name'],
  );
  const objects = [
    ...workloads.map((w) =>
      workloadObject(
        w,
        pods.filter((p) => !jobPods.includes(p)),
      ),
    ),
    ...jobObjects(jobPods),
  ];
  const failing = objects.find((o) => o.state === 'failed' && o.waitingOn.length > 0);
  const first = failing?.waitingOn[0] ?? null;
  const pod = first?.match(/^pod (\S+):/)?.[1];
  const warning = pod ? latestWarning(input.events ?? [], pod) : null;
  return {
    objects,
    reason: first ? `${first}${warning ? ` (last warning: ${warning})` : ''}` : null,
  };
}

/** One line per object, for the operation log. */
export function rolloutLines(r: TRollout): string[] {
  return r.objects.map(
    (o) =>
      `rollout: ${o.kind} ${o.name} ${o.progress}${o.waitingOn.length ? ` — waiting on ${o.waitingOn.join('; ')}` : ''}`,
  );
}
