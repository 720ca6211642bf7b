import 'server-only';
import type { THelmdeckConfig } from '@/lib/config';
import { checkClusters } from '@/lib/kube';
import type { TClusterStatusReport } from './cluster-status-types';

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
