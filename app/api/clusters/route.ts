import { apiRoute } from '@/lib/http/api-route';
import { getClusterStatus } from '@/lib/kube/cluster-status';
import { runtimeConfig } from '@/lib/runtime';

export const dynamic = 'force-dynamic';

/** Cluster reachability for the overview's refresh; signed-in users and API tokens only. */
export function GET(request: Request): Promise<Response> {
  return apiRoute(request, 'clusters', () => getClusterStatus(runtimeConfig()));
}
