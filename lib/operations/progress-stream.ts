// Live progress of one operation as server-sent events: `update` events carry
// the operation and the log lines since the last one; `done` follows the
// final state. Wake-ups come from Postgres LISTEN/NOTIFY (any instance may
// run the worker); a slow poll covers a missed or lost notification.
import type { TPolicyUser } from '@/lib/policy';
import { isActive } from './operation-view';
import { subscribeProgress } from './progress-hub';
import { getOperationDetail } from './read-operations';

const POLL_MS = 3_000;
const KEEPALIVE_MS = 15_000;

/** The event stream of operation `id` for `principal`, or null when they may not see it. */
export async function operationProgressStream(
  principal: TPolicyUser,
  id: number,
  afterLogId: number,
  signal: AbortSignal,
): Promise<ReadableStream<Uint8Array> | null> {
  let lastLogId = afterLogId;
  const first = await getOperationDetail(principal, id, lastLogId);
  if (!first) return null;
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      let closed = false;
      const send = (event: string, data: unknown) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
        } catch {
          cleanup();
        }
      };
      let busy = false;
      let again = false;
      const finish = () => {
        send('done', {});
        cleanup();
        try {
          controller.close();
        } catch {
          // already closed
        }
      };
      // One read at a time; a wake-up during a read schedules one more.
      const pump = async () => {
        if (busy) {
          again = true;
          return;
        }
        busy = true;
        try {
          do {
            again = false;
            const d = await getOperationDetail(principal, id, lastLogId);
            if (!d || closed) return;
            lastLogId = d.logs.at(-1)?.id ?? lastLogId;
            send('update', d);
            if (!isActive(d.operation.state)) return finish();
          } while (again);
        } catch (e) {
          console.error(`[helmdeck] progress stream of #${id}: ${(e as Error).message}`);
        } finally {
          busy = false;
        }
      };
      send('ready', { retryMs: 5000 });
      lastLogId = first.logs.at(-1)?.id ?? lastLogId;
      send('update', first);
      if (!isActive(first.operation.state)) return finish();
      const poll = setInterval(() => void pump(), POLL_MS);
      const keepalive = setInterval(() => {
        try {
          if (!closed) controller.enqueue(encoder.encode(': keepalive\n\n'));
        } catch {
          cleanup();
        }
      }, KEEPALIVE_MS);
      let unsubscribe = () => {};
      cleanup = () => {
        closed = true;
        clearInterval(poll);
        clearInterval(keepalive);
        unsubscribe();
      };
      signal.addEventListener('abort', () => {
        cleanup();
        try {
          controller.close();
        } catch {
          // already closed
        }
      });
      unsubscribe = await subscribeProgress(id, () => void pump());
      if (closed) unsubscribe();
      void pump(); // anything that happened before the subscription
    },
    cancel() {
      cleanup();
    },
  });
  return stream;
}
