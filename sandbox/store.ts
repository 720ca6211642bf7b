// In-memory object store of one sandbox cluster: the etcd of the sandbox.
// It owns resourceVersion, uid, generation and timestamps, and keeps a
// bounded event log so watches can replay from a resourceVersion.
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';

export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
  managedFields?: unknown[];
  generateName?: string;
  [key: string]: unknown;
}

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface KObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [key: string]: unknown;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  type: WatchEventType;
  /** Resource key, `plural` for the core group, `plural.group` otherwise (e.g. `deployments.apps`). */
  resource: string;
  object: KObject;
  resourceVersion: number;
}

export type StoreListener = (event: StoreEvent) => void;

export class StoreError extends Error {
  constructor(
    readonly reason: 'NotFound' | 'AlreadyExists' | 'Conflict' | 'Gone',
    message: string,
  ) {
    super(message);
  }
}

const EVENT_LOG_SIZE = 20_000;

function clone<T>(value: T): T {
  return structuredClone(value);
}

function keyOf(namespace: string | undefined, name: string): string {
  return `${namespace ?? ''}/${name}`;
}

// Code-unit order: cheaper than localeCompare, and what continue tokens compare against.
function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Fields whose change means the desired state changed (so generation moves). */
function specOf(obj: KObject): unknown {
  const { metadata: _m, status: _s, apiVersion: _a, kind: _k, ...rest } = obj;
  return rest;
}

export class Store {
  private readonly objects = new Map<string, Map<string, KObject>>();
  private readonly log: StoreEvent[] = [];
  private readonly listeners = new Set<StoreListener>();
  private revision = 1;

  get resourceVersion(): number {
    return this.revision;
  }

  /** The oldest resourceVersion a watch may still replay from. */
  get oldestReplayable(): number {
    return this.log[0]?.resourceVersion ?? this.revision;
  }

  get(resource: string, namespace: string | undefined, name: string): KObject | undefined {
    const found = this.objects.get(resource)?.get(keyOf(namespace, name));
    return found && clone(found);
  }

  /**
   * Every object of a resource, in one namespace or all, ordered by namespace
   * and name, as copies. `filter` runs before anything is copied, so a caller
   * after a few objects of a large namespace copies only those.
   */
  list(
    resource: string,
    namespace?: string,
    filter?: (obj: Readonly<KObject>) => boolean,
  ): KObject[] {
    return this.listReadonly(resource, namespace, filter).map(clone);
  }

  /**
   * Like list, without copying: the stored objects themselves, filtered
   * before anything is copied. Callers must not modify them (the store
   * replaces objects on change, never edits them in place). For hot read paths.
   */
  listReadonly(
    resource: string,
    namespace?: string,
    filter?: (obj: Readonly<KObject>) => boolean,
  ): ReadonlyArray<Readonly<KObject>> {
    const out: Array<[string, KObject]> = [];
    for (const [key, o] of this.objects.get(resource) ?? []) {
      if ((namespace === undefined || o.metadata.namespace === namespace) && (!filter || filter(o)))
        out.push([key, o]);
    }
    return out.sort((a, b) => compareKeys(a[0], b[0])).map((entry) => entry[1]);
  }

  create(resource: string, input: KObject): KObject {
    const bucket = this.bucket(resource);
    const meta = input.metadata;
    const key = keyOf(meta.namespace, meta.name);
    if (bucket.has(key))
      throw new StoreError('AlreadyExists', `${resource} "${meta.name}" already exists`);
    const obj = clone(input);
    const rv = this.nextRevision();
    obj.metadata = {
      ...obj.metadata,
      uid: randomUUID(),
      resourceVersion: String(rv),
      creationTimestamp: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    };
    if ('spec' in obj) obj.metadata.generation = 1;
    bucket.set(key, obj);
    this.emit({ type: 'ADDED', resource, object: obj, resourceVersion: rv });
    return clone(obj);
  }

  /**
   * Replaces an object. A write that changes nothing is a no-op: no new
   * resourceVersion, no event (helm 4 re-applies unchanged objects).
   * When `expectedVersion` is given it must match (optimistic concurrency).
   */
  update(resource: string, input: KObject, expectedVersion?: string): KObject {
    const bucket = this.bucket(resource);
    const key = keyOf(input.metadata.namespace, input.metadata.name);
    const current = bucket.get(key);
    if (!current)
      throw new StoreError('NotFound', `${resource} "${input.metadata.name}" not found`);
    if (expectedVersion && expectedVersion !== current.metadata.resourceVersion) {
      throw new StoreError(
        'Conflict',
        `Operation cannot be fulfilled on ${resource} "${input.metadata.name}": the object has been modified; please apply your changes to the latest version and try again`,
      );
    }
    const next = clone(input);
    next.metadata = {
      ...next.metadata,
      uid: current.metadata.uid,
      creationTimestamp: current.metadata.creationTimestamp,
      resourceVersion: current.metadata.resourceVersion,
      generation: current.metadata.generation,
    };
    if (next.metadata.generation === undefined) delete next.metadata.generation;
    if (isDeepStrictEqual(next, current)) return clone(current);
    if ('spec' in next && !isDeepStrictEqual(specOf(next), specOf(current))) {
      next.metadata.generation = (current.metadata.generation ?? 0) + 1;
    }
    const rv = this.nextRevision();
    next.metadata.resourceVersion = String(rv);
    bucket.set(key, next);
    this.emit({ type: 'MODIFIED', resource, object: next, resourceVersion: rv });
    return clone(next);
  }

  delete(resource: string, namespace: string | undefined, name: string): KObject {
    const bucket = this.bucket(resource);
    const key = keyOf(namespace, name);
    const current = bucket.get(key);
    if (!current) throw new StoreError('NotFound', `${resource} "${name}" not found`);
    bucket.delete(key);
    const rv = this.nextRevision();
    const gone = { ...current, metadata: { ...current.metadata, resourceVersion: String(rv) } };
    this.emit({ type: 'DELETED', resource, object: gone, resourceVersion: rv });
    return clone(gone);
  }

  /** Events of a resource after `resourceVersion`; throws Gone when the log no longer reaches back that far. */
  eventsSince(resource: string, resourceVersion: number): StoreEvent[] {
    if (resourceVersion < this.oldestReplayable - 1) {
      throw new StoreError(
        'Gone',
        `too old resource version: ${resourceVersion} (${this.oldestReplayable})`,
      );
    }
    return this.log
      .filter((e) => e.resource === resource && e.resourceVersion > resourceVersion)
      .map(clone);
  }

  /** Called synchronously after every change of any resource. */
  subscribe(listener: StoreListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  resources(): string[] {
    return [...this.objects.keys()];
  }

  snapshot(): { resourceVersion: number; objects: Record<string, KObject[]> } {
    const objects: Record<string, KObject[]> = {};
    for (const [resource, bucket] of this.objects) objects[resource] = [...bucket.values()];
    return clone({ resourceVersion: this.revision, objects });
  }

  restore(data: { resourceVersion: number; objects: Record<string, KObject[]> }): void {
    this.objects.clear();
    this.log.length = 0;
    for (const [resource, items] of Object.entries(data.objects)) {
      const bucket = this.bucket(resource);
      for (const obj of items)
        bucket.set(keyOf(obj.metadata.namespace, obj.metadata.name), clone(obj));
    }
    this.revision = data.resourceVersion;
  }

  private bucket(resource: string): Map<string, KObject> {
    let bucket = this.objects.get(resource);
    if (!bucket) {
      bucket = new Map();
      this.objects.set(resource, bucket);
    }
    return bucket;
  }

  private nextRevision(): number {
    this.revision += 1;
    return this.revision;
  }

  private emit(event: StoreEvent): void {
    this.log.push(event);
    if (this.log.length > EVENT_LOG_SIZE) this.log.splice(0, this.log.length - EVENT_LOG_SIZE);
    for (const listener of this.listeners) listener(clone(event));
  }
}
