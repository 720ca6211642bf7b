// Feature flag values per environment and cluster, as the last toggle set
// them. They form the last values layer of every deploy of that place.
import type { TRelease } from '@/lib/config';
import type { PrismaClient } from '@/lib/db';
import { withValueAt } from '@/lib/strategies/values-layers';

export type TFlagPlace = { environment: string; cluster: string; release: string };

/** The place's stored flag values as a values layer (only flags still configured, at their paths). */
export async function flagLayer(
  prisma: PrismaClient,
  configured: Pick<TRelease, 'flags'>,
  place: TFlagPlace,
): Promise<Record<string, unknown>> {
  if (configured.flags.length === 0) return {};
  const rows = await prisma.flagValue.findMany({ where: place });
  let layer: Record<string, unknown> = {};
  for (const f of configured.flags) {
    const row = rows.find((r) => r.flag === f.name);
    if (row) layer = withValueAt(layer, f.path, row.value);
  }
  return layer;
}

export async function storeFlag(
  prisma: PrismaClient,
  place: TFlagPlace,
  flag: string,
  value: unknown,
  userId: string,
): Promise<void> {
  const key = { ...place, flag };
  await prisma.flagValue.upsert({
    where: { environment_cluster_release_flag: key },
    create: { ...key, value: value as never, updatedById: userId },
    update: { value: value as never, updatedById: userId },
  });
}
