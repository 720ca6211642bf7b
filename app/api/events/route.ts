// Server-sent events of release changes: `cells` carries the overview cells
// that changed (open overviews patch themselves, no re-fetch); `change` names
// the clusters and releases that changed, so other open pages refetch just
// those. Comments every 15 s keep proxies from closing an idle stream.
import {
  subscribeOverviewDeltas,
  subscribeReleaseChanges,
  type TOverviewDelta,
} from '@/lib/release-view';
import { apiRoute } from '@/lib/http/api-route';
import { sseResponse } from '@/lib/http/sse';

export const dynamic = 'force-dynamic';

const KEEPALIVE_MS = 15_000;

// Every open stream gets the same delta: its text is made once.
const deltaText = new WeakMap<TOverviewDelta, string>();
function cellsEvent(delta: TOverviewDelta): string {
  let text = deltaText.get(delta);
  if (text === undefined) {
    text = `event: cells\ndata: ${JSON.stringify(delta)}\n\n`;
    deltaText.set(delta, text);
  }
  return text;
}

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
        const unsubscribeCells = subscribeOverviewDeltas((delta) => send(cellsEvent(delta)));
        const unsubscribeChanges = subscribeReleaseChanges((change) => {
          send(`event: change\ndata: ${JSON.stringify(change)}\n\n`);
        });
        const unsubscribe = () => {
          unsubscribeCells();
          unsubscribeChanges();
        };
        const keepalive = setInterval(() => send(': keepalive\n\n'), KEEPALIVE_MS);
        cleanup = () => {
          clearInterval(keepalive);
          unsubscribe();
        };
        // Not request.signal: under `next start` it fired once the handler had returned,
        // and every stream ended right after `ready` (seen by bench:overview). A client that
        // goes away cancels the stream (cancel below); a failed write cleans up too.
      },
      cancel() {
        cleanup();
      },
    });
    return sseResponse(stream);
  });
}
