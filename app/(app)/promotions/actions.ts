'use server';

// Server actions of the pipeline and promotion pages. Each authenticates
// (requireUser), validates with zod and calls one lib/promotions function,
// which authorises through lib/policy and audits (refusals included).
import { z } from 'zod';
import { runAction } from '@/app/_lib/run-action';
import { requireUser } from '@/lib/auth/session';
import { AppError, type TActionResult } from '@/lib/errors';
import {
  controlPromotion,
  createPromotion,
  createPromotionTicket,
  previewPromotion,
  runPromotion,
  type TPromotionPreview,
} from '@/lib/promotions';

const ZTarget = z.strictObject({
  release: z.string().min(1).max(53),
  to: z.string().min(1).max(63),
});
const ZPromote = ZTarget.extend({
  ticketId: z.coerce.number().int().positive().optional(),
});
const ZControl = z.strictObject({
  id: z.number().int().positive(),
  action: z.enum(['pause', 'resume', 'abort']),
});

function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`);
  throw new AppError('invalid', problems.join('; '), { problems });
}

/** What promoting into `to` would carry and change, and which gates refuse it. */
export async function previewPromotionAction(
  input: unknown,
): Promise<TActionResult<TPromotionPreview>> {
  return runAction('previewPromotion', async () =>
    previewPromotion(await requireUser(), parse(ZTarget, input)),
  );
}

/** Starts a promotion into the next stage; its waves run in this process. */
export async function promoteAction(input: unknown): Promise<TActionResult<{ id: number }>> {
  return runAction('promote', async () => {
    const p = await createPromotion({ actor: await requireUser(), ...parse(ZPromote, input) });
    void runPromotion(p.id).catch((e: unknown) => console.error(`[promotions] #${p.id}:`, e));
    return { id: p.id };
  });
}

/** Pause or abort between waves; resume a paused promotion. */
export async function controlPromotionAction(input: unknown): Promise<TActionResult<null>> {
  return runAction('controlPromotion', async () => {
    const { id, action } = parse(ZControl, input);
    await controlPromotion(id, action, await requireUser());
    return null;
  });
}

/** A draft change ticket bound to the build and clusters this promotion would carry. */
export async function createPromotionTicketAction(
  input: unknown,
): Promise<TActionResult<{ id: number }>> {
  return runAction('createPromotionTicket', async () =>
    createPromotionTicket(await requireUser(), parse(ZTarget, input)),
  );
}
