// The plain data one matrix cell needs about a release, and how to get it
// from a decoded release: the one summariser of the read path.
import { imageTag } from './manifest';
import type { TOrigin } from './provenance';
import { redactText } from './redact';
import type { THelmRelease } from './release-secret';
import { workloadImages } from './workload-images';
import type { THealth, TPodReason, TReleaseHealth } from './workload-health';

export type THealthSummary = {
  health: THealth;
  ready: number;
  desired: number;
  restarts: number;
  worstReason: TPodReason | null;
};

export type TRevisionVersions = {
  revision: number;
  status: string;
  chartVersion: string | null;
  appVersion: string | null;
  imageTag: string | null;
};

export type TReleaseSummary = {
  name: string;
  namespace: string;
  revision: number;
  status: string;
  chartName: string | null;
  chartVersion: string | null;
  appVersion: string | null;
  /** Tag of the release's main image (first container of the first workload). */
  imageTag: string | null;
  images: string[];
  /** ISO time of the last deploy. */
  lastDeployed: string | null;
  /** Who deployed, from the Operation that made this revision (never from helm's description). */
  deployedBy: string | null;
  /** helm's own description of the revision: free text, a claim at most. */
  description?: string;
  /** Who made the revision, once matched against the operations in Postgres. */
  origin?: TOrigin;
  health: THealthSummary | null;
  /**
   * Live drift: how many of the release's objects differ from what its chart
   * set (0: none); absent while unknown. The release page shows the fields.
   */
  liveDrift?: number;
  /** Earlier revisions' versions when known; lets drift count versions in between. */
  history?: TRevisionVersions[];
};

export function healthSummary(h: TReleaseHealth): THealthSummary {
  return {
    health: h.health,
    ready: h.ready,
    desired: h.desired,
    restarts: h.restarts,
    worstReason: h.worstReason,
  };
}

// Enough to show and to find Helmdeck's marker; helm allows much longer text.
const MAX_DESCRIPTION = 300;

/** A matrix-ready summary of a decoded release, plus what the caller knows besides. */
export function summarizeRelease(
  release: THelmRelease,
  extra: {
    health?: TReleaseHealth | null;
    deployedBy?: string | null;
    history?: TRevisionVersions[];
  } = {},
): TReleaseSummary {
  const workloads = workloadImages(release.manifest, release.namespace);
  const images = [...new Set(workloads.flatMap((w) => [...w.init, ...w.main]))];
  const main = workloads.find((w) => w.main.length > 0)?.main[0];
  return {
    name: release.name,
    namespace: release.namespace,
    revision: release.revision,
    status: release.info.status,
    chartName: release.chart.name || null,
    chartVersion: release.chart.version || null,
    appVersion: release.chart.appVersion,
    imageTag: main ? imageTag(main) : null,
    images,
    lastDeployed: release.info.lastDeployed,
    deployedBy: extra.deployedBy ?? null,
    description: redactText(release.info.description.slice(0, MAX_DESCRIPTION)),
    health: extra.health ? healthSummary(extra.health) : null,
    ...(extra.history ? { history: extra.history } : {}),
  };
}

export function versionsOf(s: TReleaseSummary): TRevisionVersions {
  return {
    revision: s.revision,
    status: s.status,
    chartVersion: s.chartVersion,
    appVersion: s.appVersion,
    imageTag: s.imageTag,
  };
}
