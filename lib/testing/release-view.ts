// The release view over sandbox clusters, as integration tests set it up:
// read with Helmdeck's own credentials from the sandbox's kubeconfig.
import { createClusterClients } from '@/lib/kube/clients';
import { loadKubeConfig } from '@/lib/kube/kubeconfig';
import { configureReleaseView, getReleaseDetail, type TViewConfig } from '@/lib/release-view';
import type { TReleaseViewOptions } from '@/lib/release-view';
import { waitFor } from './wait-for';

/** Points the release view at the clusters of `kubeconfigPath`, with `config`'s environments and releases. */
export function viewSandbox(
  kubeconfigPath: string,
  config: TViewConfig,
  options?: TReleaseViewOptions,
): ReturnType<typeof configureReleaseView> {
  const { kubeConfig, source } = loadKubeConfig({ files: [kubeconfigPath], inCluster: false });
  return configureReleaseView({
    config,
    clientsFor: (context) => createClusterClients(kubeConfig, context, source),
    options,
  });
}

/** staging on cluster staging and production on cluster east, with `release` promoted through both. */
export function stagingAndEast(release: string): TViewConfig {
  return {
    environments: [
      {
        name: 'staging',
        namespace: 'staging',
        clusters: [{ name: 'staging', context: 'staging' }],
      },
      {
        name: 'production',
        namespace: 'production',
        clusters: [{ name: 'east', context: 'east' }],
      },
    ],
    releases: [{ name: release, promotion: ['staging', 'production'] }],
  };
}

/** Waits until every [environment, cluster, release] answers: a loaded machine may take a while for the first LIST. */
export async function waitForReleaseView(places: [string, string, string][]): Promise<void> {
  await waitFor('the release view to load', async () => {
    try {
      for (const [environment, cluster, release] of places) {
        await getReleaseDetail(environment, cluster, release);
      }
      return true;
    } catch {
      return false;
    }
  });
}
