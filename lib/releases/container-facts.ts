// Per-container facts of a pod, for the log picker and failure reasons: which
// containers it has, how often each restarted, and why the last run ended.
import type { TContainerStatus, TPodLike } from './pod-health';

export type TContainerFact = {
  name: string;
  init: boolean;
  restarts: number;
  /** Waiting reason (CrashLoopBackOff, ImagePullBackOff ...) or "running" / terminated reason. */
  state: string | null;
  /** Exit code of the run that ended last (the current one when it has terminated). */
  lastExitCode: number | null;
  lastReason: string | null;
};

type TPodWithSpec = TPodLike & {
  spec?: { containers?: { name?: string }[]; initContainers?: { name?: string }[] };
};

function fact(name: string, init: boolean, s: TContainerStatus | undefined): TContainerFact {
  const ended = s?.state?.terminated ?? s?.lastState?.terminated;
  const state =
    s?.state?.waiting?.reason ??
    s?.state?.terminated?.reason ??
    (s?.state?.running ? 'running' : null);
  return {
    name,
    init,
    restarts: s?.restartCount ?? 0,
    state,
    lastExitCode: ended?.exitCode ?? null,
    lastReason: ended?.reason ?? null,
  };
}

/** Init containers first, as the pod runs them, then the app containers. */
export function containerFacts(pod: TPodWithSpec): TContainerFact[] {
  const statuses = [
    ...(pod.status?.initContainerStatuses ?? []),
    ...(pod.status?.containerStatuses ?? []),
  ];
  const of = (name: string) => statuses.find((s) => s.name === name);
  return [
    ...(pod.spec?.initContainers ?? []).map((c) => fact(c.name ?? '', true, of(c.name ?? ''))),
    ...(pod.spec?.containers ?? []).map((c) => fact(c.name ?? '', false, of(c.name ?? ''))),
  ].filter((c) => c.name);
}
