import { getEnvironmentDiff } from '@/lib/release-view';
import { apiRoute } from '@/lib/http/api-route';
import { nameParam, placeParam } from '@/lib/http/params';
import { authorizeRead } from '@/lib/auth/read-check';

export const dynamic = 'force-dynamic';

/** One release's current revisions in two places: `?release=alpha-members&left=staging/staging&right=production/east`. */
export function GET(request: Request): Promise<Response> {
  return apiRoute(request, 'environment diff', async (principal, url) => {
    const q = url.searchParams;
    const release = nameParam('release', q.get('release'));
    const left = placeParam('left', q.get('left'));
    const right = placeParam('right', q.get('right'));
    await authorizeRead(principal, left, right);
    return getEnvironmentDiff(release, left, right);
  });
}
