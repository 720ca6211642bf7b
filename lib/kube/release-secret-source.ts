// helm's release Secrets of one cluster as a TReleaseSecretSource: LIST,
// WATCH and GET through the context's credentials, scoped to one namespace
// when the cluster serves a single environment (least privilege), else
// cluster-wide.
//
// The LIST asks for metadata only (PartialObjectMetadataList): labels say
// which releases and revisions exist. The payload (chart version, app
// version, image) is needed for current revisions only, so a second LIST
// fetches whole objects of the revisions helm has not superseded. A server
// that ignores the metadata media type answers with whole objects: the
// payloads of superseded revisions are then dropped page by page. Either
// way no superseded payload is kept; one is fetched (GET) when a page asks.
import type { TReleaseSecretSource } from '@/lib/releases/release-cache';
import type { TKubeSecret } from '@/lib/releases/release-secret';
import type { TClusterClients } from './clients';
import { getJson, listAll, safeKubeError, watchCollection, type TRawObject } from './list-watch';

export type TReleaseSecretSourceOptions = {
  /** One namespace, or undefined for all namespaces. */
  namespace?: string;
  /** Budget for a whole (paged) LIST. */
  listTimeoutMs?: number;
};

const METADATA_ACCEPT =
  'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json';

function secretsPath(namespace: string | undefined): string {
  return namespace
    ? `/api/v1/namespaces/${encodeURIComponent(namespace)}/secrets`
    : '/api/v1/secrets';
}

const keyOf = (o: TRawObject) => `${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`;

/** Superseded revisions keep their labels only; everything else stays whole. */
function withoutSupersededPayload(o: TRawObject): TRawObject {
  if (o.metadata?.labels?.status !== 'superseded' || !('data' in o)) return o;
  const { data: _data, ...rest } = o;
  return rest;
}

/** Adapts one cluster's Secrets API to what ReleaseCache needs. */
export function createReleaseSecretSource(
  clients: TClusterClients,
  opts: TReleaseSecretSourceOptions = {},
): TReleaseSecretSource {
  const path = secretsPath(opts.namespace);
  const listTimeoutMs = opts.listTimeoutMs ?? 30_000;
  const list = async (labelSelector: string) => {
    const meta = await listAll(clients, path, { labelSelector }, listTimeoutMs, {
      accept: METADATA_ACCEPT,
      map: withoutSupersededPayload,
    });
    if (meta.kind !== 'PartialObjectMetadataList') return meta;
    // Newer than the metadata LIST; the watch starts from the older one and drops what is not newer.
    const current = await listAll(
      clients,
      path,
      { labelSelector: `${labelSelector},status!=superseded` },
      listTimeoutMs,
    );
    const byKey = new Map(meta.items.map((o) => [keyOf(o), o]));
    for (const o of current.items) byKey.set(keyOf(o), o);
    return { items: [...byKey.values()], resourceVersion: meta.resourceVersion };
  };
  return {
    async list(labelSelector) {
      try {
        const listed = await list(labelSelector);
        return { items: listed.items as TKubeSecret[], resourceVersion: listed.resourceVersion };
      } catch (err) {
        throw safeKubeError(err, listTimeoutMs);
      }
    },
    watch(labelSelector, resourceVersion, onEvent, onError) {
      return watchCollection(
        clients,
        path,
        { labelSelector, resourceVersion },
        (e) =>
          onEvent({
            type: e.type,
            object: e.object as TKubeSecret & { code?: number; message?: string },
          }),
        (err) => onError(err ? safeKubeError(err) : null),
      );
    },
    async get(namespace, name) {
      const url = `${secretsPath(namespace)}/${encodeURIComponent(name)}`;
      try {
        return await getJson<TKubeSecret>(clients, url, { timeoutMs: listTimeoutMs });
      } catch (err) {
        throw safeKubeError(err, listTimeoutMs);
      }
    },
  };
}
