// Tunables of the read model; defaults suit a page server.
export type TReleaseViewOptions = {
  /** How long the first page view waits for a cluster's first LIST before showing it as starting/failed. */
  firstLoadWaitMs?: number;
  /** Budget of one (paged) LIST. */
  listTimeoutMs?: number;
  /** Pause before re-listing or re-watching after a failure. */
  retryDelayMs?: number;
  /** How often each cluster is probed for reachability. */
  probeIntervalMs?: number;
  probeTimeoutMs?: number;
  /** A probe slower than this marks the cluster slow. */
  slowMs?: number;
  /** Coalesces change notifications to subscribers. */
  notifyDelayMs?: number;
  /** Coalesces watch events into one overview delta; bounds how late a change reaches open pages. */
  deltaDelayMs?: number;
  /** Concurrent page views share one built overview while nothing changed, for at most this long. */
  overviewMemoMs?: number;
};

export const DEFAULT_OPTIONS: Required<TReleaseViewOptions> = {
  firstLoadWaitMs: 3000,
  listTimeoutMs: 30_000,
  retryDelayMs: 2000,
  probeIntervalMs: 10_000,
  probeTimeoutMs: 3000,
  slowMs: 1500,
  notifyDelayMs: 250,
  deltaDelayMs: 40,
  overviewMemoMs: 1000,
};
