// The build a helm release runs now (chart version and main image tag of its
// latest revision), read from helm's release Secrets: what a switch names,
// what a canary promotes, what the idle test expects the pods to report.
import { describeKubeError, withTimeout } from '@/lib/kube';
import { decodeReleaseSecret } from '@/lib/releases/release-secret';
import { summarizeRelease } from '@/lib/releases/summary';
import { StrategyError, type TStrategyKube } from './kube-calls';

export type TReleaseBuild = {
  release: string;
  revision: number;
  status: string;
  chartName: string | null;
  chartVersion: string | null;
  appVersion: string | null;
  imageTag: string | null;
  lastDeployed: string | null;
  /** The user-supplied values of that revision (flags are read from here; never sent to a page unredacted). */
  values: Record<string, unknown>;
  /** The chart's default values of that revision (computed values = defaults merged with values). */
  chartValues: Record<string, unknown>;
};

/** The latest revision's build, or null when the release is not installed. */
export async function releaseBuild(
  kube: TStrategyKube,
  namespace: string,
  release: string,
): Promise<TReleaseBuild | null> {
  const list = await kube.core
    .listNamespacedSecret(
      { namespace, labelSelector: `owner=helm,name=${release}` },
      withTimeout(15_000),
    )
    .catch((e: unknown) => {
      throw new StrategyError(
        `release ${namespace}/${release}: ${describeKubeError(e, 15_000)}`,
        'unavailable',
      );
    });
  const latest = list.items
    .filter((s) => Number.isInteger(Number(s.metadata?.labels?.version)))
    .sort((a, b) => Number(b.metadata?.labels?.version) - Number(a.metadata?.labels?.version))[0];
  if (!latest || latest.metadata?.labels?.status === 'uninstalled') return null;
  const decoded = decodeReleaseSecret(latest as Parameters<typeof decodeReleaseSecret>[0]);
  const s = summarizeRelease(decoded);
  return {
    release,
    revision: s.revision,
    status: s.status,
    chartName: s.chartName,
    chartVersion: s.chartVersion,
    appVersion: s.appVersion,
    imageTag: s.imageTag,
    lastDeployed: s.lastDeployed,
    values: decoded.config,
    chartValues: decoded.chartValues,
  };
}
