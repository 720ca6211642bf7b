// A promotion as the API and the pipeline page show it: its build, steps and
// check results; readable by whoever may view its environment.
import { getPrisma } from '@/lib/db';
import type { TActor } from '@/lib/operations';
import { decide } from '@/lib/policy';

const FINAL = new Set(['succeeded', 'failed', 'aborted', 'needs_attention']);

export async function getPromotion(actor: TActor, id: number) {
  const prisma = await getPrisma();
  const p = await prisma.promotion.findUnique({
    where: { id },
    include: {
      build: true,
      steps: { orderBy: [{ wave: 'asc' }, { id: 'asc' }] },
      checks: { orderBy: { id: 'asc' } },
    },
  });
  if (!p) return null;
  if (
    !decide({
      user: actor,
      action: 'view',
      target: { environment: p.toEnvironment, release: p.release },
    }).allow
  )
    return null;
  return { ...p, final: FINAL.has(p.state) };
}

/** The promotion once it is final or paused, or as it is after `waitMs` (a CI job's long poll). */
export async function waitForPromotion(actor: TActor, id: number, waitMs: number) {
  const until = Date.now() + waitMs;
  for (;;) {
    const p = await getPromotion(actor, id);
    if (!p || p.final || p.state === 'paused' || Date.now() >= until) return p;
    await new Promise((r) => setTimeout(r, Math.min(1000, until - Date.now())));
  }
}

/** A value as it arrives over JSON: dates become ISO strings. */
type TJsonOf<T> = T extends Date
  ? string
  : T extends Array<infer U>
    ? Array<TJsonOf<U>>
    : T extends object
      ? { [K in keyof T]: TJsonOf<T[K]> }
      : T;

/** A promotion as the API answers it and the promotion page shows it. */
export type TPromotionJson = TJsonOf<NonNullable<Awaited<ReturnType<typeof getPromotion>>>>;
