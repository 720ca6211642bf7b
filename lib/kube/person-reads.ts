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
import type { TKubeIdentity } from './impersonation';

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

/** A cluster acting as the person has no identity to act as (no such user). */
export const unknownPersonOn = (cluster: string) => `Cluster ${cluster} cannot tell who you are.`;

type TEnvironment = ReturnType<typeof releaseView>['config']['environments'][number];

const impersonating = (env: TEnvironment, cluster?: string) =>
  env.clusters.filter(
    (c) => c.impersonate === true && (cluster === undefined || c.name === cluster),
  );

/** Whether any configured cluster acts as the person (otherwise Helmdeck's roles are all). */
export function anyImpersonating(): boolean {
  return releaseView().config.environments.some((env) => impersonating(env).length > 0);
}

/**
 * Asks each impersonating cluster why it refuses `user` an environment's
 * page reads (null: it lets them). The person's cluster identity is read from
 * Postgres once, on the first cluster that needs it, for all the questions.
 */
function refusalsFor(user: { id: string }) {
  const view = releaseView();
  let identity: Promise<TKubeIdentity | null> | undefined;
  return async (env: TEnvironment, cluster: string): Promise<string | null> => {
    identity ??= getPrisma().then((prisma) => kubeIdentityOf(prisma, user.id));
    const who = await identity;
    if (!who) return unknownPersonOn(cluster);
    const clients = view.clusterViews().find((c) => c.name === cluster)?.clients;
    if (!clients) return null;
    const access = await checkReadAccess(clients, who, pageReads(env.namespace));
    return access.allowed
      ? null
      : `Cluster ${cluster} does not let you read ${env.name}: ${access.message}`;
  };
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
  const environments = releaseView().config.environments;
  const refusal = refusalsFor(user);
  for (const place of places) {
    const env = environments.find((e) => e.name === place.environment);
    if (!env) continue;
    for (const cluster of impersonating(env, place.cluster)) {
      const why = await refusal(env, cluster.name);
      if (why) throw new AppError('forbidden', why, { cluster: cluster.name });
    }
  }
}

/**
 * The places (environment and cluster) that impersonating clusters refuse
 * `user`: the overview, the releases list and the live stream leave them
 * out, as the pages behind them would answer 403.
 */
export async function refusedPlaces(user: {
  id: string;
}): Promise<{ environment: string; cluster: string }[]> {
  const refusal = refusalsFor(user);
  const refused: { environment: string; cluster: string }[] = [];
  for (const env of releaseView().config.environments) {
    for (const cluster of impersonating(env)) {
      if (await refusal(env, cluster.name))
        refused.push({ environment: env.name, cluster: cluster.name });
    }
  }
  return refused;
}
