import { getRevisionDiff } from '@/lib/release-view';
import { apiRoute } from '@/lib/http/api-route';
import { nameParam, revisionParam, segments } from '@/lib/http/params';
import { authorizeRead } from '@/lib/auth/read-check';

export const dynamic = 'force-dynamic';

type TParams = { environment: string; cluster: string; release: string };

/** Diff of two revisions: `?from=3&to=5`. Secret values appear only as changed. */
export function GET(request: Request, ctx: { params: Promise<TParams> }): Promise<Response> {
  return apiRoute(request, 'revision diff', async (principal, url) => {
    const p = await segments(ctx.params);
    const environment = nameParam('environment', p.environment);
    const cluster = nameParam('cluster', p.cluster);
    await authorizeRead(principal, { environment, cluster });
    const release = nameParam('release', p.release);
    const from = revisionParam('from', url.searchParams.get('from'));
    const to = revisionParam('to', url.searchParams.get('to'));
    return getRevisionDiff(environment, cluster, release, from, to);
  });
}
