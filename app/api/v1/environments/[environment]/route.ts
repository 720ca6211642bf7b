import { getEnvironmentView } from '@/lib/release-view';
import { apiRoute } from '@/lib/http/api-route';
import { nameParam, segments } from '@/lib/http/params';
import { authorizeRead } from '@/lib/auth/read-check';

export const dynamic = 'force-dynamic';

/** One environment's releases with namespace facts (quota use, warning events). */
export function GET(
  request: Request,
  ctx: { params: Promise<{ environment: string }> },
): Promise<Response> {
  return apiRoute(request, 'environment', async (principal) => {
    const p = await segments(ctx.params);
    const environment = nameParam('environment', p.environment);
    await authorizeRead(principal, { environment });
    return getEnvironmentView(environment);
  });
}
