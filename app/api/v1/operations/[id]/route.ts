// One operation for CI and the operation page's polling fallback: its state,
// outcome, audit records and log lines after `afterLogId`.
import { randomBytes } from 'node:crypto';
import { getOperationDetail } from '@/app/(app)/operations/_lib/read-operations';
import { jsonError, withPrincipal } from '../../_lib/api-route';

export const dynamic = 'force-dynamic';

const WHOLE = /^\d{1,12}$/;

export function GET(request: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  return withPrincipal(request, async (principal) => {
    const raw = (await ctx.params).id;
    const after = new URL(request.url).searchParams.get('afterLogId') ?? '0';
    if (!WHOLE.test(raw))
      return jsonError(400, 'Parameter "id" must be an operation number.', { param: 'id' });
    if (!WHOLE.test(after))
      return jsonError(400, 'Parameter "afterLogId" must be a whole number.', {
        param: 'afterLogId',
      });
    let detail;
    try {
      detail = await getOperationDetail(principal, Number(raw), Number(after));
    } catch (error) {
      const id = randomBytes(4).toString('hex');
      console.error(`[helmdeck] error ${id} in api operation:`, error);
      return jsonError(500, `Something went wrong (${id}).`);
    }
    if (!detail)
      return jsonError(404, `There is no operation #${raw} you may see.`, {
        notFound: 'operation',
      });
    return Response.json(detail, { headers: { 'cache-control': 'no-store' } });
  });
}
