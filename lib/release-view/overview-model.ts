// The overview kept current by the clusters' change events: a change marks
// the releases it touched (a release Secret its release, a Deployment or Pod
// the release that owns it); a short while later only those rows are
// rebuilt and compared with what was shown, and the cells that changed go
// to subscribers as one delta. A list, a cluster's state or reachability
// changing marks the whole cluster.
import { buildMatrix, type TMatrixCell, type TMatrixRow } from '@/lib/releases/matrix';
import type { TDrift } from '@/lib/releases/drift';
import type { ClusterView, TClusterStatus, TTouched } from './cluster-view';
import { loadHistories, snapshotOf } from './overview-snapshots';
import type { ReleaseView } from './release-view';

export type TOverview = {
  columns: { environment: string; cluster: string }[];
  rows: TMatrixRow[];
  generatedAt: string;
  clusters: TClusterStatus[];
  /** Increments with every delta; a delta applies to the overview whose version is its `base`. */
  version: number;
};

/** The cells of one row that changed, by column index; drift when it changed. */
export type TRowDelta = {
  release: string;
  cells: { index: number; cell: TMatrixCell }[];
  drift?: TDrift[];
};

export type TOverviewDelta = {
  base: number;
  version: number;
  changed: TRowDelta[];
  /** Rows that appeared (a release found outside helmdeck.yaml), appended in this order. */
  added: TMatrixRow[];
  removed: string[];
  clusters: TClusterStatus[];
  generatedAt: string;
};

// Data age is shown from the cluster status; comparing it would make every failing cell "changed".
const cellText = (c: TMatrixCell) => JSON.stringify({ ...c, dataAgeMs: null });

export class OverviewModel {
  private current: TOverview | null = null;
  private stateKey = '';
  private builtAt = 0;
  private readonly dirty = new Map<string, Set<string> | 'all'>();
  private readonly listeners = new Set<(delta: TOverviewDelta) => void>();
  private readonly history = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly view: ReleaseView,
    private readonly opts: { delayMs: number; memoMs: number },
  ) {}

  /** A change in one cluster; rebuilt after delayMs (changes in between are coalesced). */
  mark(cluster: string, touched: TTouched): void {
    const held = this.dirty.get(cluster);
    if (touched === 'all' || held === 'all') this.dirty.set(cluster, 'all');
    else {
      const set = held ?? new Set<string>();
      for (const t of touched) set.add(t);
      this.dirty.set(cluster, set);
    }
    if (this.timer || !this.current) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.serial(() => this.update());
    }, this.opts.delayMs);
    this.timer.unref?.();
  }

  /** Called with every delta; returns the unsubscribe function. */
  subscribe(listener: (delta: TOverviewDelta) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The current overview: the same object while nothing changed and it is younger than memoMs. */
  async get(): Promise<TOverview> {
    await this.view.all();
    return this.serial(async () => {
      if (!this.current) await this.update();
      else if (this.dirty.size > 0 || this.stateKey !== this.statesKey()) await this.update();
      else if (Date.now() - this.builtAt >= this.opts.memoMs) this.refreshStatuses();
      return this.current!;
    });
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.running.then(fn, fn);
    this.running = run.catch(() => undefined);
    return run;
  }

  private clusters(): ClusterView[] {
    return this.view.clusterViews();
  }

  private statesKey(now = Date.now()): string {
    return this.clusters()
      .map((c) => c.status(now).state)
      .join('|');
  }

  private refreshStatuses(): void {
    const now = new Date();
    const clusters = this.clusters().map((c) => c.status(now.getTime()));
    this.current = { ...this.current!, clusters, generatedAt: now.toISOString() };
    this.builtAt = now.getTime();
  }

  private build(only: ReadonlySet<string> | undefined, now: Date) {
    const clusters = this.clusters();
    const statuses = clusters.map((c) => c.status(now.getTime()));
    const snapshots = clusters.map((c, i) =>
      snapshotOf(c, statuses[i]!, this.history, this.view.config, this.view.origins),
    );
    return { statuses, matrix: buildMatrix(this.view.config, snapshots, { now, only }) };
  }

  private async update(): Promise<void> {
    const now = new Date();
    const stateKey = this.statesKey(now.getTime());
    const whole =
      !this.current || stateKey !== this.stateKey || [...this.dirty.values()].includes('all');
    const names = new Set<string>();
    if (!whole)
      for (const set of this.dirty.values())
        for (const key of set as Set<string>) names.add(key.slice(key.indexOf('/') + 1));
    this.dirty.clear();
    const only = whole ? undefined : names;
    let built = this.build(only, now);
    // "ahead by N" counts the versions in between: those rows need their history decoded.
    const more = built.matrix.rows.filter(
      (r) => !this.history.has(r.release) && r.drift.some((d) => d.kind === 'ahead'),
    );
    if (more.length > 0) {
      for (const r of more) this.history.add(r.release);
      await loadHistories(
        this.clusters(),
        more.map((r) => r.release),
      );
      built = this.build(only, now);
    }
    this.publish(built.matrix.rows, only, built.statuses, built.matrix.columns, now);
    this.stateKey = stateKey;
  }

  private publish(
    rows: TMatrixRow[],
    only: ReadonlySet<string> | undefined,
    clusters: TClusterStatus[],
    columns: TOverview['columns'],
    now: Date,
  ): void {
    const prev = this.current;
    const generatedAt = now.toISOString();
    this.builtAt = now.getTime();
    if (!prev) {
      this.current = { columns, rows, generatedAt, clusters, version: 1 };
      return;
    }
    const before = new Map(prev.rows.map((r) => [r.release, r]));
    const fresh = new Map(rows.map((r) => [r.release, r]));
    const changed: TRowDelta[] = [];
    const added: TMatrixRow[] = [];
    for (const row of rows) {
      const old = before.get(row.release);
      if (!old) {
        added.push(row);
        continue;
      }
      const cells = row.cells.flatMap((cell, index) =>
        old.cells[index] && cellText(old.cells[index]) === cellText(cell) ? [] : [{ index, cell }],
      );
      const driftChanged = JSON.stringify(old.drift) !== JSON.stringify(row.drift);
      if (cells.length > 0 || driftChanged)
        changed.push({
          release: row.release,
          cells,
          ...(driftChanged ? { drift: row.drift } : {}),
        });
    }
    const scope = only ?? new Set(before.keys());
    const removed = [...scope].filter((name) => before.has(name) && !fresh.has(name));
    const merged = prev.rows.flatMap((r) =>
      removed.includes(r.release) ? [] : [fresh.get(r.release) ?? r],
    );
    merged.push(...added);
    const version = prev.version + (changed.length || added.length || removed.length ? 1 : 0);
    this.current = { columns, rows: merged, generatedAt, clusters, version };
    if (version === prev.version) return;
    const delta: TOverviewDelta = {
      base: prev.version,
      version,
      changed,
      added,
      removed,
      clusters,
      generatedAt,
    };
    for (const l of this.listeners) l(delta);
  }
}
