// Promotions for CI pipelines: POST starts one (release, from, to; or, for a
// first stage, an explicit build) and answers 202 with it; the waves then run
// in this process. 400 bad input, 403 policy, 409 a gate or another promotion.
import { z } from 'zod';
import { ForbiddenError, OperationInputError } from '@/lib/operations';
import {
  createPromotion,
  PromotionGateError,
  PromotionInProgressError,
  runPromotion,
} from '@/lib/promotions';
import { jsonError, withPrincipal } from '../_lib/api-route';

export const dynamic = 'force-dynamic';

const ZBody = z.strictObject({
  release: z.string().min(1).max(53),
  from: z.string().min(1).max(63).optional(),
  to: z.string().min(1).max(63),
  build: z
    .strictObject({
      chartVersion: z.string().min(1).max(128),
      imageTag: z.string().min(1).max(128),
    })
    .optional(),
  ticketId: z.number().int().positive().optional(),
});

export async function POST(request: Request): Promise<Response> {
  return withPrincipal(request, async (principal) => {
    let body: unknown;
    try {
      body = JSON.parse(await request.text());
    } catch {
      return jsonError(
        400,
        'The request body must be JSON: {"release", "from", "to"} or {"release", "to", "build"}.',
      );
    }
    const parsed = ZBody.safeParse(body);
    if (!parsed.success)
      return jsonError(400, 'The request is invalid.', {
        problems: parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`),
      });
    try {
      const p = await createPromotion({ actor: principal, ...parsed.data });
      void runPromotion(p.id).catch((e: unknown) => console.error(`[promotions] #${p.id}:`, e));
      return Response.json(
        {
          promotion: {
            id: p.id,
            state: p.state,
            release: p.release,
            to: p.toEnvironment,
            build: p.build,
            waves: p.waves,
          },
          links: { self: `/api/v1/promotions/${p.id}` },
        },
        {
          status: 202,
          headers: { 'cache-control': 'no-store', location: `/api/v1/promotions/${p.id}` },
        },
      );
    } catch (e) {
      if (e instanceof ForbiddenError) return jsonError(403, e.userMessage);
      if (e instanceof PromotionGateError)
        return jsonError(409, e.userMessage, { gates: e.refusals });
      if (e instanceof PromotionInProgressError)
        return jsonError(409, e.userMessage, { promotionId: e.promotionId });
      if (e instanceof OperationInputError)
        return jsonError(400, e.userMessage, { problems: e.problems });
      throw e;
    }
  });
}
