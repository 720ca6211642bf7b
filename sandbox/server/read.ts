// GET of one object and LIST with selectors, limit/continue and Table output.
import type { KObject } from '../store';
import { apiVersionOf } from '../resources';
import type { TCluster, TTarget } from './context';
import { getCurrent } from './objects';
import type { TMatcher } from './selectors';
import { errors } from './status';
import { toMetadata, toMetadataList } from './metadata';
import { toTable } from './table';
import { present } from './watch';

interface TContinue {
  rv: number;
  after: string;
}

function encodeContinue(token: TContinue): string {
  return Buffer.from(
    JSON.stringify({ v: 'meta.k8s.io/v1', rv: token.rv, start: token.after }),
  ).toString('base64url');
}

function decodeContinue(text: string): TContinue {
  try {
    const parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as {
      rv?: number;
      start?: string;
    };
    if (typeof parsed.rv !== 'number' || typeof parsed.start !== 'string')
      throw new Error('bad token');
    return { rv: parsed.rv, after: parsed.start };
  } catch {
    throw errors.badRequest(
      'continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)',
    );
  }
}

const sortKey = (o: KObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;

export function getOne(
  cluster: TCluster,
  target: TTarget,
  table: boolean,
  includeObject: string | null,
  metadataOnly = false,
): unknown {
  const obj = present(target, getCurrent(cluster, target));
  if (metadataOnly) return toMetadata(obj);
  return table
    ? toTable(target.info, [obj], { resourceVersion: obj.metadata.resourceVersion }, includeObject)
    : obj;
}

export function listObjects(
  cluster: TCluster,
  target: TTarget,
  query: URLSearchParams,
  matchers: TMatcher[],
  table: boolean,
  metadataOnly = false,
): unknown {
  const { store } = cluster;
  const namespace = target.info.namespaced ? target.namespace : undefined;
  // Read-only views: nothing below modifies them, and copying 1,000 objects per LIST would dominate.
  let items = store.listReadonly(
    target.key,
    namespace,
    matchers.length ? (o) => matchers.every((m) => m(o)) : undefined,
  ) as KObject[];
  const cont = query.get('continue');
  let listRv = store.resourceVersion;
  if (cont) {
    const token = decodeContinue(cont);
    items = items.filter((o) => sortKey(o) > token.after);
    listRv = token.rv;
  }
  const limit = Number(query.get('limit') ?? 0);
  const metadata: Record<string, unknown> = { resourceVersion: String(listRv) };
  if (limit > 0 && items.length > limit) {
    const rest = items.length - limit;
    items = items.slice(0, limit);
    metadata.continue = encodeContinue({ rv: listRv, after: sortKey(items[items.length - 1]!) });
    metadata.remainingItemCount = rest;
  }
  // Metadata only: the bodies (a release Secret's payload) are never serialised.
  if (metadataOnly) return toMetadataList(items, metadata);
  items = items.map((o) => present(target, o));
  if (table) return toTable(target.info, items, metadata, query.get('includeObject'));
  return {
    kind: `${target.info.kind}List`,
    apiVersion: apiVersionOf(target.info),
    metadata,
    items,
  };
}
