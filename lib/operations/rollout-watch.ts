// While a kind runs helm, the release's rollout as the read model's watches
// see it: each change per object goes to the operation log ("rollout:
// Deployment api 1/2 ready — waiting on pod api-x: CrashLoopBackOff of
// container api, exit code 1, 4 restarts"), and the last failure seen is kept,
// because helm's rollback-on-failure removes the failing pods before the end.
import { existingReleaseView } from '@/lib/release-view/release-view';
import { redactText, type TKnownSecrets } from '@/lib/releases/redact';
import { rolloutLines, rolloutOf } from '@/lib/releases/rollout';
import type { TOutcome } from './finish-operation';
import type { TOperationLogger } from './progress';

const SAMPLE_MS = 1_000;

export type TRolloutWatch = {
  /** Stops sampling; the last failure reason seen, or null. */
  stop(): string | null;
};

type TPlace = { cluster: string; namespace: string; release: string };

function sample(place: TPlace) {
  // No read model in this process (a bare worker in a test): nothing to watch.
  const view = existingReleaseView();
  const cluster = view?.clusterViews().find((c) => c.name === place.cluster);
  const snap = cluster?.workloads.get(place.namespace)?.snapshot();
  if (!snap) return null;
  return rolloutOf({ release: place.release, namespace: place.namespace, ...snap });
}

/** `known`: the operation's secret values; the reason (event messages) is masked like the log. */
export function watchRollout(
  place: TPlace,
  log: TOperationLogger,
  known: TKnownSecrets = [],
): TRolloutWatch {
  const logged = new Map<string, string>();
  let reason: string | null = null;
  const tick = () => {
    const r = sample(place);
    if (!r) return;
    if (r.reason) reason = redactText(r.reason, known);
    r.objects.forEach((o, i) => {
      const line = rolloutLines(r)[i]!;
      if (logged.get(`${o.kind}/${o.name}`) === line) return;
      logged.set(`${o.kind}/${o.name}`, line);
      log.line('info', line);
    });
  };
  const timer = setInterval(tick, SAMPLE_MS);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      return reason;
    },
  };
}

const ROLLOUT_KINDS = new Set(['rollout-failed', 'timeout', 'hook-failed']);

/** A failed rollout's outcome with the reason the pods gave, in place of helm's generic words. */
export function withRolloutReason(outcome: TOutcome, reason: string | null): TOutcome {
  const kind = outcome.details?.kind;
  if (outcome.state !== 'failed' || !reason || typeof kind !== 'string' || !ROLLOUT_KINDS.has(kind))
    return outcome;
  const rolledBack = outcome.details?.rolledBack === true;
  const what =
    kind === 'hook-failed' ? 'a chart hook failed' : 'the new version did not become ready';
  return {
    ...outcome,
    error: `${what}: ${reason}${rolledBack ? ' (helm rolled the change back)' : ''}`,
    details: { ...outcome.details, reason },
  };
}
