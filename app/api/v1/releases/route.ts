import { getOverviewMatrix } from '@/lib/release-view';
import { apiRoute } from '@/lib/http/api-route';

export const dynamic = 'force-dynamic';

/** The release matrix: releases × environments × clusters, drift and per-cluster state. */
export function GET(request: Request): Promise<Response> {
  return apiRoute(request, 'releases', () => getOverviewMatrix());
}
