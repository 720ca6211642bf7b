import { getClusterStatus } from '@/app/_lib/cluster-status';
import { runRoute } from '@/app/_lib/run-route';
import { requireApiUser } from '@/lib/auth/session';
import { getConfig } from '@/lib/config';

export const dynamic = 'force-dynamic';

/** Cluster reachability for the overview's refresh; signed-in users only. */
export async function GET(): Promise<Response> {
  return runRoute('clusters', async () => {
    await requireApiUser();
    return Response.json(await getClusterStatus(getConfig()), {
      headers: { 'cache-control': 'no-store' },
    });
  });
}
