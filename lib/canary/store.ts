// The canary's state in Postgres: one row per canary (build, step, failures,
// how it ended) and its analyses. The weight the cluster serves is read from
// the canary Ingress; the kinds that change it write the row in the same step.
import type { PrismaClient } from '@/lib/db';

export type TCanaryPlace = { environment: string; cluster: string; release: string };

export const ACTIVE_CANARY_STATES = ['running', 'paused'] as const;

/** The canary of this place that is running or paused, if any. */
export function activeCanary(prisma: PrismaClient, place: TCanaryPlace) {
  return prisma.canary.findFirst({
    where: { ...place, state: { in: [...ACTIVE_CANARY_STATES] } },
    orderBy: { id: 'desc' },
  });
}

export type TCanaryRow = NonNullable<Awaited<ReturnType<typeof activeCanary>>>;

/** The place's canaries, newest first, with their analyses (newest first). */
export function canaryHistory(prisma: PrismaClient, place: TCanaryPlace, take = 10) {
  return prisma.canary.findMany({
    where: place,
    orderBy: { id: 'desc' },
    take,
    include: { analyses: { orderBy: { id: 'desc' }, take: 50 } },
  });
}

/** Ends the place's active canary (promoted or aborted) with a reason. */
export async function endCanary(
  prisma: PrismaClient,
  place: TCanaryPlace,
  state: 'promoted' | 'aborted',
  reason: string | null,
): Promise<void> {
  await prisma.canary.updateMany({
    where: { ...place, state: { in: [...ACTIVE_CANARY_STATES] } },
    data: { state, reason, finishedAt: new Date(), ...(state === 'aborted' ? { weight: 0 } : {}) },
  });
}
