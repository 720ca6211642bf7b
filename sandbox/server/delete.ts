// DELETE of one object and of a collection. Background propagation is the
// garbage collector's (controllers/); Orphan strips the dependents' owner
// references here first; Foreground marks the object with the
// `foregroundDeletion` finalizer the collector finishes.
import type { KObject } from '../store';
import type { TCluster, TTarget } from './context';
import { getCurrent, mapStoreError } from './objects';
import type { TMatcher } from './selectors';
import { errors } from './status';

export interface TDeleteOptions {
  propagationPolicy?: string;
  orphanDependents?: boolean;
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: string[];
  gracePeriodSeconds?: number;
}

const POLICIES = new Set(['Orphan', 'Background', 'Foreground']);

export function readDeleteOptions(
  body: Record<string, unknown> | undefined,
  query: URLSearchParams,
): TDeleteOptions {
  const opts = { ...(body ?? {}) } as TDeleteOptions;
  const policy = query.get('propagationPolicy');
  if (policy) opts.propagationPolicy = policy;
  if (query.get('orphanDependents') !== null)
    opts.orphanDependents = query.get('orphanDependents') === 'true';
  if (opts.propagationPolicy && !POLICIES.has(opts.propagationPolicy)) {
    throw errors.invalid({ kind: 'DeleteOptions', group: '' }, '', [
      {
        field: 'propagationPolicy',
        message: `Unsupported value: "${opts.propagationPolicy}": supported values: "Foreground", "Background", "Orphan", "nil"`,
        reason: 'FieldValueNotSupported',
      },
    ]);
  }
  return opts;
}

function stripOwner(cluster: TCluster, uid: string): void {
  const { store } = cluster;
  for (const resource of store.resources()) {
    for (const obj of store.list(resource)) {
      const refs = obj.metadata.ownerReferences;
      if (!refs?.some((r) => r.uid === uid)) continue;
      const rest = refs.filter((r) => r.uid !== uid);
      const next = structuredClone(obj);
      if (rest.length) next.metadata.ownerReferences = rest;
      else delete next.metadata.ownerReferences;
      store.update(resource, next);
    }
  }
}

function markDeleting(
  cluster: TCluster,
  target: TTarget,
  current: KObject,
  extraFinalizer?: string,
): KObject {
  const next = structuredClone(current);
  next.metadata.deletionTimestamp ??= new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  next.metadata.deletionGracePeriodSeconds ??= 0;
  if (extraFinalizer && !next.metadata.finalizers?.includes(extraFinalizer))
    next.metadata.finalizers = [...(next.metadata.finalizers ?? []), extraFinalizer];
  return cluster.store.update(target.key, next);
}

export function deleteOne(
  cluster: TCluster,
  target: TTarget,
  current: KObject,
  opts: TDeleteOptions,
): KObject {
  const name = current.metadata.name;
  const pre = opts.preconditions;
  if (pre?.uid && pre.uid !== current.metadata.uid) {
    throw errors.conflict(
      target.info,
      name,
      `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${current.metadata.uid}`,
    );
  }
  if (pre?.resourceVersion && pre.resourceVersion !== current.metadata.resourceVersion) {
    throw errors.conflict(
      target.info,
      name,
      `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${current.metadata.resourceVersion}`,
    );
  }
  if (opts.dryRun?.length) return current;
  const policy = opts.propagationPolicy ?? (opts.orphanDependents ? 'Orphan' : 'Background');
  try {
    if (target.key === 'namespaces') return markDeleting(cluster, target, current);
    if (current.metadata.finalizers?.length) return markDeleting(cluster, target, current);
    if (policy === 'Foreground')
      return markDeleting(cluster, target, current, 'foregroundDeletion');
    if (policy === 'Orphan' && current.metadata.uid) stripOwner(cluster, current.metadata.uid);
    return cluster.store.delete(target.key, current.metadata.namespace, name);
  } catch (e) {
    return mapStoreError(e, target, name);
  }
}

export function deleteByName(cluster: TCluster, target: TTarget, opts: TDeleteOptions): KObject {
  return deleteOne(cluster, target, getCurrent(cluster, target), opts);
}

export function deleteCollection(
  cluster: TCluster,
  target: TTarget,
  opts: TDeleteOptions,
  matchers: TMatcher[],
): KObject[] {
  const items = cluster.store
    .list(target.key, target.info.namespaced ? target.namespace : undefined)
    .filter((o) => matchers.every((m) => m(o)));
  return items.map((obj) => deleteOne(cluster, target, obj, opts));
}
