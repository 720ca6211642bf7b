// The cluster's own say on a person's reads. Pages and the REST API answer
// from the release view's watch caches (Helmdeck's credentials); on a cluster with
// `impersonate: true` the reads a page stands for are first tried as the
// person (checkReadAccess: cheap, cached briefly), so the cluster's RBAC
// applies on top of Helmdeck's roles. A refusal names the verb and resource,
// in the cluster's own words.
import { getPrisma } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { releaseView } from '@/lib/release-view/release-view';
import { kubeIdentityOf } from '@/lib/users/kube-identity';
import { checkReadAccess, type TReadNeed } from './access-check';

export type TReadPlace = { environment: string; cluster?: string };

/** What a release or environment page shows of a namespace: helm's release Secrets, workloads, pods, events. */
function pageReads(namespace: string): TReadNeed[] {
  return [
    { verb: 'list', resource: 'secrets', namespace },
    { verb: 'list', resource: 'deployments', namespace },
    { verb: 'list', resource: 'pods', namespace },
    { verb: 'list', resource: 'events', namespace },
  ];
}

/**
 * Refuses (403) unless every impersonating cluster of `places` (every
 * cluster of the environment when none is named) lets `user` read it.
 * Clusters without `impersonate: true` are Helmdeck's roles alone.
 */
export async function assertClusterReads(
  user: { id: string },
  places: readonly TReadPlace[],
): Promise<void> {
  const view = releaseView();
  for (const place of places) {
    const env = view.config.environments.find((e) => e.name === place.environment);
    if (!env) continue;
    const clusters = env.clusters.filter(
      (c) => c.impersonate === true && (place.cluster === undefined || c.name === place.cluster),
    );
    for (const cluster of clusters) {
      const who = await kubeIdentityOf(await getPrisma(), user.id);
      if (!who) throw new AppError('forbidden', `Cluster ${cluster.name} cannot tell who you are.`);
      const clients = view.clusterViews().find((c) => c.name === cluster.name)?.clients;
      if (!clients) continue;
      const access = await checkReadAccess(clients, who, pageReads(env.namespace));
      if (!access.allowed)
        throw new AppError(
          'forbidden',
          `Cluster ${cluster.name} does not let you read ${env.name}: ${access.message}`,
          { cluster: cluster.name },
        );
    }
  }
}
