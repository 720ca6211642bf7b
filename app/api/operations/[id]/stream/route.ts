// Live progress of one operation as server-sent events (see lib/operations/progress-stream).
import { AppError } from '@/lib/errors';
import { apiRoute } from '@/lib/http/api-route';
import { sseResponse } from '@/lib/http/sse';
import { operationProgressStream } from '@/lib/operations/progress-stream';

export const dynamic = 'force-dynamic';

export function GET(request: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  return apiRoute(request, 'operation stream', async (principal, url) => {
    const raw = (await ctx.params).id;
    if (!/^\d{1,12}$/.test(raw))
      throw new AppError('invalid', 'Parameter "id" must be an operation number.', { param: 'id' });
    const after = url.searchParams.get('afterLogId') ?? '0';
    const afterLogId = /^\d{1,15}$/.test(after) ? Number(after) : 0;
    const stream = await operationProgressStream(
      principal,
      Number(raw),
      afterLogId,
      request.signal,
    );
    if (!stream)
      throw new AppError('not_found', `There is no operation #${raw} you may see.`, {
        notFound: 'operation',
      });
    return sseResponse(stream);
  });
}
