// Server-sent events of release changes: `cells` carries the overview cells
// that changed (open overviews patch themselves, no re-fetch); `change` names
// the clusters and releases that changed, so other open pages refetch just
// those. Each stream carries only the caller's environments, less the
// clusters that refuse them (asked again every ACCESS_TTL_MS, so a binding
// removed at the cluster closes the column on an open page too). Comments
// every 15 s keep proxies from closing an idle stream.
import {
  getOverviewMatrix,
  releaseViewConfig,
  subscribeOverviewDeltas,
  subscribeReleaseChanges,
  type TOverviewDelta,
} from '@/lib/release-view';
import { hiddenColumns } from '@/lib/auth/read-check';
import { apiRoute } from '@/lib/http/api-route';
import { sseResponse } from '@/lib/http/sse';
import { ACCESS_TTL_MS } from '@/lib/kube/access-check';
import { anyImpersonating } from '@/lib/kube/person-reads';
import {
  assertSomeRole,
  overviewDeltaFor,
  releaseChangeFor,
  viewScope,
  type THiddenColumns,
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

/**
 * The `cells` event text of each delta, cut to what `user` may view with
 * `hidden()` left out. Without impersonating clusters nothing is ever hidden,
 * so a viewer of everything shares the one text every such stream sends.
 */
async function cellsEventsFor(
  user: TPolicyUser,
  hidden: () => THiddenColumns,
  mayHide: boolean,
): Promise<(delta: TOverviewDelta) => string> {
  if (viewScope(user) === 'all' && !mayHide) return cellsEvent;
  // Deltas index the full overview's columns; the cut renumbers them.
  const { columns } = await getOverviewMatrix();
  return (delta) => {
    const cut = hidden();
    if (viewScope(user) === 'all' && cut.size === 0) return cellsEvent(delta);
    return `event: cells\ndata: ${JSON.stringify(overviewDeltaFor(user, columns, delta, cut))}\n\n`;
  };
}

export function GET(request: Request): Promise<Response> {
  return apiRoute(request, 'events', async (principal) => {
    assertSomeRole(principal);
    const mayHide = anyImpersonating();
    let hidden = await hiddenColumns(principal);
    const cellsText = await cellsEventsFor(principal, () => hidden, mayHide);
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
          const mine = releaseChangeFor(principal, environments, change, hidden);
          if (mine) send(`event: change\ndata: ${JSON.stringify(mine)}\n\n`);
        });
        const unsubscribe = () => {
          unsubscribeCells();
          unsubscribeChanges();
        };
        const keepalive = setInterval(() => send(': keepalive\n\n'), KEEPALIVE_MS);
        const recheckAccess = () =>
          hiddenColumns(principal).then(
            (now) => void (hidden = now),
            // The check failed: end the stream rather than guess; the client
            // reconnects, and the new request authorises afresh.
            () => {
              cleanup();
              controller.close();
            },
          );
        // Nothing can be hidden when no cluster impersonates: no need to ask again.
        const recheck = mayHide ? setInterval(recheckAccess, ACCESS_TTL_MS) : undefined;
        cleanup = () => {
          clearInterval(keepalive);
          clearInterval(recheck);
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
