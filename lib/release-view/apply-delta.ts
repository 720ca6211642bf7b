// Applies an overview delta from /api/events to the overview a page holds;
// pure, so the browser runs it too.
// A delta for another version than the one held cannot be applied: the
// caller then fetches the whole overview again.
import type { TOverview, TOverviewDelta } from './overview';
import type { TReleaseChange } from './release-view';

/** The patched overview, or null when the delta does not follow the one held. */
export function applyDelta(held: TOverview | undefined, delta: TOverviewDelta): TOverview | null {
  if (!held || held.version !== delta.base) return null;
  const byName = new Map(delta.changed.map((d) => [d.release, d]));
  const removed = new Set(delta.removed);
  const age = new Map(delta.clusters.map((c) => [c.cluster, c.dataAgeMs]));
  const rows = held.rows.flatMap((row) => {
    if (removed.has(row.release)) return [];
    const d = byName.get(row.release);
    const cells = row.cells.map((c) => {
      const patched = d?.cells.find((x) => x.index === row.cells.indexOf(c))?.cell ?? c;
      // Failing clusters' cells show how old their data is.
      return patched.state === 'error'
        ? { ...patched, dataAgeMs: age.get(c.cluster) ?? null }
        : patched;
    });
    return [{ ...row, cells, drift: d?.drift ?? row.drift }];
  });
  rows.push(...delta.added);
  return {
    ...held,
    rows,
    clusters: delta.clusters,
    generatedAt: delta.generatedAt,
    version: delta.version,
  };
}

/** Whether a change event concerns the page of one release in one cluster. */
export function changeTouches(change: TReleaseChange, cluster: string, release: string): boolean {
  if (!change.clusters.includes(cluster)) return false;
  // No release named: the whole cluster changed (a relist, reachability).
  if (change.releases.length === 0) return true;
  return change.releases.some((r) => r.slice(r.indexOf('/') + 1) === release);
}
