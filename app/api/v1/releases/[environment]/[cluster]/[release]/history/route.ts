import { getReleaseHistory } from '@/lib/release-view';
import { apiRoute } from '@/lib/http/api-route';
import { nameParam, segments } from '@/lib/http/params';

export const dynamic = 'force-dynamic';

type TParams = { environment: string; cluster: string; release: string };

/** Every revision of a release, newest first. */
export function GET(request: Request, ctx: { params: Promise<TParams> }): Promise<Response> {
  return apiRoute(request, 'release history', async () => {
    const p = await segments(ctx.params);
    return getReleaseHistory(
      nameParam('environment', p.environment),
      nameParam('cluster', p.cluster),
      nameParam('release', p.release),
    );
  });
}
