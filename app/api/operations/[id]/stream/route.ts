// Live progress of one operation as server-sent events: `update` events carry
// the operation and the log lines since the last one; `done` follows the
// final state. Wake-ups come from Postgres LISTEN/NOTIFY (any instance may
// run the worker); a slow poll covers a missed or lost notification.
import { getOperationDetail } from '@/app/(app)/operations/_lib/read-operations';
import { isActive } from '@/app/(app)/operations/_lib/operation-view';
import { jsonError, withPrincipal } from '../../../v1/_lib/api-route';
import { subscribeProgress } from '../../_lib/progress-hub';

export const dynamic = 'force-dynamic';

const POLL_MS = 3_000;
const KEEPALIVE_MS = 15_000;

export function GET(request: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  return withPrincipal(request, async (principal) => {
    const raw = (await ctx.params).id;
    if (!/^\d{1,12}$/.test(raw))
      return jsonError(400, 'Parameter "id" must be an operation number.');
    const id = Number(raw);
    const afterParam = new URL(request.url).searchParams.get('afterLogId') ?? '0';
    let lastLogId = /^\d{1,15}$/.test(afterParam) ? Number(afterParam) : 0;
    const first = await getOperationDetail(principal, id, lastLogId);
    if (!first) return jsonError(404, `There is no operation #${raw} you may see.`);
    const encoder = new TextEncoder();
    let cleanup = () => {};
    const stream = new ReadableStream<Uint8Array>({
      async start(controller) {
        let closed = false;
        const send = (event: string, data: unknown) => {
          if (closed) return;
          try {
            controller.enqueue(
              encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`),
            );
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
        request.signal.addEventListener('abort', () => {
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
    return new Response(stream, {
      headers: {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      },
    });
  });
}
