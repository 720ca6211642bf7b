// What runs in a stage: the build of the last promotion that finished there,
// else what helm's release says (chart version, image tag) resolved to its
// archive digest through the chart source.
import { resolveChart } from '@/lib/charts';
import type { THelmdeckConfig, TRelease } from '@/lib/config';
import type { PrismaClient } from '@/lib/db';
import { helmGetValues, helmHistory, type THelmTarget } from '@/lib/helm';

export type TStageBuild = {
  chart: string;
  chartName: string;
  chartVersion: string;
  chartDigest: string;
  manifestDigest?: string | null;
  imageTag: string;
  verifiedAt: Date | null;
  deployedAt: Date | null;
};

export async function stageBuild(
  prisma: PrismaClient,
  a: {
    config: THelmdeckConfig;
    release: TRelease;
    environment: string;
    helm: THelmTarget;
    cacheDir: string;
  },
): Promise<TStageBuild | null> {
  const last = await prisma.promotion.findFirst({
    where: { release: a.release.name, toEnvironment: a.environment, state: 'succeeded' },
    orderBy: { finishedAt: 'desc' },
    include: { build: true },
  });
  let running: { version: string; tag: string; deployedAt: Date | null };
  try {
    // helm history names the chart "<name>-<version>" of every revision; the last deployed one runs.
    const history = await helmHistory(a.helm, { release: a.release.name, max: 20 });
    const live = history.filter((h) => h.status === 'deployed').at(-1);
    if (!live) return null;
    const version = /^.*?-(\d+\.\d+.*)$/.exec(live.chart)?.[1] ?? '';
    const values = await helmGetValues(a.helm, { release: a.release.name, all: true });
    const image = values.image as { tag?: unknown } | undefined;
    const tag = typeof image?.tag === 'string' && image.tag !== '' ? image.tag : live.app_version;
    running = { version, tag, deployedAt: live.updated ? new Date(live.updated) : null };
  } catch {
    return null;
  }
  if (last && last.build.chartVersion === running.version && last.build.imageTag === running.tag)
    return {
      chart: last.build.chart,
      chartName: last.build.chartName,
      chartVersion: last.build.chartVersion,
      chartDigest: last.build.chartDigest,
      manifestDigest: last.build.manifestDigest,
      imageTag: last.build.imageTag,
      verifiedAt: last.finishedAt,
      deployedAt: last.finishedAt,
    };
  const chart = await resolveChart({
    config: a.config,
    release: a.release,
    version: running.version,
    cacheDir: a.cacheDir,
    helm: a.helm.helm,
  });
  return {
    chart: chart.ref,
    chartName: chart.name,
    chartVersion: chart.version,
    chartDigest: chart.digest,
    manifestDigest: chart.manifestDigest ?? null,
    imageTag: running.tag,
    verifiedAt: null,
    deployedAt: running.deployedAt,
  };
}
