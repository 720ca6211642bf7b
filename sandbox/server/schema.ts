// The little schema knowledge merges need: which lists merge by key (and
// by which key), which are sets, which are atomic. Strategic merge patch
// and server-side apply share it; custom resources have none (atomic lists).

export type TListKind = { type: 'map'; keys: string[] } | { type: 'set' } | { type: 'atomic' };

const CONTAINER_LISTS = new Set(['containers', 'initContainers', 'ephemeralContainers']);
const BY_NAME = new Set([
  ...CONTAINER_LISTS,
  'env',
  'volumes',
  'imagePullSecrets',
  'resourceClaims',
  'schedulingGates',
]);

/**
 * How the list at `path` (field names from the object root, list items
 * skipped) merges. `ssa` asks for server-side apply's keys, which add
 * `protocol` to port lists where strategic merge uses one key.
 */
export function listKind(
  kind: string,
  path: readonly string[],
  custom: boolean,
  ssa = false,
): TListKind {
  if (custom) {
    if (path.length === 2 && path[0] === 'metadata' && path[1] === 'finalizers')
      return { type: 'set' };
    if (path.length === 2 && path[0] === 'metadata' && path[1] === 'ownerReferences')
      return { type: 'map', keys: ['uid'] };
    return { type: 'atomic' };
  }
  const field = path[path.length - 1] ?? '';
  const parent = path[path.length - 2] ?? '';
  if (path[0] === 'metadata') {
    if (field === 'finalizers' && path.length === 2) return { type: 'set' };
    if (field === 'ownerReferences' && path.length === 2) return { type: 'map', keys: ['uid'] };
  }
  if (BY_NAME.has(field)) return { type: 'map', keys: ['name'] };
  if (field === 'webhooks' && path.length === 1 && kind.endsWith('WebhookConfiguration'))
    return { type: 'map', keys: ['name'] };
  if (field === 'volumeMounts') return { type: 'map', keys: ['mountPath'] };
  if (field === 'volumeDevices') return { type: 'map', keys: ['devicePath'] };
  if (field === 'hostAliases') return { type: 'map', keys: ['ip'] };
  if (field === 'conditions') return { type: 'map', keys: ['type'] };
  if (field === 'topologySpreadConstraints')
    return { type: 'map', keys: ssa ? ['topologyKey', 'whenUnsatisfiable'] : ['topologyKey'] };
  if (field === 'ports') {
    if (CONTAINER_LISTS.has(parent))
      return { type: 'map', keys: ssa ? ['containerPort', 'protocol'] : ['containerPort'] };
    if (kind === 'Service' && path.length === 2 && path[0] === 'spec')
      return { type: 'map', keys: ssa ? ['port', 'protocol'] : ['port'] };
  }
  return { type: 'atomic' };
}

/** Key fields with the server defaults SSA keys assume (ports default to TCP). */
export function keyOf(item: unknown, keys: string[]): Record<string, unknown> | undefined {
  if (!item || typeof item !== 'object' || Array.isArray(item)) return undefined;
  const rec = item as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    const v = rec[k] ?? (k === 'protocol' ? 'TCP' : undefined);
    if (v === undefined) return undefined;
    out[k] = v;
  }
  return out;
}

export function sameKey(item: unknown, key: Record<string, unknown>): boolean {
  const k = keyOf(item, Object.keys(key));
  if (!k) return false;
  return Object.entries(key).every(([name, value]) => k[name] === value);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
