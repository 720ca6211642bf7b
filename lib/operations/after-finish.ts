// Listeners told when an operation reached its final state: post-deploy
// verification, automatic-rollback watches, metric analysis. They run after
// the outcome is committed, outside its transaction, and can never change it:
// a listener that throws is logged and the others still run.
import type { PrismaClient } from '@/lib/db';
import type { TOutcome } from './finish-operation';
import type { TOperation } from './operation-row';

export type TFinishedOperation = {
  /** The row in its final state. */
  operation: TOperation;
  outcome: TOutcome;
  /** `worker` when the worker ran it, `reconcile` when it was settled after a crash. */
  settledBy: 'worker' | 'reconcile';
};

export type TAfterFinishListener = (event: TFinishedOperation) => void | Promise<void>;

type TState = { listeners: Map<string, TAfterFinishListener>; running: Set<Promise<void>> };
// On globalThis: Next may load this module more than once in one process.
const state: TState = ((globalThis as { __helmdeckAfterFinish?: TState }).__helmdeckAfterFinish ??=
  { listeners: new Map(), running: new Set() });

/**
 * Calls `listener` for every operation this process finishes from now on.
 * `name` identifies it in logs; registering the same name again replaces it.
 * Returns a function that removes it. Long work belongs in its own job or
 * timer: the worker does not wait for listeners before taking the next job.
 */
export function onOperationFinished(name: string, listener: TAfterFinishListener): () => void {
  state.listeners.set(name, listener);
  return () => {
    if (state.listeners.get(name) === listener) state.listeners.delete(name);
  };
}

/** Tells every listener; never throws. Returns once they all settled. */
export function notifyFinished(event: TFinishedOperation): Promise<void> {
  const all = [...state.listeners].map(async ([name, listener]) => {
    try {
      await listener(event);
    } catch (e) {
      console.error(
        `[operations] after-finish listener ${name} failed for operation #${event.operation.id}:`,
        e,
      );
    }
  });
  const done = Promise.all(all).then(() => undefined);
  state.running.add(done);
  void done.finally(() => state.running.delete(done));
  return done;
}

/** Waits until every listener call started so far has settled (shutdown, tests). */
export async function afterFinishIdle(): Promise<void> {
  while (state.running.size > 0) await Promise.all([...state.running]);
}

/** Hands the final row to the listeners without waiting for them (worker and reconcile). */
export async function tellListeners(
  prisma: PrismaClient,
  id: number,
  outcome: TOutcome,
  settledBy: TFinishedOperation['settledBy'],
): Promise<void> {
  if (state.listeners.size === 0) return;
  const operation = await prisma.operation.findUnique({ where: { id } }).catch(() => null);
  if (operation) void notifyFinished({ operation, outcome, settledBy });
}
