// Raw LIST (paged) and WATCH of one collection through a context's
// KubeConfig: objects stay plain API JSON, because the typed clients'
// model conversion costs more than the rest of a 1,000-object LIST.
import { Watch } from '@kubernetes/client-node';
import { request, type RequestOptions } from 'node:https';
import type { TClusterClients } from './clients';
import { describeKubeError } from './request-options';

/** An object as the API returns it. */
export type TRawObject = {
  kind?: string;
  apiVersion?: string;
  metadata?: {
    name?: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    creationTimestamp?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [k: string]: unknown;
  };
  [k: string]: unknown;
};

export type TRawWatchEvent = {
  type: string;
  object: TRawObject & { code?: number; message?: string };
};

/** A non-2xx answer of the API server; `statusCode` 410 means the resourceVersion is too old. */
export class KubeHttpError extends Error {
  /** Same as statusCode, where describeKubeError and ReleaseCache look for it. */
  readonly code: number;
  constructor(
    readonly statusCode: number,
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = 'KubeHttpError';
    this.code = statusCode;
  }
}

/** A failure safe to show (no URLs or bodies), keeping the HTTP status for 410 handling. */
export function safeKubeError(err: unknown, timeoutMs?: number): Error {
  const status = (err as { statusCode?: unknown; code?: unknown } | null) ?? {};
  const code =
    typeof status.statusCode === 'number'
      ? status.statusCode
      : typeof status.code === 'number'
        ? status.code
        : 0;
  const e = new KubeHttpError(code, '', describeKubeError(code ? { code } : err, timeoutMs));
  return e;
}

/** GET of a JSON document with a hard timeout; rejects with KubeHttpError or a network error. */
export async function getJson<T>(
  clients: TClusterClients,
  path: string,
  opts: { timeoutMs: number; accept?: string },
): Promise<T> {
  const url = new URL(clients.server + path);
  const options: RequestOptions = {
    method: 'GET',
    headers: { Accept: opts.accept ?? 'application/json' },
  };
  await clients.kubeConfig.applyToHTTPSOptions(options);
  const signal = AbortSignal.timeout(opts.timeoutMs);
  return new Promise<T>((resolve, reject) => {
    const req = request(url, { ...options, signal }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const code = res.statusCode ?? 0;
        if (code >= 200 && code < 300) {
          try {
            resolve(JSON.parse(text) as T);
          } catch {
            reject(new KubeHttpError(code, 'BadJson', `unreadable answer from ${url.pathname}`));
          }
          return;
        }
        let status: { reason?: string; message?: string } = {};
        try {
          status = JSON.parse(text) as typeof status;
        } catch {
          // Not a Status document; the code alone says enough.
        }
        reject(new KubeHttpError(code, status.reason ?? '', status.message ?? `HTTP ${code}`));
      });
    });
    req.on('error', reject);
    req.end();
  });
}

const PAGE = 500;

export type TListOptions = {
  /** Accept header, e.g. to ask for PartialObjectMetadataList. */
  accept?: string;
  /** Applied to each item as its page arrives, so a large LIST is never held whole. */
  map?: (item: TRawObject) => TRawObject;
};

/** Every object of a collection (paged with limit/continue), the list's resourceVersion and kind. */
export async function listAll(
  clients: TClusterClients,
  path: string,
  query: Record<string, string>,
  timeoutMs: number,
  opts: TListOptions = {},
): Promise<{ items: TRawObject[]; resourceVersion: string; kind: string }> {
  const items: TRawObject[] = [];
  let cont = '';
  let resourceVersion = '';
  let kind = '';
  const deadline = Date.now() + timeoutMs;
  do {
    const q = new URLSearchParams({ ...query, limit: String(PAGE) });
    if (cont) q.set('continue', cont);
    const page = await getJson<{
      kind?: string;
      items?: TRawObject[];
      metadata?: { resourceVersion?: string; continue?: string };
    }>(clients, `${path}?${q}`, {
      timeoutMs: Math.max(1, deadline - Date.now()),
      accept: opts.accept,
    });
    for (const item of page.items ?? []) items.push(opts.map ? opts.map(item) : item);
    resourceVersion = page.metadata?.resourceVersion ?? resourceVersion;
    kind ||= page.kind ?? '';
    cont = page.metadata?.continue ?? '';
  } while (cont);
  return { items, resourceVersion, kind };
}

/**
 * Watches a collection after `resourceVersion`. `onDone(null)` when the
 * stream ended normally, `onDone(err)` on failure (statusCode 410: relist).
 * Returns the stop function.
 */
export async function watchCollection(
  clients: TClusterClients,
  path: string,
  query: Record<string, string>,
  onEvent: (e: TRawWatchEvent) => void,
  onDone: (err: unknown) => void,
): Promise<() => void> {
  let stopped = false;
  const watch = new Watch(clients.kubeConfig);
  const controller = await watch.watch(
    path,
    // Servers end a watch after timeoutSeconds; the caller resumes from its resourceVersion.
    { allowWatchBookmarks: true, timeoutSeconds: 300, ...query },
    (type: string, object: TRawWatchEvent['object']) => {
      if (!stopped) onEvent({ type, object });
    },
    (err: unknown) => {
      if (!stopped) onDone(err ?? null);
      stopped = true;
    },
  );
  return () => {
    stopped = true;
    controller.abort();
  };
}
