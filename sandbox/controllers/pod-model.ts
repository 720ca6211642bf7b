// What a container does, decided by its image tag: the failure modes tests
// use to make rollouts fail the way real ones do. Pure functions of the pod
// and the clock, so status is reproducible after a restart of the sandbox.
import { asArr, asObj, isoTime, type Obj } from './util';

export type Mode = 'ok' | 'crashloop' | 'oom' | 'pullfail' | 'unready' | 'slow';

export const SLOW_READY_MS = 3_000;
export const FIRST_CRASH_MS = 1_000;
export const CRASH_PERIOD_MS = 2_000;
export const PULL_BACKOFF_MS = 1_500;
export const RUN_TO_COMPLETION_MS = 300;

export function imageTag(image: string): string {
  const last = image.split('/').pop() ?? image;
  const withoutDigest = last.split('@')[0] ?? last;
  const colon = withoutDigest.lastIndexOf(':');
  return colon < 0 ? 'latest' : withoutDigest.slice(colon + 1);
}

export function modeOf(image: string): Mode {
  const tag = imageTag(image).toLowerCase();
  const words = tag.split(/[-_.]/);
  for (const mode of ['pullfail', 'crashloop', 'oom', 'unready', 'slow'] as const) {
    if (tag === mode || words.includes(mode)) return mode;
  }
  return 'ok';
}

/** Test, hook and Job pods whose tag says so exit non-zero. */
export function exitsWithFailure(image: string): boolean {
  const tag = imageTag(image).toLowerCase();
  return tag.includes('fail') || modeOf(image) === 'crashloop' || modeOf(image) === 'oom';
}

/** Times of the crashes so far: every couple of seconds, slowing down after ten. */
export function crashCount(elapsed: number): number {
  if (elapsed < FIRST_CRASH_MS) return 0;
  const fast = 1 + Math.floor((elapsed - FIRST_CRASH_MS) / CRASH_PERIOD_MS);
  if (fast <= 10) return fast;
  return 10 + Math.floor((elapsed - FIRST_CRASH_MS - 9 * CRASH_PERIOD_MS) / 30_000);
}

export function crashTime(n: number): number {
  if (n <= 0) return 0;
  if (n <= 10) return FIRST_CRASH_MS + (n - 1) * CRASH_PERIOD_MS;
  return FIRST_CRASH_MS + 9 * CRASH_PERIOD_MS + (n - 10) * 30_000;
}

export interface ContainerResult {
  status: Obj;
  ready: boolean;
  /** Pod phase contribution: still pulling, running, or exited with a code. */
  progress: 'waiting' | 'running' | 'exited';
  exitCode?: number;
  /** When this container's state changes next (absolute ms), if ever. */
  nextAt?: number;
}

function containerId(podUid: string, name: string, restart: number): string {
  let h = 0;
  const s = `${podUid}/${name}/${restart}`;
  for (let i = 0; i < s.length; i += 1) h = (Math.imul(h, 31) + s.charCodeAt(i)) >>> 0;
  return `containerd://${h.toString(16).padStart(8, '0').repeat(8)}`;
}

/** One container's status at `now`, for a pod started at `start`. */
export function containerAt(
  container: Obj,
  pod: { uid: string; name: string; namespace: string; runToCompletion: boolean },
  start: number,
  now: number,
): ContainerResult {
  const name = String(container.name ?? '');
  const image = String(container.image ?? '');
  const mode = modeOf(image);
  const elapsed = now - start;
  const base = { name, image, imageID: '', restartCount: 0, started: false, ready: false };
  const imageID = `docker.io/library/${image.split('/').pop()?.split(':')[0] ?? 'image'}@sha256:${'0'.repeat(56)}${containerId(image, '', 0).slice(-8)}`;

  if (mode === 'pullfail') {
    const backoff = elapsed >= PULL_BACKOFF_MS;
    const reason = backoff ? 'ImagePullBackOff' : 'ErrImagePull';
    const message = backoff
      ? `Back-off pulling image "${image}": ErrImagePull: failed to pull and unpack image "${image}": not found`
      : `failed to pull and unpack image "${image}": failed to resolve reference "${image}": not found`;
    return {
      status: { ...base, state: { waiting: { reason, message } } },
      ready: false,
      progress: 'waiting',
      nextAt: backoff ? undefined : start + PULL_BACKOFF_MS,
    };
  }

  const running = { ...base, imageID, containerID: containerId(pod.uid, name, 0), started: true };
  if (pod.runToCompletion) {
    if (elapsed < RUN_TO_COMPLETION_MS) {
      return {
        status: { ...running, ready: true, state: { running: { startedAt: isoTime(start) } } },
        ready: true,
        progress: 'running',
        nextAt: start + RUN_TO_COMPLETION_MS,
      };
    }
    const failed = exitsWithFailure(image);
    const oom = mode === 'oom';
    const exitCode = oom ? 137 : failed ? 1 : 0;
    const reason = oom ? 'OOMKilled' : failed ? 'Error' : 'Completed';
    return {
      status: {
        ...running,
        started: false,
        state: {
          terminated: {
            exitCode,
            reason,
            startedAt: isoTime(start),
            finishedAt: isoTime(start + RUN_TO_COMPLETION_MS),
            containerID: running.containerID,
          },
        },
      },
      ready: false,
      progress: 'exited',
      exitCode,
    };
  }

  if (mode === 'crashloop' || mode === 'oom') {
    const crashes = crashCount(elapsed);
    const nextAt = start + crashTime(crashes + 1);
    if (crashes === 0) {
      return {
        status: { ...running, state: { running: { startedAt: isoTime(start) } } },
        ready: false,
        progress: 'running',
        nextAt,
      };
    }
    const exitCode = mode === 'oom' ? 137 : 1;
    const reason = mode === 'oom' ? 'OOMKilled' : 'Error';
    const backoffSeconds = Math.min(300, 10 * 2 ** Math.min(5, crashes - 1));
    return {
      status: {
        ...running,
        started: false,
        containerID: containerId(pod.uid, name, crashes),
        restartCount: crashes,
        state: {
          waiting: {
            reason: 'CrashLoopBackOff',
            message: `back-off ${backoffSeconds}s restarting failed container=${name} pod=${pod.name}_${pod.namespace}(${pod.uid})`,
          },
        },
        lastState: {
          terminated: {
            exitCode,
            reason,
            startedAt: isoTime(start + crashTime(crashes) - 800),
            finishedAt: isoTime(start + crashTime(crashes)),
            containerID: containerId(pod.uid, name, crashes),
          },
        },
      },
      ready: false,
      progress: 'running',
      nextAt,
    };
  }

  const readyAt = mode === 'slow' ? start + SLOW_READY_MS : start;
  const ready = mode !== 'unready' && now >= readyAt;
  return {
    status: { ...running, ready, state: { running: { startedAt: isoTime(start) } } },
    ready,
    progress: 'running',
    nextAt: mode === 'slow' && !ready ? readyAt : undefined,
  };
}

export function qosClass(podSpec: Obj): string {
  const containers = asArr(podSpec.containers);
  let any = false;
  let guaranteed = containers.length > 0;
  for (const c of containers) {
    const res = asObj(c.resources);
    const req = asObj(res.requests);
    const lim = asObj(res.limits);
    if (Object.keys(req).length || Object.keys(lim).length) any = true;
    for (const r of ['cpu', 'memory']) {
      if (lim[r] === undefined || (req[r] !== undefined && req[r] !== lim[r])) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}
