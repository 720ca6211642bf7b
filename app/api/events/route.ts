// Server-sent events of release changes: `cells` carries the overview cells
// that changed (open overviews patch themselves, no re-fetch); `change` names
// the clusters and releases that changed, so other open pages refetch just
// those. Each stream carries only the caller's environments. Comments every
// 15 s keep proxies from closing an idle stream.
import {
  getOverviewMatrix,
  releaseViewConfig,
  subscribeOverviewDeltas,
  subscribeReleaseChanges,
  type TOverviewDelta,
} from '@/lib/release-view';
import { apiRoute } from '@/lib/http/api-route';
import { sseResponse } from '@/lib/http/sse';
import {
  assertSomeRole,
  overviewDeltaFor,
  releaseChangeFor,
  viewScope,
  type TPolicyUser,
} from '@/lib/policy';

export const dynamic = 'force-dynamic';

const KEEPALIVE_MS = 15_000;

// Every stream that sees everything gets the same delta: its text is made once.
const deltaText = new WeakMap<TOverviewDelta, string>();
function cellsEvent(delta: TOverviewDelta): string {
  let text = deltaText.get(delta);
  if (text === undefined) {
    text = `event: cells\ndata: ${JSON.stringify(delta)}\n\n`;
    deltaText.set(delta, text);
  }
  return text;
}

/** The `cells` event text of each delta, cut to what `user` may view. */
async function cellsEventsFor(user: TPolicyUser): Promise<(delta: TOverviewDelta) => string> {
  if (viewScope(user) === 'all') return cellsEvent;
  // Deltas index the full overview's columns; the cut renumbers them.
  const { columns } = await getOverviewMatrix();
  return (delta) =>
    `event: cells\ndata: ${JSON.stringify(overviewDeltaFor(user, columns, delta))}\n\n`;
}

export function GET(request: Request): Promise<Response> {
  return apiRoute(request, 'events', async (principal) => {
    assertSomeRole(principal);
    const cellsText = await cellsEventsFor(principal);
    const environments = releaseViewConfig().environments;
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
        const unsubscribeCells = subscribeOverviewDeltas((delta) => send(cellsText(delta)));
        const unsubscribeChanges = subscribeReleaseChanges((change) => {
          const mine = releaseChangeFor(principal, environments, change);
          if (mine) send(`event: change\ndata: ${JSON.stringify(mine)}\n\n`);
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
