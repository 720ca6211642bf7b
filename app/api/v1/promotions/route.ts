// Promotions for CI pipelines: POST starts one (release, from, to; or, for a
// first stage, an explicit build) and answers 202 with it; the waves then run
// in this process. 400 bad input, 403 policy, 409 a gate (named) or another promotion.
import { z } from 'zod';
import { AppError } from '@/lib/errors';
import { apiRoute, jsonBody } from '@/lib/http/api-route';
import { createPromotion, runPromotion } from '@/lib/promotions';
import { ZImageTag } from '@/lib/values';

export const dynamic = 'force-dynamic';

const ZBody = z.strictObject({
  release: z.string().min(1).max(53),
  from: z.string().min(1).max(63).optional(),
  to: z.string().min(1).max(63),
  build: z
    .strictObject({
      chartVersion: z.string().min(1).max(128),
      imageTag: ZImageTag,
    })
    .optional(),
  ticketId: z.number().int().positive().optional(),
});

export function POST(request: Request): Promise<Response> {
  return apiRoute(
    request,
    'promotions.create',
    async (principal) => {
      const parsed = ZBody.safeParse(
        await jsonBody(request, {
          shape: '{"release", "from", "to"} or {"release", "to", "build"}',
        }),
      );
      if (!parsed.success) {
        const problems = parsed.error.issues.map(
          (i) => `${i.path.join('.') || 'body'}: ${i.message}`,
        );
        throw new AppError('invalid', problems.join('; '), { problems });
      }
      const p = await createPromotion({ actor: principal, ...parsed.data });
      void runPromotion(p.id).catch((e: unknown) => console.error(`[promotions] #${p.id}:`, e));
      return {
        promotion: {
          id: p.id,
          state: p.state,
          release: p.release,
          to: p.toEnvironment,
          build: p.build,
          waves: p.waves,
        },
        links: { self: `/api/v1/promotions/${p.id}` },
      };
    },
    { status: 202 },
  );
}
