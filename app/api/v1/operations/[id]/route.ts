// One operation for CI and the operation page's polling fallback: its state,
// outcome, audit records and log lines after `afterLogId`.
import { AppError } from '@/lib/errors';
import { apiRoute } from '@/lib/http/api-route';
import { getOperationDetail } from '@/lib/operations';

export const dynamic = 'force-dynamic';

const WHOLE = /^\d{1,12}$/;

export function GET(request: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  return apiRoute(request, 'operation', async (principal, url) => {
    const raw = (await ctx.params).id;
    const after = url.searchParams.get('afterLogId') ?? '0';
    if (!WHOLE.test(raw))
      throw new AppError('invalid', 'Parameter "id" must be an operation number.', { param: 'id' });
    if (!WHOLE.test(after))
      throw new AppError('invalid', 'Parameter "afterLogId" must be a whole number.', {
        param: 'afterLogId',
      });
    const detail = await getOperationDetail(principal, Number(raw), Number(after));
    if (!detail)
      throw new AppError('not_found', `There is no operation #${raw} you may see.`, {
        notFound: 'operation',
      });
    return detail;
  });
}
