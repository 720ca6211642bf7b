// The overview matrix and the environment page, from the watch-fed caches:
// no cluster is asked anything while a page is built.
import { buildMatrix, type TClusterSnapshot, type TMatrix } from '@/lib/releases/matrix';
import { labelsOnly } from '@/lib/releases/release-store';
import { healthSummary, versionsOf, type TReleaseSummary } from '@/lib/releases/summary';
import type { ClusterView, TClusterStatus } from './cluster-view';
import { releaseView, type ReleaseView } from './release-view';

export type TOverview = TMatrix & { clusters: TClusterStatus[] };

type TSnapMemo = { key: string; releases: TReleaseSummary[] };
const snapMemo = new WeakMap<ClusterView, TSnapMemo>();

/** Latest revision of every release in the cluster's namespaces, with health and (for some) history. */
function summariesOf(c: ClusterView, withHistory: Set<string>): TReleaseSummary[] {
  const key = `${c.version}|${[...withHistory].sort().join(',')}`;
  const memo = snapMemo.get(c);
  if (memo?.key === key) return memo.releases;
  const namespaces = new Set(c.namespaces);
  const releases = c.releases
    .latest()
    .filter((l) => namespaces.has(l.namespace))
    .map((l): TReleaseSummary => {
      const s = c.summaryOf(l) ?? labelsOnly(l);
      const h = c.healthIn(l.namespace).get(`${l.namespace}/${l.name}`);
      const out: TReleaseSummary = { ...s, health: h ? healthSummary(h) : null };
      if (withHistory.has(l.name)) {
        out.history = c.releases.history(l.namespace, l.name).flatMap((r) => {
          const rs = c.summaryOf(r);
          return rs ? [versionsOf(rs)] : [];
        });
      }
      return out;
    });
  snapMemo.set(c, { key, releases });
  return releases;
}

function snapshotOf(
  c: ClusterView,
  status: TClusterStatus,
  withHistory: Set<string>,
): TClusterSnapshot {
  const failing = status.state === 'error' || status.state === 'starting';
  return {
    cluster: c.name,
    releases: c.hasData() ? summariesOf(c, withHistory) : [],
    lastGoodAt: status.lastGoodAt ? new Date(status.lastGoodAt) : null,
    error: failing ? (status.error ?? 'still loading') : null,
  };
}

// Releases whose drift counts versions: their history is decoded so "ahead
// by N" counts the versions in between, not just the ones other cells show.
const needsHistory = new WeakMap<ReleaseView, Set<string>>();

// Many viewers at once share one build while nothing changed; the data age
// shown may lag by at most memoMs.
const built = new WeakMap<ReleaseView, { key: string; at: number; overview: TOverview }>();

/** The overview of one ReleaseView, shared while no cluster changed and it is younger than memoMs. */
export async function overviewOf(
  view: ReleaseView,
  memoMs = view.overviewMemoMs,
): Promise<TOverview> {
  const clusters = await view.all();
  const now = new Date();
  const key = clusters.map((c) => `${c.version}:${c.status(now.getTime()).state}`).join('|');
  const memo = built.get(view);
  if (memo && memo.key === key && now.getTime() - memo.at < memoMs) return memo.overview;
  const overview = await buildOverview(view, clusters, now);
  built.set(view, { key, at: now.getTime(), overview });
  return overview;
}

// Older revisions' summaries are fetched on demand; a release's whole history is wanted here.
async function loadHistories(clusters: ClusterView[], releases: string[]): Promise<void> {
  const wanted = new Set(releases);
  const loads: (() => Promise<unknown>)[] = [];
  for (const c of clusters)
    for (const l of c.releases.revisions())
      if (wanted.has(l.name) && c.namespaces.includes(l.namespace) && !c.summaryOf(l))
        loads.push(() => c.releases.loadSummary(l.namespace, l.name, l.revision));
  await inBatches(loads, 8);
}

async function inBatches(tasks: (() => Promise<unknown>)[], width: number): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < tasks.length) await tasks[next++]!();
  };
  await Promise.all(Array.from({ length: Math.min(width, tasks.length) }, lane));
}

async function buildOverview(
  view: ReleaseView,
  clusters: ClusterView[],
  now: Date,
): Promise<TOverview> {
  const statuses = clusters.map((c) => c.status(now.getTime()));
  const history = needsHistory.get(view) ?? new Set<string>();
  needsHistory.set(view, history);
  const build = () =>
    buildMatrix(
      view.config,
      clusters.map((c, i) => snapshotOf(c, statuses[i]!, history)),
      { now },
    );
  let matrix = build();
  const more = matrix.rows.filter(
    (r) => !history.has(r.release) && r.drift.some((d) => d.kind === 'ahead'),
  );
  if (more.length > 0) {
    for (const r of more) history.add(r.release);
    await loadHistories(
      clusters,
      more.map((r) => r.release),
    );
    matrix = build();
  }
  return { ...matrix, clusters: statuses };
}

/** Releases × environments × clusters with health, drift and per-cluster state; never waits on a slow cluster for long. */
export function getOverviewMatrix(): Promise<TOverview> {
  return overviewOf(releaseView());
}
