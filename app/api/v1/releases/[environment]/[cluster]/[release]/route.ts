import { getReleaseDetail } from '@/lib/release-view';
import { apiRoute } from '@/lib/http/api-route';
import { nameParam, segments } from '@/lib/http/params';

export const dynamic = 'force-dynamic';

type TParams = { environment: string; cluster: string; release: string };

/** Status, notes, workloads, pods, services, ingress, events, values and manifest of a release. */
export function GET(request: Request, ctx: { params: Promise<TParams> }): Promise<Response> {
  return apiRoute(request, 'release', async () => {
    const p = await segments(ctx.params);
    return getReleaseDetail(
      nameParam('environment', p.environment),
      nameParam('cluster', p.cluster),
      nameParam('release', p.release),
    );
  });
}
