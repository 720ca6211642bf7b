import { apiRoute } from '@/lib/http/api-route';
import { getClusterStatus } from '@/lib/kube/cluster-status';
import { assertSomeRole, visibleOnly } from '@/lib/policy';
import { runtimeConfig } from '@/lib/runtime';

export const dynamic = 'force-dynamic';

/** Cluster reachability for the overview's refresh: the clusters of the caller's environments. */
export function GET(request: Request): Promise<Response> {
  return apiRoute(request, 'clusters', async (principal) => {
    assertSomeRole(principal);
    const report = await getClusterStatus(runtimeConfig());
    return { ...report, clusters: visibleOnly(principal, report.clusters, (c) => c.environment) };
  });
}
