// The plain data one matrix cell needs about a release, and how to get it
// from a decoded release.
import {
  imageTag,
  imagesOf,
  mainImagesOf,
  splitManifest,
  type TManifestResource,
} from './manifest';
import type { THelmRelease } from './release-secret';
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
  /** Who deployed, when Helmdeck did it (from its audit log). */
  deployedBy: string | null;
  health: THealthSummary | null;
  /** Earlier revisions' versions when known; lets drift count versions in between. */
  history?: TRevisionVersions[];
};

const WORKLOAD_ORDER = ['Deployment', 'StatefulSet', 'DaemonSet', 'CronJob', 'Job', 'Pod'];

/** Images of a rendered manifest, main workload kinds first. */
export function manifestImages(manifest: string, namespace: string): string[] {
  return imagesOfResources([...splitManifest(manifest, namespace).resources.values()]);
}

function imagesOfResources(list: TManifestResource[]): string[] {
  const resources = [...list];
  const rank = (kind: string) => {
    const i = WORKLOAD_ORDER.indexOf(kind);
    return i < 0 ? WORKLOAD_ORDER.length : i;
  };
  resources.sort((a, b) => rank(a.kind) - rank(b.kind));
  const seen = new Set<string>();
  for (const r of resources) for (const img of imagesOf(r)) seen.add(img);
  return [...seen];
}

function mainImageTag(resources: TManifestResource[]): string | null {
  for (const kind of WORKLOAD_ORDER) {
    for (const r of resources) {
      const main = r.kind === kind ? mainImagesOf(r)[0] : undefined;
      if (main) return imageTag(main);
    }
  }
  return null;
}

export function healthSummary(h: TReleaseHealth): THealthSummary {
  return {
    health: h.health,
    ready: h.ready,
    desired: h.desired,
    restarts: h.restarts,
    worstReason: h.worstReason,
  };
}

/** A matrix-ready summary of a decoded release, plus what the caller knows besides. */
export function summarizeRelease(
  release: THelmRelease,
  extra: {
    health?: TReleaseHealth | null;
    deployedBy?: string | null;
    history?: TRevisionVersions[];
  } = {},
): TReleaseSummary {
  const resources = [...splitManifest(release.manifest, release.namespace).resources.values()];
  const images = imagesOfResources(resources);
  return {
    name: release.name,
    namespace: release.namespace,
    revision: release.revision,
    status: release.info.status,
    chartName: release.chart.name || null,
    chartVersion: release.chart.version || null,
    appVersion: release.chart.appVersion,
    imageTag: mainImageTag(resources),
    images,
    lastDeployed: release.info.lastDeployed,
    deployedBy: extra.deployedBy ?? null,
    health: extra.health ? healthSummary(extra.health) : null,
    ...(extra.history ? { history: extra.history } : {}),
  };
}
