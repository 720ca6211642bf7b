import { getReleaseHistory } from '@/lib/release-view';
import { apiRoute } from '@/lib/http/api-route';
import { nameParam, segments } from '@/lib/http/params';
import { authorizeRead } from '@/lib/auth/read-check';

export const dynamic = 'force-dynamic';

type TParams = { environment: string; cluster: string; release: string };

/** Every revision of a release, newest first. */
export function GET(request: Request, ctx: { params: Promise<TParams> }): Promise<Response> {
  return apiRoute(request, 'release history', async (principal) => {
    const p = await segments(ctx.params);
    const environment = nameParam('environment', p.environment);
    const cluster = nameParam('cluster', p.cluster);
    await authorizeRead(principal, { environment, cluster });
    return getReleaseHistory(environment, cluster, nameParam('release', p.release));
  });
}
