// The read model of the release status view: one export per verb. Pages and
// the REST API call these; they read watch-fed caches, never spawn helm.
// Expected errors: NotFoundError (unknown environment/cluster/release/revision)
// and ClusterUnavailableError (a cluster that never answered), both with a
// message meant for the user.
import { releaseView, type TReleaseChange, type TViewConfig } from './release-view';

export { ClusterUnavailableError, NotFoundError } from './errors';
export type { TClusterStatus } from './cluster-view';
export type { TOverview, TOverviewDelta, TRowDelta } from './overview';
export type { TEnvironmentView, TNamespaceFacts, TQuotaUse, TEventFact } from './environment-view';
export type { TReleaseDetail, TManifestEntry } from './release-detail';
export type { TServiceFact, TIngressFact, TIngressBackend } from './networking';
export type { THistoryEntry, TReleaseHistory, TReleasePlace } from './history';
export type { TReleaseChange, TReleaseViewSetup, TViewConfig } from './release-view';
export type { TReleaseViewOptions } from './options';
export type { TMatrix, TMatrixCell, TMatrixRow } from '@/lib/releases/matrix';
export type { TReleaseDiff } from '@/lib/releases/diff';

/** Releases × environments × clusters with health, drift and per-cluster state (ok/slow/error, data age). */
export { getOverviewMatrix, subscribeOverviewDeltas } from './overview';
/** One environment's releases as in the overview, plus quota use and warning events per cluster. */
export { getEnvironmentView } from './environment-view';
/** Status, notes, workloads, pods, services, ingress, events, redacted values and manifest of a release. */
export { getReleaseDetail } from './release-detail';
/** Every revision of a release with status, versions, description, time and actor. */
export { getReleaseHistory } from './history';
/** Diff of two revisions of one release; of one release in two environments/clusters. */
export { getRevisionDiff, getEnvironmentDiff } from './history';
/** Per cluster: reachable, data age and object counts of this process's read model (metrics). */
export { readModelStats, type TReadModelStats } from './stats';
/** Replace (tests, benchmarks, reloaded config), start (at server start) or stop the process-wide read model. */
export { configureReleaseView, stopReleaseView } from './release-view';

/** The environments and clusters the release view reads (helmdeck.yaml's, or a test's). */
export function releaseViewConfig(): TViewConfig {
  return releaseView().config;
}

/** Starts every cluster's LIST+WATCH now, so the first page finds the caches loaded. */
export function startReleaseView(): void {
  releaseView().start();
}

/** Calls `listener` (coalesced) whenever releases, workloads or cluster state change; returns unsubscribe. */
export function subscribeReleaseChanges(listener: (change: TReleaseChange) => void): () => void {
  return releaseView().subscribe(listener);
}
