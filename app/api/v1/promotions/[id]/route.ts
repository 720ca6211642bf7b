// One promotion with its steps and checks. `?wait=<seconds>` (at most 600)
// holds the answer until it is final or paused, so a CI job can fail when
// the promotion fails.
import { waitForPromotion } from '@/lib/promotions/read-promotion';
import { jsonError, withPrincipal } from '../../_lib/api-route';

export const dynamic = 'force-dynamic';

const WHOLE = /^\d{1,9}$/;

export function GET(request: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  return withPrincipal(request, async (principal) => {
    const raw = (await ctx.params).id;
    const wait = new URL(request.url).searchParams.get('wait') ?? '0';
    if (!WHOLE.test(raw))
      return jsonError(400, 'Parameter "id" must be a promotion number.', { param: 'id' });
    if (!WHOLE.test(wait) || Number(wait) > 600)
      return jsonError(400, 'Parameter "wait" must be whole seconds, at most 600.', {
        param: 'wait',
      });
    const p = await waitForPromotion(principal, Number(raw), Number(wait) * 1000);
    if (!p)
      return jsonError(404, `There is no promotion #${raw} you may see.`, {
        notFound: 'promotion',
      });
    return Response.json({ promotion: p }, { headers: { 'cache-control': 'no-store' } });
  });
}
