// One LISTEN connection per server process for every open progress stream:
// a NOTIFY names the operation, and only its subscribers wake up. Streams
// also poll on their own, so a lost connection only slows them down.
import { getDatabase } from '@/lib/db';
import { listenProgress } from './progress';

type THub = { subscribers: Map<number, Set<() => void>>; starting: Promise<void> | null };

// globalThis: route bundles may load this module more than once in one process.
const hub: THub = ((globalThis as { __helmdeckProgressHub?: THub }).__helmdeckProgressHub ??= {
  subscribers: new Map(),
  starting: null,
});

function ensureListening(): Promise<void> {
  hub.starting ??= (async () => {
    const { url } = await getDatabase();
    await listenProgress(url, (operationId) => {
      for (const wake of hub.subscribers.get(operationId) ?? []) wake();
    });
  })().catch((e: unknown) => {
    hub.starting = null; // the next stream tries again; meanwhile streams poll
    console.error(`[helmdeck] progress LISTEN failed: ${(e as Error).message}`);
  });
  return hub.starting;
}

/** Calls `wake` whenever operation `id` reports progress; returns the unsubscribe function. */
export async function subscribeProgress(id: number, wake: () => void): Promise<() => void> {
  let set = hub.subscribers.get(id);
  if (!set) hub.subscribers.set(id, (set = new Set()));
  set.add(wake);
  await ensureListening();
  return () => {
    set.delete(wake);
    if (set.size === 0) hub.subscribers.delete(id);
  };
}
