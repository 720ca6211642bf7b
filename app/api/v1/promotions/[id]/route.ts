// One promotion with its steps and checks. `?wait=<seconds>` (at most 600)
// holds the answer until it is final or paused, so a CI job can fail when
// the promotion fails.
import { AppError } from '@/lib/errors';
import { apiRoute, type TIdParams } from '@/lib/http/api-route';
import { waitForPromotion } from '@/lib/promotions/read-promotion';

export const dynamic = 'force-dynamic';

const WHOLE = /^\d{1,9}$/;

export function GET(request: Request, ctx: TIdParams): Promise<Response> {
  return apiRoute(request, 'promotions.get', async (principal, url) => {
    const raw = (await ctx.params).id;
    const wait = url.searchParams.get('wait') ?? '0';
    if (!WHOLE.test(raw))
      throw new AppError('invalid', 'Parameter "id" must be a promotion number.', { param: 'id' });
    if (!WHOLE.test(wait) || Number(wait) > 600)
      throw new AppError('invalid', 'Parameter "wait" must be whole seconds, at most 600.', {
        param: 'wait',
      });
    const p = await waitForPromotion(principal, Number(raw), Number(wait) * 1000);
    if (!p)
      throw new AppError('not_found', `There is no promotion #${raw} you may see.`, {
        notFound: 'promotion',
      });
    return { promotion: p };
  });
}
