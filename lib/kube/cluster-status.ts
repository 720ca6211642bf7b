// Reachability of every configured cluster, as the overview, /api/clusters and readiness show it.
import type { THelmdeckConfig } from '@/lib/config';
import { checkClusters } from './check-clusters';
export interface TClusterStatus {
  environment: string;
  cluster: string;
  context: string;
  namespace: string;
  reachable: boolean;
  /** Server version when reachable, the reason when not. */
  detail: string | null;
}

export interface TClusterStatusReport {
  checkedAt: string;
  clusters: TClusterStatus[];
}

/** Reachability of every configured cluster, in configuration order. */
export async function getClusterStatus(config: THelmdeckConfig): Promise<TClusterStatusReport> {
  const results = await checkClusters(config);
  return {
    checkedAt: new Date().toISOString(),
    clusters: config.environments.flatMap((env) =>
      env.clusters.map((cluster) => {
        const result = results.find(
          (r) => r.environment === env.name && r.cluster === cluster.name,
        );
        return {
          environment: env.name,
          cluster: cluster.name,
          context: cluster.context,
          namespace: env.namespace,
          reachable: result?.reachable ?? false,
          detail: result
            ? result.reachable
              ? (result.serverVersion ?? null)
              : (result.error ?? 'unreachable')
            : 'not checked',
        };
      }),
    ),
  };
}
