// meta.k8s.io/v1 PartialObjectMetadata(List): what a real API server answers
// to `Accept: application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1`,
// the objects' metadata without their bodies.
import type { KObject } from '../store';

/** Whether the first media type asked for is the metadata-only form. */
export function wantsMetadata(accept: string | undefined): boolean {
  const first = (accept ?? '').split(',')[0] ?? '';
  return /(^|;)\s*as=PartialObjectMetadata(List)?\b/.test(first) && /g=meta\.k8s\.io/.test(first);
}

export function toMetadata(obj: KObject): unknown {
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata };
}

export function toMetadataList(items: KObject[], metadata: Record<string, unknown>): unknown {
  return {
    kind: 'PartialObjectMetadataList',
    apiVersion: 'meta.k8s.io/v1',
    metadata,
    items: items.map(toMetadata),
  };
}
