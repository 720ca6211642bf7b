// Lookups the app and the worker need around a loaded configuration.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { chartRefusal } from './chart-allow';
import type { THelmdeckConfig, TRelease } from './load-config';
import type { TCluster, TEnvironment } from './schema';

export function findEnvironment(config: THelmdeckConfig, name: string): TEnvironment | undefined {
  return config.environments.find((e) => e.name === name);
}

export function findCluster(environment: TEnvironment, name: string): TCluster | undefined {
  return environment.clusters.find((c) => c.name === name);
}

export function findRelease(config: THelmdeckConfig, name: string): TRelease | undefined {
  return config.releases.find((r) => r.name === name);
}

/**
 * Why an operation may not use chart `ref` (null when it may): allowedCharts
 * when the list is set, else only the charts the configured releases name.
 */
export function chartRefusalIn(config: THelmdeckConfig, ref: string): string | null {
  return chartRefusal(
    {
      allowedCharts: config.allowedCharts,
      configured: config.releases.map((r) => r.chart),
      baseDir: config.source.dir,
    },
    ref,
  );
}

/**
 * Absolute values files for a release on one cluster, in helm's -f order:
 * the environment's valuesFiles, then values-<cluster>.yaml when present.
 * Local charts keep them in the chart directory, remote ones next to helmdeck.yaml.
 */
export function resolveValuesFiles(
  config: THelmdeckConfig,
  release: TRelease,
  environment: TEnvironment,
  clusterName: string,
): string[] {
  const local = release.chartRef.kind === 'local';
  const dir = release.valuesDir
    ? path.resolve(config.source.dir, release.valuesDir)
    : release.chartRef.kind === 'local'
      ? release.chartRef.path
      : config.source.dir;
  const files = environment.valuesFiles
    .filter((f) => local || f !== 'values.yaml')
    .map((f) => path.resolve(dir, f));
  const perCluster = path.resolve(dir, `values-${clusterName}.yaml`);
  if (existsSync(perCluster) && !files.includes(perCluster)) files.push(perCluster);
  return files;
}
