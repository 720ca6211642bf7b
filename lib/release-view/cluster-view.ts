// One cluster as the read model sees it: its helm releases (ReleaseCache),
// the workloads of its environments' namespaces (WorkloadSource), a
// periodic reachability probe (an open watch stream says nothing about
// whether new requests get through).
import type { TClusterClients } from '@/lib/kube/clients';
import { getJson, type TRawObject } from '@/lib/kube/list-watch';
import { createReleaseSecretSource } from '@/lib/kube/release-secret-source';
import { describeKubeError } from '@/lib/kube/request-options';
import {
  WorkloadSource,
  type TWorkloadChange,
  type TWorkloadKind,
} from '@/lib/kube/workload-source';
import { liveDrift, type TObjectDrift } from '@/lib/releases/live-drift';
import { ReleaseCache } from '@/lib/releases/release-cache';
import type { TReleaseLabelSummary } from '@/lib/releases/release-labels';
import type { TReleaseSummary } from '@/lib/releases/summary';
import { healthByRelease, releaseOf, type TReleaseHealth } from '@/lib/releases/workload-health';
import type { TReleaseViewOptions } from './options';

// Objects of these kinds decide a cell's health or live drift; the others only show on release pages.
const MATRIX_KINDS = new Set<TWorkloadKind>([
  'deployments',
  'statefulSets',
  'daemonSets',
  'pods',
  'services',
  'ingresses',
  'configMaps',
]);

// The manifest kinds live drift compares, by the collection that holds them.
const DRIFT_COLLECTIONS: Record<string, TWorkloadKind> = {
  Deployment: 'deployments',
  StatefulSet: 'statefulSets',
  DaemonSet: 'daemonSets',
  Service: 'services',
  Ingress: 'ingresses',
  ConfigMap: 'configMaps',
};

// Manifests parsed per turn of the event loop while extracting after the first load.
const EXTRACT_CHUNK = 25;

/** `namespace/release` of a release Secret's key `namespace/sh.helm.release.v1.<release>.v<n>`. */
function releaseOfSecretKey(key: string): string | null {
  const m = /^([^/]*)\/sh\.helm\.release\.v1\.(.+)\.v\d+$/.exec(key);
  return m ? `${m[1]}/${m[2]}` : null;
}

/** Releases a change touched (`namespace/name` keys), or 'all' for the whole cluster. */
export type TTouched = ReadonlySet<string> | 'all';

function touchedBy(c: TWorkloadChange): TTouched {
  if (!c.object) return 'all';
  if (!MATRIX_KINDS.has(c.kind)) return new Set();
  const owner = releaseOf(c.object);
  return new Set(owner ? [`${owner.namespace}/${owner.name}`] : []);
}

export type TClusterStatus = {
  cluster: string;
  state: 'starting' | 'ok' | 'slow' | 'error';
  /** What went wrong, meant for the user; null unless state is error. */
  error: string | null;
  /** When the data shown was last known current; null if never. */
  lastGoodAt: string | null;
  dataAgeMs: number | null;
  /** Round trip of the last reachability probe. */
  latencyMs: number | null;
};

export class ClusterView {
  readonly releases: ReleaseCache;
  readonly workloads = new Map<string, WorkloadSource>();
  /** Increments on every change of releases, workloads or reachability; keys derived data. */
  version = 0;
  private healthMemo = new Map<string, { at: number; map: Map<string, TReleaseHealth> }>();
  private driftMemo = new Map<string, { key: string; drift: TObjectDrift[] }>();
  /** Every deployed revision's chart fields were extracted once: live drift can be shown. */
  private driftReady = false;
  private probe: {
    ok: boolean;
    at: number;
    latencyMs: number | null;
    error: string | null;
    lastOkAt: number | null;
  } | null = null;
  private probeTimer: ReturnType<typeof setInterval> | null = null;
  private started: Promise<void> | null = null;
  private readonly onChange: (touched: TTouched) => void;
  private firstLoadDone = false;
  private startedAt = 0;

  constructor(
    readonly name: string,
    /** Helmdeck's own clients of this cluster (the person-read check impersonates from them). */
    readonly clients: TClusterClients,
    readonly namespaces: string[],
    private readonly opts: Required<TReleaseViewOptions>,
    onChange: (touched: TTouched) => void,
  ) {
    this.onChange = (touched) => {
      this.version++;
      onChange(touched);
    };
    const single = namespaces.length === 1 ? namespaces[0] : undefined;
    const source = createReleaseSecretSource(clients, {
      namespace: single,
      listTimeoutMs: opts.listTimeoutMs,
    });
    this.releases = new ReleaseCache(source, { retryDelayMs: opts.retryDelayMs });
    this.releases.subscribe((c) => {
      const name = c.kind === 'object' ? releaseOfSecretKey(c.key) : null;
      this.onChange(name ? new Set([name]) : 'all');
    });
    for (const ns of namespaces) {
      const w = new WorkloadSource(clients, ns, {
        listTimeoutMs: opts.listTimeoutMs,
        retryDelayMs: opts.retryDelayMs,
      });
      w.subscribe((c) => this.onChange(touchedBy(c)));
      this.workloads.set(ns, w);
    }
  }

  /** Starts LIST+WATCH and the probe once; resolves when the first LISTs have answered (or failed). */
  start(): Promise<void> {
    if (!this.started) {
      this.startedAt = Date.now();
      this.started = Promise.all([
        this.releases.start(),
        ...[...this.workloads.values()].map((w) => w.start()),
      ]).then(() => {
        this.firstLoadDone = true;
        void this.extractDesired();
      });
      this.probeTimer = setInterval(() => void this.runProbe(), this.opts.probeIntervalMs);
      this.probeTimer.unref?.();
    }
    return this.started;
  }

  /** When Helmdeck began reading the cluster: how long a cluster that never answered has been away. */
  triedSince(): Date {
    return new Date(this.startedAt || Date.now());
  }

  /** Waits for the first load, but never longer than firstLoadWaitMs after the start. */
  async ready(): Promise<void> {
    const started = this.start();
    if (this.firstLoadDone) return;
    const wait = this.startedAt + this.opts.firstLoadWaitMs - Date.now();
    if (wait <= 0) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([started, new Promise<void>((r) => (timer = setTimeout(r, wait)))]);
    clearTimeout(timer);
  }

  stop(): void {
    this.releases.stop();
    for (const w of this.workloads.values()) w.stop();
    if (this.probeTimer) clearInterval(this.probeTimer);
    this.probeTimer = null;
  }

  private async runProbe(): Promise<void> {
    const t = performance.now();
    const wasFailing = this.probe !== null && !this.probe.ok;
    try {
      await getJson(this.clients, '/version', { timeoutMs: this.opts.probeTimeoutMs });
      const latencyMs = Math.round(performance.now() - t);
      this.probe = { ok: true, at: Date.now(), latencyMs, error: null, lastOkAt: Date.now() };
      // Watches may have silently died while the cluster was away: resync.
      if (wasFailing) this.resync();
    } catch (err) {
      const lastOkAt = this.probe?.lastOkAt ?? (this.firstLoadDone ? Date.now() : null);
      this.probe = {
        ok: false,
        at: Date.now(),
        latencyMs: null,
        error: describeKubeError(err, this.opts.probeTimeoutMs),
        lastOkAt,
      };
    }
    if (wasFailing !== !this.probe.ok) this.onChange('all');
  }

  private resync(): void {
    this.releases.stop();
    void this.releases.start();
    for (const w of this.workloads.values()) {
      w.stop();
      void w.start();
    }
  }

  status(now = Date.now()): TClusterStatus {
    const cache = this.releases.state();
    const work = [...this.workloads.values()].map((w) => w.state());
    const probeFailing = this.probe !== null && !this.probe.ok;
    let lastGood = cache.lastGoodAt?.getTime() ?? null;
    if (probeFailing) lastGood = Math.min(lastGood ?? Infinity, this.probe?.lastOkAt ?? Infinity);
    if (lastGood === Infinity) lastGood = null;
    const base = {
      cluster: this.name,
      lastGoodAt: lastGood === null ? null : new Date(lastGood).toISOString(),
      dataAgeMs: lastGood === null ? null : Math.max(0, now - lastGood),
      latencyMs: this.probe?.latencyMs ?? null,
    };
    if (probeFailing)
      return { ...base, state: 'error', error: `cluster unreachable: ${this.probe?.error}` };
    if (cache.phase === 'error')
      return { ...base, state: 'error', error: `cannot read releases: ${cache.error}` };
    const workErr = work.find((w) => w.phase === 'error');
    if (workErr)
      return { ...base, state: 'error', error: `cannot read workloads: ${workErr.error}` };
    if (!this.firstLoadDone) {
      const slow = now - this.startedAt > this.opts.firstLoadWaitMs;
      if (cache.phase !== 'ready')
        return {
          ...base,
          state: slow ? 'error' : 'starting',
          error: slow ? `no answer within ${this.opts.firstLoadWaitMs} ms` : null,
        };
      return { ...base, state: slow ? 'slow' : 'starting', error: null };
    }
    const slow = (this.probe?.latencyMs ?? 0) > this.opts.slowMs;
    return { ...base, state: slow ? 'slow' : 'ok', error: null };
  }

  /** Whether any first LIST answered, i.e. there is data to show (maybe stale). */
  hasData(): boolean {
    return this.releases.state().lastGoodAt !== null;
  }

  /** Matrix summary of one revision, when its payload was seen; null when unknown or unreadable. */
  summaryOf(l: TReleaseLabelSummary): TReleaseSummary | null {
    return this.releases.summary(l.namespace, l.name, l.revision);
  }

  // YAML parsing of every current manifest would slow the cold start: it runs
  // after the first load, a chunk per turn, and the cells gain drift by delta.
  private async extractDesired(): Promise<void> {
    const touched = new Set<string>();
    for (const l of this.releases.latest()) {
      if (!this.releases.desiredPending(l.namespace, l.name, l.revision)) continue;
      this.releases.desired(l.namespace, l.name, l.revision);
      touched.add(`${l.namespace}/${l.name}`);
      if (touched.size % EXTRACT_CHUNK === 0) await new Promise((r) => setImmediate(r));
    }
    this.driftReady = true;
    this.onChange(touched.size > 0 ? touched : 'all');
  }

  /**
   * Objects of the release's current revision whose live fields differ from
   * what its chart set; null while unknown (not deployed, workloads not
   * listed yet, extraction still running).
   */
  liveDriftOf(l: TReleaseLabelSummary): TObjectDrift[] | null {
    if (!this.driftReady || l.status !== 'deployed') return null;
    const w = this.workloads.get(l.namespace);
    if (!w || w.state().phase !== 'ready') return null;
    // Objects a chart puts in another namespace are not watched: not compared.
    const desired = this.releases
      .desired(l.namespace, l.name, l.revision)
      ?.filter((d) => d.namespace === l.namespace);
    if (!desired) return null;
    const live = (kind: string, name: string) => this.liveObject(l.namespace, kind, name);
    // Recomputed only when the revision or one of its objects changed.
    const key =
      `${l.uid}@${l.resourceVersion}|` +
      desired.map((d) => live(d.kind, d.name)?.metadata?.resourceVersion ?? '-').join(',');
    const id = `${l.namespace}/${l.name}`;
    const memo = this.driftMemo.get(id);
    if (memo?.key === key) return memo.drift;
    const drift = liveDrift(desired, (kind, _ns, name) => live(kind, name));
    this.driftMemo.set(id, { key, drift });
    return drift;
  }

  /** A live object of a kind live drift compares, as the watch holds it; null when none. */
  liveObject(namespace: string, kind: string, name: string): TRawObject | null {
    const collection = DRIFT_COLLECTIONS[kind];
    const w = this.workloads.get(namespace);
    return (collection && w?.get(collection, name)) || null;
  }

  /** Health per `namespace/release` in one namespace, recomputed only after workload changes. */
  healthIn(namespace: string): Map<string, TReleaseHealth> {
    const w = this.workloads.get(namespace);
    if (!w) return new Map();
    const memo = this.healthMemo.get(namespace);
    if (memo?.at === w.version()) return memo.map;
    const snap = w.snapshot();
    const map = healthByRelease({
      deployments: snap.deployments,
      statefulSets: snap.statefulSets,
      daemonSets: snap.daemonSets,
      pods: snap.pods,
    });
    this.healthMemo.set(namespace, { at: w.version(), map });
    return map;
  }
}
