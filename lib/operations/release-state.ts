// What helm's own storage says about a release: the revisions and their
// status, read from the release Secrets' labels with one API call (no helm
// process), and the helm target for a configured environment and cluster.
import type { THelmTarget } from '@/lib/helm';
import { findCluster, findEnvironment, type TCluster, type TEnvironment } from '@/lib/config';
import { kubeClients, operationsRuntime } from './runtime';

export type TRevisionState = { revision: number; status: string };

export type TReleaseLocation = { environment: TEnvironment; cluster: TCluster; release: string };

/** Where an operation's helm release lives, from the configuration Helmdeck runs with now. */
export function locationOf(
  op: { environment: string; cluster: string },
  release: string,
): TReleaseLocation {
  const { config } = operationsRuntime();
  const environment = findEnvironment(config, op.environment);
  const cluster = environment && findCluster(environment, op.cluster);
  if (!environment || !cluster)
    throw new Error(`${op.environment}/${op.cluster} is no longer in the configuration`);
  return { environment, cluster, release };
}

export function helmTarget(
  loc: Pick<TReleaseLocation, 'environment' | 'cluster'>,
  extra: Partial<THelmTarget> = {},
): THelmTarget {
  const rt = operationsRuntime();
  return {
    helm: rt.helm,
    kubeconfig: rt.kubeconfig,
    kubeContext: loc.cluster.context,
    namespace: loc.environment.namespace,
    ...extra,
  };
}

/** Every stored revision of the release, oldest first; [] when it is not installed. */
export async function releaseRevisions(loc: TReleaseLocation): Promise<TRevisionState[]> {
  const { core } = kubeClients(loc.cluster.context);
  const list = await core.listNamespacedSecret({
    namespace: loc.environment.namespace,
    labelSelector: `owner=helm,name=${loc.release}`,
  });
  return list.items
    .map((s) => ({
      revision: Number(s.metadata?.labels?.version),
      status: s.metadata?.labels?.status ?? 'unknown',
    }))
    .filter((r) => Number.isInteger(r.revision) && r.revision > 0)
    .sort((a, b) => a.revision - b.revision);
}

export const isPending = (status: string) => status.startsWith('pending-');
