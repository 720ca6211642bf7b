// The objects release health and the release page need, for one
// namespace of one cluster, held in memory by LIST+WATCH per kind:
// Deployments, StatefulSets, DaemonSets, Pods, Services, Ingresses,
// ConfigMaps (live drift), Events and ResourceQuotas, each kept by the
// generic informer (a 410 Gone relists that kind only).
import type { TClusterClients } from './clients';
import { Informer, MapStore } from './informer';
import { listAll, watchCollection, type TRawObject } from './list-watch';
import { describeKubeError } from './request-options';

const KINDS = {
  deployments: '/apis/apps/v1',
  statefulSets: '/apis/apps/v1',
  daemonSets: '/apis/apps/v1',
  pods: '/api/v1',
  services: '/api/v1',
  ingresses: '/apis/networking.k8s.io/v1',
  configMaps: '/api/v1',
  events: '/api/v1',
  resourceQuotas: '/api/v1',
} as const;

export type TWorkloadKind = keyof typeof KINDS;
export type TWorkloadSnapshot = Record<TWorkloadKind, TRawObject[]>;

export type TWorkloadState = {
  phase: 'idle' | 'syncing' | 'ready' | 'error' | 'stopped';
  error: string | null;
  lastGoodAt: Date | null;
};

const keyOf = (o: TRawObject) => `${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`;

/** A change of one kind: one object (as it is now, or as it was when deleted), or all of them. */
export type TWorkloadChange = { kind: TWorkloadKind; object: TRawObject | null };

/** A MapStore that remembers the object an event touched, deleted ones included. */
class TouchingStore extends MapStore<TRawObject> {
  touched: TRawObject | null = null;
  override set(key: string, object: TRawObject): boolean {
    this.touched = object;
    return super.set(key, object);
  }
  override remove(key: string): void {
    this.touched = this.objects.get(key) ?? null;
    super.remove(key);
  }
}

/** One kind's collection in one namespace. */
class WatchedCollection {
  readonly store = new TouchingStore(keyOf);
  readonly informer: Informer<TRawObject>;

  constructor(
    clients: TClusterClients,
    path: string,
    opts: { listTimeoutMs: number; retryDelayMs: number },
    changed: (object: TRawObject | null) => void,
  ) {
    this.informer = new Informer<TRawObject>(
      {
        list: () => listAll(clients, path, {}, opts.listTimeoutMs),
        watch: (resourceVersion, onEvent, onDone) =>
          watchCollection(clients, path, { resourceVersion }, onEvent, onDone),
      },
      this.store,
      {
        keyOf,
        retryDelayMs: opts.retryDelayMs,
        describeError: (err) => describeKubeError(err, opts.listTimeoutMs),
      },
    );
    this.informer.subscribe((c) => {
      if (c.kind === 'object') changed(this.store.touched);
      else changed(null);
    });
  }

  get objects(): Map<string, TRawObject> {
    return this.store.objects;
  }

  get state(): TWorkloadState {
    const { phase, error, lastGoodAt } = this.informer.state();
    return { phase, error, lastGoodAt };
  }
}

export type TWorkloadSourceOptions = { listTimeoutMs?: number; retryDelayMs?: number };

/** Every kind of TWorkloadKind in one namespace of one cluster, with a change counter. */
export class WorkloadSource {
  private readonly collections: Record<TWorkloadKind, WatchedCollection>;
  private readonly listeners = new Set<(change: TWorkloadChange) => void>();
  private changes = 0;
  private memo: { at: number; snapshot: TWorkloadSnapshot } | null = null;

  constructor(
    clients: TClusterClients,
    readonly namespace: string,
    opts: TWorkloadSourceOptions = {},
  ) {
    const o = {
      listTimeoutMs: opts.listTimeoutMs ?? 30_000,
      retryDelayMs: opts.retryDelayMs ?? 2000,
    };
    const ns = encodeURIComponent(namespace);
    const make = (kind: TWorkloadKind) =>
      new WatchedCollection(
        clients,
        `${KINDS[kind]}/namespaces/${ns}/${kind.toLowerCase()}`,
        o,
        (object) => this.onChange({ kind, object }),
      );
    this.collections = Object.fromEntries(
      Object.keys(KINDS).map((k) => [k, make(k as TWorkloadKind)]),
    ) as Record<TWorkloadKind, WatchedCollection>;
  }

  /** Lists every kind, then watches; resolves once each first LIST succeeded or failed. */
  async start(): Promise<void> {
    await Promise.all(Object.values(this.collections).map((c) => c.informer.start()));
  }

  stop(): void {
    for (const c of Object.values(this.collections)) c.informer.stop();
  }

  /** Increments on every change of any kind; lets callers memoize derived data. */
  version(): number {
    return this.changes;
  }

  /** All objects held, per kind; the same object while nothing changed. */
  snapshot(): TWorkloadSnapshot {
    if (this.memo?.at === this.changes) return this.memo.snapshot;
    const snapshot = Object.fromEntries(
      Object.entries(this.collections).map(([k, c]) => [k, [...c.objects.values()]]),
    ) as TWorkloadSnapshot;
    this.memo = { at: this.changes, snapshot };
    return snapshot;
  }

  /** One object of a kind by name, as held now; null when there is none. */
  get(kind: TWorkloadKind, name: string): TRawObject | null {
    return this.collections[kind].objects.get(`${this.namespace}/${name}`) ?? null;
  }

  /** The worst state of the kinds: an error in any one is an error of the source. */
  state(): TWorkloadState {
    const states = Object.values(this.collections).map((c) => c.state);
    const failing = states.find((s) => s.phase === 'error');
    const times = states.map((s) => s.lastGoodAt?.getTime() ?? 0);
    const oldest = Math.min(...times);
    const lastGoodAt = oldest > 0 ? new Date(oldest) : null;
    if (failing) return { phase: 'error', error: failing.error, lastGoodAt };
    if (states.every((s) => s.phase === 'ready'))
      return { phase: 'ready', error: null, lastGoodAt: new Date() };
    return {
      phase: states.some((s) => s.phase === 'syncing') ? 'syncing' : 'idle',
      error: null,
      lastGoodAt,
    };
  }

  subscribe(listener: (change: TWorkloadChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private onChange(change: TWorkloadChange): void {
    this.changes++;
    for (const l of this.listeners) l(change);
  }
}
