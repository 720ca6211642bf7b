// The process-wide read model: one ClusterView per configured cluster,
// created and started on first use, kept on globalThis so Next's module
// reloading in development does not start a second set of watches.
import type { TStrategy } from '@/lib/config/strategy';
import type { TClusterClients } from '@/lib/kube/clients';
import { kubeClients, runtimeConfig } from '@/lib/runtime';
import { ClusterView, type TClusterStatus, type TTouched } from './cluster-view';
import { NotFoundError } from './errors';
import { DEFAULT_OPTIONS, type TReleaseViewOptions } from './options';
import type { TOriginResolver } from './origins';
import { OverviewModel } from './overview-model';
import { clusterUnreachable } from './unreachable';

/** The part of helmdeck.yaml the read model uses (THelmdeckConfig fits). */
export type TViewConfig = {
  environments: {
    name: string;
    namespace: string;
    /** `impersonate`: reads are first tried as the person (lib/kube/person-reads.ts). */
    clusters: { name: string; context: string; impersonate?: boolean }[];
  }[];
  releases: { name: string; promotion?: string[]; strategies?: readonly TStrategy[] }[];
};

export type TReleaseViewSetup = {
  config: TViewConfig;
  /** Clients of a kube context; defaults to the runtime's (lib/runtime). */
  clientsFor?: (context: string) => TClusterClients;
  options?: TReleaseViewOptions;
};

/** Which clusters changed, and the releases (`namespace/name`) touched; none named: all of them. */
export type TReleaseChange = { clusters: string[]; releases: string[]; at: string };

export type TPlace = { environment: TViewConfig['environments'][number]; cluster: ClusterView };

export class ReleaseView {
  readonly config: TViewConfig;
  private readonly clusters = new Map<string, ClusterView>();
  private readonly listeners = new Set<(c: TReleaseChange) => void>();
  private pending = new Set<string>();
  private pendingReleases = new Set<string>();
  /** A change in the window touched no known release (a LIST, an Event): say "everything". */
  private pendingAll = false;
  /** The overview, kept current by deltas. */
  readonly overview: OverviewModel;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly notifyDelayMs: number;
  readonly overviewMemoMs: number;
  /** Who made each revision; null until the database is up (lib/provenance sets it). */
  origins: TOriginResolver | null = null;

  constructor(setup: TReleaseViewSetup) {
    this.config = setup.config;
    const opts = { ...DEFAULT_OPTIONS, ...setup.options };
    this.notifyDelayMs = opts.notifyDelayMs;
    this.overviewMemoMs = opts.overviewMemoMs;
    this.overview = new OverviewModel(this, {
      delayMs: opts.deltaDelayMs,
      memoMs: opts.overviewMemoMs,
    });
    const clientsFor = setup.clientsFor ?? kubeClients;
    const namespaces = new Map<string, { context: string; namespaces: Set<string> }>();
    for (const env of setup.config.environments) {
      for (const c of env.clusters) {
        const entry = namespaces.get(c.name) ?? {
          context: c.context,
          namespaces: new Set<string>(),
        };
        entry.namespaces.add(env.namespace);
        namespaces.set(c.name, entry);
      }
    }
    for (const [name, { context, namespaces: ns }] of namespaces) {
      // Clients are made here, not at start: a missing context fails loudly at first use.
      this.clusters.set(
        name,
        new ClusterView(name, clientsFor(context), [...ns], opts, (touched) =>
          this.changed(name, touched),
        ),
      );
    }
  }

  /** Every cluster, as it is now (not waiting for first loads). */
  clusterViews(): ClusterView[] {
    return [...this.clusters.values()];
  }

  /** Starts every cluster's LIST+WATCH without waiting for it. */
  start(): void {
    for (const c of this.clusters.values()) void c.start();
  }

  /** Every cluster, started; waits (bounded per cluster) for first loads. */
  async all(): Promise<ClusterView[]> {
    const list = [...this.clusters.values()];
    await Promise.all(list.map((c) => c.ready()));
    return list;
  }

  /** Resolves environment and cluster names, or throws NotFoundError. */
  async place(environment: string, cluster: string): Promise<TPlace> {
    const env = this.config.environments.find((e) => e.name === environment);
    if (!env) throw new NotFoundError('environment', `There is no environment "${environment}".`);
    const view = env.clusters.some((c) => c.name === cluster)
      ? this.clusters.get(cluster)
      : undefined;
    if (!view)
      throw new NotFoundError(
        'cluster',
        `Environment "${environment}" has no cluster "${cluster}".`,
      );
    await view.ready();
    return { environment: env, cluster: view };
  }

  /** Throws ClusterUnavailableError when a cluster never answered, so there is nothing to show. */
  requireData(view: ClusterView): TClusterStatus {
    const status = view.status();
    if (!view.hasData()) {
      throw clusterUnreachable(view, status.error ?? 'no answer yet');
    }
    return status;
  }

  /** Sets who says which operation made a revision; every cell is rebuilt with it. */
  setOrigins(origins: TOriginResolver | null): void {
    this.origins = origins;
    for (const name of this.clusters.keys()) this.changed(name, 'all');
  }

  /** What the resolver knows changed for these releases (`namespace/name` keys) of a cluster. */
  originsChanged(cluster: string, releases: ReadonlySet<string>): void {
    if (this.clusters.has(cluster) && releases.size > 0) this.changed(cluster, releases);
  }

  subscribe(listener: (c: TReleaseChange) => void): () => void {
    this.listeners.add(listener);
    // Live updates need the watches running.
    for (const c of this.clusters.values()) void c.start();
    return () => {
      this.listeners.delete(listener);
    };
  }

  stop(): void {
    for (const c of this.clusters.values()) c.stop();
    if (this.timer) clearTimeout(this.timer);
    this.listeners.clear();
  }

  // Pod churn would otherwise fire a notification per status write.
  private changed(cluster: string, touched: TTouched): void {
    if (touched === 'all' || touched.size > 0) this.overview.mark(cluster, touched);
    if (this.listeners.size === 0) return;
    this.pending.add(cluster);
    if (touched === 'all' || touched.size === 0) this.pendingAll = true;
    else for (const t of touched) this.pendingReleases.add(t);
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      const change = {
        clusters: [...this.pending],
        releases: this.pendingAll ? [] : [...this.pendingReleases],
        at: new Date().toISOString(),
      };
      this.pending = new Set();
      this.pendingReleases = new Set();
      this.pendingAll = false;
      for (const l of this.listeners) l(change);
    }, this.notifyDelayMs);
    this.timer.unref?.();
  }
}

const KEY = Symbol.for('helmdeck.releaseView');
type TGlobal = typeof globalThis & { [KEY]?: ReleaseView };

/** The process's ReleaseView, created from helmdeck.yaml on first use. */
export function releaseView(): ReleaseView {
  const g = globalThis as TGlobal;
  g[KEY] ??= new ReleaseView({ config: runtimeConfig() });
  return g[KEY];
}

/** The process's ReleaseView when one was made (by a page, the server start or a test); never makes one. */
export function existingReleaseView(): ReleaseView | null {
  return (globalThis as TGlobal)[KEY] ?? null;
}

/** Replaces the process's ReleaseView (tests, benchmarks, a reloaded helmdeck.yaml); stops the old one. */
export function configureReleaseView(setup: TReleaseViewSetup): ReleaseView {
  const g = globalThis as TGlobal;
  g[KEY]?.stop();
  g[KEY] = new ReleaseView(setup);
  return g[KEY];
}

/** Stops all watches and probes and forgets the ReleaseView. */
export function stopReleaseView(): void {
  const g = globalThis as TGlobal;
  g[KEY]?.stop();
  delete g[KEY];
}
