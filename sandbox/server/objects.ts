// The write pipeline every mutating verb goes through: name and namespace
// rules, status/spec separation, defaults, validation, managedFields,
// optimistic concurrency, finalizers, dry-run.
import { randomBytes } from 'node:crypto';
import { StoreError, type KObject } from '../store';
import { apiVersionOf } from '../resources';
import type { TCluster, TTarget, TWriteOptions } from './context';
import { applyDefaults, crdStatus, onCreate } from './defaults';
import { trackUpdate, type TManagedEntry } from './managed-fields';
import { CRD_KEY } from './registry';
import { errors } from './status';
import { checkTypeMeta, validateObject } from './validate';

const SERVER_META = [
  'uid',
  'resourceVersion',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'generation',
  'selfLink',
];

export function mapStoreError(err: unknown, target: TTarget, name: string): never {
  if (err instanceof StoreError) {
    if (err.reason === 'NotFound') throw errors.notFound(target.info, name);
    if (err.reason === 'AlreadyExists') throw errors.alreadyExists(target.info, name);
    if (err.reason === 'Conflict') throw errors.conflict(target.info, name);
    if (err.reason === 'Gone') throw errors.gone(err.message);
  }
  throw err;
}

function generateName(prefix: string): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  const bytes = randomBytes(5);
  return prefix + [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
}

/** 404 when the namespace is missing, 403 while it is being deleted. */
export function checkNamespace(cluster: TCluster, target: TTarget, name: string): void {
  if (!target.info.namespaced || !target.namespace) return;
  const ns = cluster.store.get('namespaces', undefined, target.namespace);
  if (!ns) throw errors.notFound({ plural: 'namespaces', group: '' }, target.namespace);
  if (ns.metadata.deletionTimestamp) {
    throw errors.forbidden(
      `${target.info.plural}${target.info.group ? `.${target.info.group}` : ''} "${name}" is forbidden: unable to create new content in namespace ${target.namespace} because it is being terminated`,
      target.info,
      name,
    );
  }
}

function shapeOf(target: TTarget) {
  return { kind: target.info.kind, custom: Boolean(target.info.custom) };
}

function hasStatusSubresource(target: TTarget): boolean {
  return Boolean(target.info.subresources?.includes('status'));
}

/** Fills apiVersion, kind, name and namespace from the URL and checks they agree with the body. */
export function placeObject(target: TTarget, obj: KObject, urlName?: string): KObject {
  checkTypeMeta(target.info, obj);
  obj.apiVersion = apiVersionOf(target.info);
  obj.kind = target.info.kind;
  if (urlName !== undefined) {
    if (obj.metadata.name && obj.metadata.name !== urlName) {
      throw errors.badRequest(
        `the name of the object (${obj.metadata.name}) does not match the name on the URL (${urlName})`,
      );
    }
    obj.metadata.name = urlName;
  }
  if (target.info.namespaced) {
    if (obj.metadata.namespace && obj.metadata.namespace !== target.namespace) {
      throw errors.badRequest(
        'the namespace of the provided object does not match the namespace sent on the request',
      );
    }
    obj.metadata.namespace = target.namespace;
  } else delete obj.metadata.namespace;
  return obj;
}

export function createObject(
  cluster: TCluster,
  target: TTarget,
  input: KObject,
  opts: TWriteOptions & { managedFields?: TManagedEntry[] },
): KObject {
  const obj = placeObject(target, input);
  if (!obj.metadata.name && obj.metadata.generateName)
    obj.metadata.name = generateName(obj.metadata.generateName);
  for (const k of SERVER_META) delete obj.metadata[k];
  if (hasStatusSubresource(target)) delete obj.status;
  checkNamespace(cluster, target, obj.metadata.name ?? '');
  applyDefaults(target.info, obj);
  validateObject(target.info, obj);
  onCreate(target.info, obj, cluster.store);
  if (target.key === CRD_KEY) crdStatus(obj);
  const managed =
    opts.managedFields ??
    trackUpdate(undefined, obj, opts.manager, obj.apiVersion, shapeOf(target));
  if (managed) obj.metadata.managedFields = managed;
  else delete obj.metadata.managedFields;
  if (opts.dryRun) {
    if (cluster.store.get(target.key, obj.metadata.namespace, obj.metadata.name))
      throw errors.alreadyExists(target.info, obj.metadata.name);
    return {
      ...obj,
      metadata: {
        ...obj.metadata,
        creationTimestamp: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      },
    };
  }
  try {
    return cluster.store.create(target.key, obj);
  } catch (e) {
    return mapStoreError(e, target, obj.metadata.name);
  }
}

/**
 * Replaces `current` by `next` (an update, a patch result or an apply
 * result). `managedFields` given means the caller computed them (apply).
 */
export function updateObject(
  cluster: TCluster,
  target: TTarget,
  current: KObject,
  input: KObject,
  opts: TWriteOptions & { managedFields?: TManagedEntry[] | null },
): KObject {
  let next = placeObject(target, input, current.metadata.name);
  const expected = input.metadata.resourceVersion;
  const sub = target.subresource;
  if (sub === 'status') {
    next = {
      ...structuredClone(current),
      status: next.status,
      metadata: { ...current.metadata, managedFields: next.metadata.managedFields },
    };
    if (next.status === undefined) delete next.status;
  } else if (hasStatusSubresource(target)) {
    if (current.status === undefined) delete next.status;
    else next.status = structuredClone(current.status);
  }
  for (const k of [
    'uid',
    'creationTimestamp',
    'deletionTimestamp',
    'deletionGracePeriodSeconds',
    'generation',
  ]) {
    if (current.metadata[k] === undefined) delete next.metadata[k];
    else next.metadata[k] = current.metadata[k];
  }
  if (sub !== 'status') {
    applyDefaults(target.info, next);
    validateObject(target.info, next);
    if (target.key === CRD_KEY) {
      next.status = current.status;
      crdStatus(next);
    }
  }
  const managed =
    opts.managedFields !== undefined
      ? opts.managedFields
      : trackUpdate(
          current,
          next,
          opts.manager,
          next.apiVersion,
          shapeOf(target),
          sub === 'status' ? 'status' : undefined,
        );
  if (managed) next.metadata.managedFields = managed;
  else delete next.metadata.managedFields;
  if (expected && expected !== current.metadata.resourceVersion)
    throw errors.conflict(target.info, current.metadata.name);
  next.metadata.resourceVersion = current.metadata.resourceVersion;
  if (opts.dryRun) return next;
  try {
    if (
      next.metadata.deletionTimestamp &&
      !next.metadata.finalizers?.length &&
      target.key !== 'namespaces'
    ) {
      return cluster.store.delete(target.key, current.metadata.namespace, current.metadata.name);
    }
    return cluster.store.update(target.key, next, current.metadata.resourceVersion);
  } catch (e) {
    return mapStoreError(e, target, current.metadata.name);
  }
}

export function getCurrent(cluster: TCluster, target: TTarget): KObject {
  const current = cluster.store.get(
    target.key,
    target.info.namespaced ? target.namespace : undefined,
    target.name!,
  );
  if (!current) throw errors.notFound(target.info, target.name!);
  return current;
}
