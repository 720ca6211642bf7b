// Writes to a cluster that are not helm's: one PATCH of one object (a
// router Service's selector, an Ingress's backend or canary annotation).
// Merge and strategic-merge patches carry the object's identity in the body,
// so the generic object API finds the right URL for any kind.
import {
  PatchStrategy,
  type KubernetesObject,
  type KubernetesObjectApi,
} from '@kubernetes/client-node';
import type { TClusterClients } from './clients';

export type TObjectRef = { apiVersion: string; kind: string; name: string; namespace?: string };

export type TPatchOptions = {
  /** `merge` (RFC 7386, the default) or `strategic` (Kubernetes' list-aware merge). */
  type?: 'merge' | 'strategic';
  /** Refuse (409) unless the object is still at this resourceVersion. */
  ifResourceVersion?: string;
};

export type TKubeWriter = {
  read(ref: TObjectRef): Promise<KubernetesObject>;
  /** One PATCH; answers the object as the API server stored it. */
  patch(
    ref: TObjectRef,
    patch: Record<string, unknown>,
    options?: TPatchOptions,
  ): Promise<KubernetesObject>;
};

const FIELD_MANAGER = 'helmdeck';

function header(ref: TObjectRef) {
  return {
    apiVersion: ref.apiVersion,
    kind: ref.kind,
    metadata: { name: ref.name, ...(ref.namespace ? { namespace: ref.namespace } : {}) },
  };
}

/** The write client of one cluster. */
export function kubeWriter(clients: Pick<TClusterClients, 'objects'>): TKubeWriter {
  const objects: KubernetesObjectApi = clients.objects;
  return {
    read: (ref) => objects.read(header(ref)),
    patch(ref, patch, options = {}) {
      const base = header(ref);
      const metadata = {
        ...(patch.metadata as Record<string, unknown> | undefined),
        ...base.metadata,
        ...(options.ifResourceVersion ? { resourceVersion: options.ifResourceVersion } : {}),
      };
      const strategy =
        options.type === 'strategic' ? PatchStrategy.StrategicMergePatch : PatchStrategy.MergePatch;
      return objects.patch(
        { ...patch, ...base, metadata },
        undefined,
        undefined,
        FIELD_MANAGER,
        undefined,
        strategy,
      );
    },
  };
}
