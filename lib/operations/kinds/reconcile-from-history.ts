// How a kind that runs helm is settled after its worker died: helm's own
// history says what happened. A release left pending-* needs a human
// (needs_recovery, never retried); otherwise the kind reads the history.
import { helmHistory, type THelmHistoryEntry } from '@/lib/helm';
import type { TOutcome } from '../finish-operation';
import { isPending } from '../release-state';
import type { TReconcileContext } from './kind';

export type TSettle = (ctx: TReconcileContext<unknown>, history: THelmHistoryEntry[]) => TOutcome;

/** The default: the revision this operation made is deployed (or superseded by its own rollback). */
export const settleChange: TSettle = ({ op }, history) => {
  const latest = history.at(-1);
  const mine = history.filter((h) => h.revision > (op.revisionBefore ?? 0));
  const own = mine[0];
  if (!own)
    return {
      state: 'failed',
      revisionAfter: op.revisionBefore,
      error: 'the worker stopped before helm changed the release',
    };
  const marked = own.description.includes(`helmdeck op #${op.id} `);
  if (own.status === 'deployed' || (own.status === 'superseded' && marked))
    return { state: 'succeeded', revisionAfter: own.revision };
  const rolledBack = mine.slice(1).some((h) => /^Rollback/i.test(h.description));
  return {
    state: 'failed',
    revisionAfter: latest?.revision ?? own.revision,
    error: `helm ${op.kind} failed${rolledBack ? ' and was rolled back' : ''} (found after the worker stopped)`,
    details: { rolledBack },
  };
};

export async function reconcileFromHistory(
  ctx: TReconcileContext<unknown>,
  settle: TSettle = settleChange,
): Promise<TOutcome> {
  const { op, location } = ctx;
  let history: THelmHistoryEntry[];
  try {
    history = await helmHistory(ctx.helmTarget, { release: location.release, max: 50 });
  } catch (e) {
    const missing =
      e instanceof Error && 'kind' in e && (e as { kind: string }).kind === 'release-not-found';
    if (!missing)
      return {
        state: 'needs_recovery',
        error: 'the cluster could not be asked what helm did; check the release and recover it',
      };
    history = [];
  }
  history.sort((a, b) => a.revision - b.revision);
  const latest = history.at(-1);
  if (latest && isPending(latest.status)) {
    const good = history
      .filter(
        (h) =>
          h.revision < latest.revision && (h.status === 'deployed' || h.status === 'superseded'),
      )
      .at(-1);
    const fix = good ? `roll back to revision ${good.revision}` : 'uninstall it';
    return {
      state: 'needs_recovery',
      revisionAfter: latest.revision,
      error: `helm left ${location.release} in ${latest.status} when the worker stopped; recover it (${fix})`,
    };
  }
  return settle({ ...ctx, op }, history);
}
