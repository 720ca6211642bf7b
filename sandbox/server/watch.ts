// Watch streams: one JSON event per line over a chunked 200 response,
// headers flushed at once (client-node's informer waits for them). Covers
// replay from a resourceVersion (ERROR 410 when too old), the watch-list
// form helm 4 uses (sendInitialEvents + the initial-events-end BOOKMARK),
// bookmarks and timeoutSeconds.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KObject, StoreEvent } from '../store';
import { StoreError } from '../store';
import { apiVersionOf } from '../resources';
import type { TCluster, TTarget } from './context';
import { queryFlag, wantsTable } from './http';
import type { TMatcher } from './selectors';
import { errors } from './status';
import { toTable } from './table';

const DEFAULT_TIMEOUT_S = 1800;
const BOOKMARK_EVERY_MS = 60_000;

export function checkWatchListParams(query: URLSearchParams, isWatch: boolean): void {
  if (query.get('sendInitialEvents') === null) return;
  const causes = [];
  if (!isWatch)
    causes.push({
      field: 'sendInitialEvents',
      message: 'Forbidden: sendInitialEvents is forbidden for list',
    });
  else {
    if (query.get('resourceVersionMatch') !== 'NotOlderThan') {
      causes.push({
        field: 'resourceVersionMatch',
        message:
          'Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan',
      });
    }
    if (!queryFlag(query.get('allowWatchBookmarks'))) {
      causes.push({
        field: 'allowWatchBookmarks',
        message: 'Forbidden: sendInitialEvents requires setting allowWatchBookmarks to true',
      });
    }
  }
  if (causes.length)
    throw errors.invalid({ kind: 'ListOptions', group: 'meta.k8s.io' }, '', causes);
}

/** The object as the requested version presents it (custom resources may be served in several versions). */
export function present(target: TTarget, obj: KObject): KObject {
  const apiVersion = apiVersionOf(target.info);
  return obj.apiVersion === apiVersion ? obj : { ...obj, apiVersion };
}

export function serveWatch(
  cluster: TCluster,
  target: TTarget,
  req: IncomingMessage,
  res: ServerResponse,
  query: URLSearchParams,
  matchers: TMatcher[],
): void {
  const { store } = cluster;
  const namespace = target.info.namespaced ? target.namespace : undefined;
  const matches = (obj: KObject) =>
    (namespace === undefined || obj.metadata.namespace === namespace) &&
    (target.name === undefined || obj.metadata.name === target.name) &&
    matchers.every((m) => m(obj));
  const asTable = wantsTable(req.headers.accept);
  const includeObject = query.get('includeObject');
  const rv = query.get('resourceVersion') ?? '';
  const sendInitial = queryFlag(query.get('sendInitialEvents'));
  const bookmarks = queryFlag(query.get('allowWatchBookmarks'));
  const timeoutS = Number(query.get('timeoutSeconds') ?? DEFAULT_TIMEOUT_S) || DEFAULT_TIMEOUT_S;

  let replay: StoreEvent[] = [];
  let initial: KObject[] = [];
  let gone: string | undefined;
  if (sendInitial || rv === '' || rv === '0')
    initial = store.list(target.key, namespace).filter(matches);
  else {
    try {
      replay = store.eventsSince(target.key, Number(rv)).filter((e) => matches(e.object));
    } catch (e) {
      if (!(e instanceof StoreError && e.reason === 'Gone')) throw e;
      gone = e.message;
    }
  }
  const listRv = String(store.resourceVersion);

  res.writeHead(200, {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-cache, private',
    'Transfer-Encoding': 'chunked',
  });
  res.flushHeaders();
  req.socket.setNoDelay(true);

  const send = (type: string, object: unknown) => {
    if (!res.writableEnded) res.write(`${JSON.stringify({ type, object })}\n`);
  };
  const sendObject = (type: string, obj: KObject) => {
    const shown = present(target, obj);
    send(
      type,
      asTable
        ? toTable(
            target.info,
            [shown],
            { resourceVersion: obj.metadata.resourceVersion },
            includeObject,
          )
        : shown,
    );
  };
  const bookmark = (resourceVersion: string, initialEnd: boolean) =>
    send('BOOKMARK', {
      kind: target.info.kind,
      apiVersion: apiVersionOf(target.info),
      metadata: {
        resourceVersion,
        ...(initialEnd ? { annotations: { 'k8s.io/initial-events-end': 'true' } } : {}),
      },
    });

  if (gone) {
    send('ERROR', errors.gone(gone).toStatus());
    res.end();
    return;
  }

  const unsubscribe = store.subscribe((event) => {
    if (event.resource === target.key && matches(event.object))
      sendObject(event.type, event.object);
  });
  for (const obj of initial) sendObject('ADDED', obj);
  for (const event of replay) sendObject(event.type, event.object);
  if (sendInitial) bookmark(listRv, true);

  const timers: NodeJS.Timeout[] = [];
  const close = () => {
    unsubscribe();
    for (const t of timers) clearTimeout(t);
    cluster.closers.delete(close);
    if (!res.writableEnded) res.end();
  };
  timers.push(setTimeout(close, timeoutS * 1000));
  if (bookmarks)
    timers.push(
      setInterval(() => bookmark(String(store.resourceVersion), false), BOOKMARK_EVERY_MS),
    );
  cluster.closers.add(close);
  res.on('close', close);
  req.on('close', close);
}
