// The overview and its live deltas cut down to what one user may view: the
// columns of their environments, drift between places they both see, and
// the clusters of those columns. The read model builds one overview for
// everybody; each answer and each SSE client gets its own cut, and a delta's
// cell indexes are renumbered to the cut's columns.
import type { TOverview, TOverviewDelta } from '@/lib/release-view/overview-model';
import type { TReleaseChange } from '@/lib/release-view/release-view';
import type { TDrift } from '@/lib/releases/drift';
import type { TMatrixCell, TMatrixRow } from '@/lib/releases/matrix';
import type { TPolicyUser } from './decide';
import { inScope, viewScope, type TViewScope } from './read-access';

type TColumns = TOverview['columns'];

/** Old column index → new index, for the columns in `scope`. */
function columnMap(columns: TColumns, scope: TViewScope): Map<number, number> {
  const map = new Map<number, number>();
  columns.forEach((c, i) => {
    if (inScope(scope, c.environment)) map.set(i, map.size);
  });
  return map;
}

function driftVisible(d: TDrift, scope: TViewScope): boolean {
  if (d.kind === 'ahead')
    return inScope(scope, d.ahead.environment) && inScope(scope, d.behind.environment);
  if (d.kind === 'differs')
    return inScope(scope, d.left.environment) && inScope(scope, d.right.environment);
  return inScope(scope, d.environment);
}

function cutRow(row: TMatrixRow, keep: Map<number, number>, scope: TViewScope): TMatrixRow | null {
  const cells: TMatrixCell[] = row.cells.filter((_, i) => keep.has(i));
  // A release found outside helmdeck.yaml is shown only where it was found.
  if (cells.length === 0 || (row.unlisted && cells.every((c) => c.state === 'missing')))
    return null;
  return { ...row, cells, drift: row.drift.filter((d) => driftVisible(d, scope)) };
}

function visibleClusters(columns: TColumns, scope: TViewScope): Set<string> {
  return new Set(columns.filter((c) => inScope(scope, c.environment)).map((c) => c.cluster));
}

/** The overview as `user` may see it (the same object when they see everything). */
export function overviewFor(user: TPolicyUser, overview: TOverview): TOverview {
  const scope = viewScope(user);
  if (scope === 'all') return overview;
  const keep = columnMap(overview.columns, scope);
  const clusters = visibleClusters(overview.columns, scope);
  return {
    ...overview,
    columns: overview.columns.filter((_, i) => keep.has(i)),
    rows: overview.rows.flatMap((r) => cutRow(r, keep, scope) ?? []),
    clusters: overview.clusters.filter((c) => clusters.has(c.cluster)),
  };
}

/**
 * `delta` (made against the full overview's `columns`) cut for `user`. Sent
 * even when nothing in it is theirs, so the versions the client chains stay
 * unbroken.
 */
export function overviewDeltaFor(
  user: TPolicyUser,
  columns: TColumns,
  delta: TOverviewDelta,
): TOverviewDelta {
  const scope = viewScope(user);
  if (scope === 'all') return delta;
  const keep = columnMap(columns, scope);
  const clusters = visibleClusters(columns, scope);
  const changed = delta.changed.flatMap((row) => {
    const cells = row.cells.flatMap(({ index, cell }) => {
      const to = keep.get(index);
      return to === undefined ? [] : [{ index: to, cell }];
    });
    const drift = row.drift?.filter((d) => driftVisible(d, scope));
    if (cells.length === 0 && (drift === undefined || drift.length === 0)) return [];
    return [{ ...row, cells, ...(drift ? { drift } : {}) }];
  });
  const added = delta.added.flatMap((r) => cutRow(r, keep, scope) ?? []);
  return {
    ...delta,
    changed,
    added,
    clusters: delta.clusters.filter((c) => clusters.has(c.cluster)),
  };
}

type TEnvironmentPlaces = { name: string; namespace: string; clusters: { name: string }[] }[];

/**
 * A release change event cut for `user`: the clusters and `namespace/name`
 * keys of their environments; null when none of it is theirs.
 */
export function releaseChangeFor(
  user: TPolicyUser,
  environments: TEnvironmentPlaces,
  change: TReleaseChange,
): TReleaseChange | null {
  const scope = viewScope(user);
  if (scope === 'all') return change;
  const mine = environments.filter((e) => inScope(scope, e.name));
  const clusters = new Set(mine.flatMap((e) => e.clusters.map((c) => c.name)));
  const namespaces = new Set(mine.map((e) => e.namespace));
  const keptClusters = change.clusters.filter((c) => clusters.has(c));
  if (keptClusters.length === 0) return null;
  const releases = change.releases.filter((r) => namespaces.has(r.slice(0, r.indexOf('/'))));
  // Only foreign releases changed: nothing of theirs to refetch.
  if (change.releases.length > 0 && releases.length === 0) return null;
  return { ...change, clusters: keptClusters, releases };
}
