// Server-sent events of release changes, so open pages refetch what changed
// instead of polling. Comments every 15 s keep proxies from closing an idle stream.
import { subscribeReleaseChanges } from '@/lib/release-view';
import { apiRoute } from '@/lib/http/api-route';
import { sseResponse } from '@/lib/http/sse';

export const dynamic = 'force-dynamic';

const KEEPALIVE_MS = 15_000;

export function GET(request: Request): Promise<Response> {
  return apiRoute(request, 'events', async () => {
    const encoder = new TextEncoder();
    let cleanup = () => {};
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        const send = (text: string) => {
          try {
            controller.enqueue(encoder.encode(text));
          } catch {
            cleanup();
          }
        };
        send(`retry: 5000\nevent: ready\ndata: {}\n\n`);
        const unsubscribe = subscribeReleaseChanges((change) => {
          send(`event: change\ndata: ${JSON.stringify(change)}\n\n`);
        });
        const keepalive = setInterval(() => send(': keepalive\n\n'), KEEPALIVE_MS);
        cleanup = () => {
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
      },
      cancel() {
        cleanup();
      },
    });
    return sseResponse(stream);
  });
}
