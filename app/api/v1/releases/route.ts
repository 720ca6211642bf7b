import { getOverviewMatrix } from '@/lib/release-view';
import { hiddenColumns } from '@/lib/auth/read-check';
import { apiRoute } from '@/lib/http/api-route';
import { assertSomeRole, overviewFor } from '@/lib/policy';

export const dynamic = 'force-dynamic';

/** The release matrix: releases × environments × clusters, drift and per-cluster state; only the caller's environments, less the clusters that refuse them. */
export function GET(request: Request): Promise<Response> {
  return apiRoute(request, 'releases', async (principal) => {
    assertSomeRole(principal);
    return overviewFor(principal, await getOverviewMatrix(), await hiddenColumns(principal));
  });
}
