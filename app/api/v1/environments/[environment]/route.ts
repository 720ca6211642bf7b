import { getEnvironmentView } from '@/lib/release-view';
import { apiRoute } from '@/lib/http/api-route';
import { nameParam, segments } from '@/lib/http/params';

export const dynamic = 'force-dynamic';

/** One environment's releases with namespace facts (quota use, warning events). */
export function GET(
  request: Request,
  ctx: { params: Promise<{ environment: string }> },
): Promise<Response> {
  return apiRoute(request, 'environment', async () => {
    const p = await segments(ctx.params);
    return getEnvironmentView(nameParam('environment', p.environment));
  });
}
