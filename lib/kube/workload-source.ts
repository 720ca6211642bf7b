// The objects release health and the release page need, for one
// namespace of one cluster, held in memory by LIST+WATCH per kind:
// Deployments, StatefulSets, DaemonSets, Pods, Services, Ingresses,
// Events and ResourceQuotas. Events older than what is held are dropped;
// a 410 Gone triggers a fresh LIST of that kind only.
import type { TClusterClients } from './clients';
import { listAll, watchCollection, type TRawObject, type TRawWatchEvent } from './list-watch';
import { describeKubeError } from './request-options';

const KINDS = {
  deployments: '/apis/apps/v1',
  statefulSets: '/apis/apps/v1',
  daemonSets: '/apis/apps/v1',
  pods: '/api/v1',
  services: '/api/v1',
  ingresses: '/apis/networking.k8s.io/v1',
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

function rvNewer(incoming: string | undefined, held: string | undefined): boolean {
  if (!incoming || !held || !/^\d+$/.test(incoming) || !/^\d+$/.test(held)) return true;
  return BigInt(incoming) > BigInt(held);
}

const keyOf = (o: TRawObject) => `${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`;

/** One kind's collection in one namespace, kept by LIST+WATCH with retries. */
class WatchedCollection {
  readonly objects = new Map<string, TRawObject>();
  state: TWorkloadState = { phase: 'idle', error: null, lastGoodAt: null };
  private rv = '';
  private session = 0;
  private stopWatch: (() => void) | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly clients: TClusterClients,
    private readonly path: string,
    private readonly opts: { listTimeoutMs: number; retryDelayMs: number },
    private readonly changed: () => void,
  ) {}

  async start(): Promise<void> {
    if (this.state.phase !== 'idle' && this.state.phase !== 'stopped') return;
    await this.relist();
  }

  stop(): void {
    this.session++;
    this.stopWatch?.();
    this.stopWatch = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.state = { ...this.state, phase: 'stopped' };
  }

  private async relist(): Promise<void> {
    const session = ++this.session;
    this.stopWatch?.();
    this.stopWatch = null;
    this.state = { ...this.state, phase: 'syncing' };
    try {
      const listed = await listAll(this.clients, this.path, {}, this.opts.listTimeoutMs);
      if (session !== this.session) return;
      this.objects.clear();
      for (const o of listed.items) this.objects.set(keyOf(o), o);
      this.rv = listed.resourceVersion;
      this.state = { phase: 'ready', error: null, lastGoodAt: new Date() };
      this.changed();
    } catch (err) {
      if (session === this.session) this.fail(err, 'relist');
      return;
    }
    await this.watch(session);
  }

  private async watch(session: number): Promise<void> {
    const onDone = (err: unknown) => {
      if (session !== this.session) return;
      const code = (err as { statusCode?: number } | null)?.statusCode;
      if (code === 410) void this.relist();
      else if (err) this.fail(err, 'rewatch');
      else this.retry('rewatch', 0);
    };
    try {
      const stop = await watchCollection(
        this.clients,
        this.path,
        { resourceVersion: this.rv },
        (e) => this.onEvent(session, e),
        onDone,
      );
      if (session === this.session) this.stopWatch = stop;
      else stop();
    } catch (err) {
      onDone(err);
    }
  }

  private onEvent(session: number, e: TRawWatchEvent): void {
    if (session !== this.session) return;
    if (e.type === 'ERROR') {
      if (e.object.code === 410) void this.relist();
      else this.fail(new Error(e.object.message ?? 'watch error'), 'rewatch');
      return;
    }
    const rv = e.object.metadata?.resourceVersion;
    if (e.type === 'ADDED' || e.type === 'MODIFIED' || e.type === 'DELETED') {
      const key = keyOf(e.object);
      const held = this.objects.get(key);
      if (!held || rvNewer(rv, held.metadata?.resourceVersion)) {
        if (e.type === 'DELETED') this.objects.delete(key);
        else this.objects.set(key, e.object);
        this.changed();
      }
    }
    if (rv && rvNewer(rv, this.rv)) this.rv = rv;
  }

  private fail(err: unknown, then: 'relist' | 'rewatch'): void {
    const lastGoodAt = this.state.phase === 'ready' ? new Date() : this.state.lastGoodAt;
    this.state = {
      phase: 'error',
      error: describeKubeError(err, this.opts.listTimeoutMs),
      lastGoodAt,
    };
    this.changed();
    this.retry(then, this.opts.retryDelayMs);
  }

  private retry(then: 'relist' | 'rewatch', delayMs: number): void {
    const session = ++this.session;
    this.stopWatch?.();
    this.stopWatch = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      if (session !== this.session) return;
      if (then === 'relist' || this.state.phase === 'error') void this.relist();
      else void this.watch(session);
    }, delayMs);
    this.timer.unref?.();
  }
}

export type TWorkloadSourceOptions = { listTimeoutMs?: number; retryDelayMs?: number };

/** Every kind of TWorkloadKind in one namespace of one cluster, with a change counter. */
export class WorkloadSource {
  private readonly collections: Record<TWorkloadKind, WatchedCollection>;
  private readonly listeners = new Set<() => void>();
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
        () => this.onChange(),
      );
    this.collections = Object.fromEntries(
      Object.keys(KINDS).map((k) => [k, make(k as TWorkloadKind)]),
    ) as Record<TWorkloadKind, WatchedCollection>;
  }

  /** Lists every kind, then watches; resolves once each first LIST succeeded or failed. */
  async start(): Promise<void> {
    await Promise.all(Object.values(this.collections).map((c) => c.start()));
  }

  stop(): void {
    for (const c of Object.values(this.collections)) c.stop();
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

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private onChange(): void {
    this.changes++;
    for (const l of this.listeners) l();
  }
}
