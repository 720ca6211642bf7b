// helm's release Secrets of one cluster as a TReleaseSecretSource: LIST and
// WATCH through the context's credentials, scoped to one namespace when the
// cluster serves a single environment (least privilege), else cluster-wide.
//
// Full objects, not metadata-only: the overview needs chart version, app
// version and image tag, which only `data.release` holds (helm's labels
// carry name, status, version and modifiedAt only).
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

function secretsPath(namespace: string | undefined): string {
  return namespace
    ? `/api/v1/namespaces/${encodeURIComponent(namespace)}/secrets`
    : '/api/v1/secrets';
}

/** Adapts one cluster's Secrets API to what ReleaseCache needs. */
export function createReleaseSecretSource(
  clients: TClusterClients,
  opts: TReleaseSecretSourceOptions = {},
): TReleaseSecretSource {
  const path = secretsPath(opts.namespace);
  const listTimeoutMs = opts.listTimeoutMs ?? 30_000;
  return {
    async list(labelSelector) {
      let listed: Awaited<ReturnType<typeof listAll>>;
      try {
        listed = await listAll(clients, path, { labelSelector }, listTimeoutMs);
      } catch (err) {
        throw safeKubeError(err, listTimeoutMs);
      }
      return { items: listed.items as TKubeSecret[], resourceVersion: listed.resourceVersion };
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
  };
}

const METADATA_ACCEPT =
  'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json';

/**
 * Metadata-only LIST of the release Secrets (names and labels, no payload),
 * or null when the server ignores the PartialObjectMetadataList media type
 * and answers with full objects (the sandbox does).
 */
export async function listReleaseSecretMetadata(
  clients: TClusterClients,
  opts: { namespace?: string; timeoutMs?: number } = {},
): Promise<{ items: TRawObject[]; resourceVersion: string } | null> {
  const q = new URLSearchParams({ labelSelector: 'owner=helm' });
  const list = await getJson<{
    kind?: string;
    items?: TRawObject[];
    metadata?: { resourceVersion?: string };
  }>(clients, `${secretsPath(opts.namespace)}?${q}`, {
    timeoutMs: opts.timeoutMs ?? 10_000,
    accept: METADATA_ACCEPT,
  });
  if (list.kind !== 'PartialObjectMetadataList') return null;
  return { items: list.items ?? [], resourceVersion: list.metadata?.resourceVersion ?? '' };
}
