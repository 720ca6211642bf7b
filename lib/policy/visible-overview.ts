// The overview and its live deltas cut down to what one user may view: the
// columns of their environments, less the columns an impersonating cluster
// refused them (`hidden`, as `environment/cluster`), drift between places
// they both see, and the clusters of those columns. The read model builds one
// overview for everybody; each answer and each SSE client gets its own cut,
// and a delta's cell indexes are renumbered to the cut's columns.
import type { TOverview, TOverviewDelta } from '@/lib/release-view/overview-model';
import type { TReleaseChange } from '@/lib/release-view/release-view';
import type { TDrift } from '@/lib/releases/drift';
import type { TMatrixCell, TMatrixRow } from '@/lib/releases/matrix';
import type { TPolicyUser } from './decide';
import { inScope, viewScope, type TViewScope } from './read-access';

type TColumns = TOverview['columns'];

/** Columns a cluster's RBAC refused the user, as `environment/cluster`. */
export type THiddenColumns = ReadonlySet<string>;
const NONE: THiddenColumns = new Set();

export const columnKey = (place: { environment: string; cluster: string }) =>
  `${place.environment}/${place.cluster}`;

type TCut = { scope: TViewScope; hidden: THiddenColumns };

const sees = (cut: TCut, place: { environment: string; cluster: string }) =>
  inScope(cut.scope, place.environment) && !cut.hidden.has(columnKey(place));

const seesEverything = (cut: TCut) => cut.scope === 'all' && cut.hidden.size === 0;

/** Old column index → new index, for the columns the cut keeps. */
function columnMap(columns: TColumns, cut: TCut): Map<number, number> {
  const map = new Map<number, number>();
  columns.forEach((c, i) => {
    if (sees(cut, c)) map.set(i, map.size);
  });
  return map;
}

function driftVisible(d: TDrift, cut: TCut): boolean {
  if (d.kind === 'ahead') return sees(cut, d.ahead) && sees(cut, d.behind);
  if (d.kind === 'differs') return sees(cut, d.left) && sees(cut, d.right);
  return (
    inScope(cut.scope, d.environment) &&
    d.clusters.every((c) => sees(cut, { environment: d.environment, cluster: c.cluster }))
  );
}

function cutRow(row: TMatrixRow, keep: Map<number, number>, cut: TCut): TMatrixRow | null {
  const cells: TMatrixCell[] = row.cells.filter((_, i) => keep.has(i));
  // A release found outside helmdeck.yaml is shown only where it was found.
  if (cells.length === 0 || (row.unlisted && cells.every((c) => c.state === 'missing')))
    return null;
  return { ...row, cells, drift: row.drift.filter((d) => driftVisible(d, cut)) };
}

function visibleClusters(columns: TColumns, cut: TCut): Set<string> {
  return new Set(columns.filter((c) => sees(cut, c)).map((c) => c.cluster));
}

/** The overview as `user` may see it (the same object when they see everything). */
export function overviewFor(
  user: TPolicyUser,
  overview: TOverview,
  hidden: THiddenColumns = NONE,
): TOverview {
  const cut = { scope: viewScope(user), hidden };
  if (seesEverything(cut)) return overview;
  const keep = columnMap(overview.columns, cut);
  const clusters = visibleClusters(overview.columns, cut);
  return {
    ...overview,
    columns: overview.columns.filter((_, i) => keep.has(i)),
    rows: overview.rows.flatMap((r) => cutRow(r, keep, cut) ?? []),
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
  hidden: THiddenColumns = NONE,
): TOverviewDelta {
  const cut = { scope: viewScope(user), hidden };
  if (seesEverything(cut)) return delta;
  const keep = columnMap(columns, cut);
  const clusters = visibleClusters(columns, cut);
  const changed = delta.changed.flatMap((row) => {
    const cells = row.cells.flatMap(({ index, cell }) => {
      const to = keep.get(index);
      return to === undefined ? [] : [{ index: to, cell }];
    });
    const drift = row.drift?.filter((d) => driftVisible(d, cut));
    if (cells.length === 0 && (drift === undefined || drift.length === 0)) return [];
    return [{ ...row, cells, ...(drift ? { drift } : {}) }];
  });
  const added = delta.added.flatMap((r) => cutRow(r, keep, cut) ?? []);
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
  hidden: THiddenColumns = NONE,
): TReleaseChange | null {
  const cut = { scope: viewScope(user), hidden };
  if (seesEverything(cut)) return change;
  const mine = environments.flatMap((e) => {
    const seen = e.clusters.filter((c) => sees(cut, { environment: e.name, cluster: c.name }));
    return seen.length === 0 ? [] : [{ namespace: e.namespace, clusters: seen }];
  });
  const clusters = new Set(mine.flatMap((e) => e.clusters.map((c) => c.name)));
  const namespaces = new Set(mine.map((e) => e.namespace));
  const keptClusters = change.clusters.filter((c) => clusters.has(c));
  if (keptClusters.length === 0) return null;
  const releases = change.releases.filter((r) => namespaces.has(r.slice(0, r.indexOf('/'))));
  // Only foreign releases changed: nothing of theirs to refetch.
  if (change.releases.length > 0 && releases.length === 0) return null;
  return { ...change, clusters: keptClusters, releases };
}
