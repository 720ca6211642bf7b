// The overview matrix from the watch-fed caches: no cluster is asked
// anything while a page is built. It is kept by the ReleaseView's
// OverviewModel, which sends open pages the cells that changed.
import type { TOverview, TOverviewDelta } from './overview-model';
import { releaseView, type ReleaseView } from './release-view';

export type { TOverview, TOverviewDelta, TRowDelta } from './overview-model';

/** The overview of one ReleaseView, shared while no cluster changed and it is younger than memoMs. */
export function overviewOf(view: ReleaseView): Promise<TOverview> {
  return view.overview.get();
}

/** Releases × environments × clusters with health, drift and per-cluster state; never waits on a slow cluster for long. */
export function getOverviewMatrix(): Promise<TOverview> {
  return overviewOf(releaseView());
}

/** Calls `listener` with each overview delta (changed cells, added and removed rows); returns unsubscribe. */
export function subscribeOverviewDeltas(listener: (delta: TOverviewDelta) => void): () => void {
  const view = releaseView();
  // Deltas need the watches running.
  view.start();
  return view.overview.subscribe(listener);
}
