// What Helmdeck's own operations say about a blue/green release: the last
// idle test of a colour (a switch needs one that passed on the revision it
// switches to) and the last switch (switch back returns to where it came from,
// retire waits a while after it).
import type { PrismaClient } from '@/lib/db';

export type TPlace = { environment: string; cluster: string; release: string };

const SWITCH_KINDS = ['switch_traffic', 'switch_back'] as const;

/** The latest finished idle test of `colour`, with the revision it tested. */
export async function lastIdleTest(prisma: PrismaClient, place: TPlace, colour: string) {
  return prisma.operation.findFirst({
    where: {
      ...place,
      kind: 'test_idle',
      state: { in: ['succeeded', 'failed'] },
      params: { path: ['colour'], equals: colour },
    },
    orderBy: { id: 'desc' },
    select: { id: true, state: true, revisionAfter: true, error: true, finishedAt: true },
  });
}

/** The latest successful switch (traffic or back): from which colour to which, and when. */
export async function lastSwitch(prisma: PrismaClient, place: TPlace) {
  const op = await prisma.operation.findFirst({
    where: { ...place, kind: { in: [...SWITCH_KINDS] }, state: 'succeeded' },
    orderBy: { id: 'desc' },
    select: { id: true, kind: true, params: true, finishedAt: true },
  });
  if (!op) return null;
  const p = (op.params ?? {}) as { to?: unknown; from?: unknown };
  return {
    id: op.id,
    kind: op.kind,
    to: typeof p.to === 'string' ? p.to : null,
    from: typeof p.from === 'string' ? p.from : null,
    at: op.finishedAt,
  };
}
