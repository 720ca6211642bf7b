// The chart archive an install or upgrade gives helm. The release's own chart
// goes through lib/charts (a repository's or registry's exact version, or the
// local folder packaged), so helm gets one archive named by its digest and
// the operation records which; another allow-listed chart is handed to helm
// as it is referenced.
import { chartCacheDir, ChartSourceError, resolveChart } from '@/lib/charts';
import type { THelmdeckConfig, TRelease } from '@/lib/config';
import { getPrisma } from '@/lib/db';
import { env } from '@/lib/env';
import type { THelmBinary } from '@/lib/helm';
import { OperationInputError } from '../errors';
import type { TChartChoice } from './kind';

export type TDeployChart = {
  /** What helm gets: an archive path, or the reference as configured. */
  chart: string;
  /** helm --version; only when helm resolves the reference itself. */
  version?: string;
  /** The archive's digest when Helmdeck resolved it. */
  digest?: string;
  /** The version that deploys. */
  chartVersion?: string;
};

/** Resolves the release's configured chart to its archive; other charts pass through. */
export async function deployChart(a: {
  config: THelmdeckConfig;
  configured: TRelease;
  chart: TChartChoice;
  helm?: THelmBinary;
}): Promise<TDeployChart> {
  if (a.chart.ref !== a.configured.chart)
    return { chart: a.chart.helmRef, version: a.chart.version, chartVersion: a.chart.version };
  try {
    const resolved = await resolveChart({
      config: a.config,
      release: a.configured,
      version: a.chart.version,
      cacheDir: chartCacheDir(env().HELMDECK_DATA_DIR),
      helm: a.helm,
    });
    return { chart: resolved.archive, digest: resolved.digest, chartVersion: resolved.version };
  } catch (e) {
    if (e instanceof ChartSourceError) throw new OperationInputError([`chart: ${e.message}`]);
    throw e;
  }
}

/** Writes the resolved chart onto the operation's row before helm runs, so a failed run names it too. */
export async function recordDeployChart(operationId: number, chart: TDeployChart): Promise<void> {
  if (!chart.digest) return;
  await (
    await getPrisma()
  ).operation.update({
    where: { id: operationId },
    data: { chartDigest: chart.digest, chartVersion: chart.chartVersion },
  });
}
