// Which strategy and analysis apply to a release on one cluster.
import type { TAnalysis } from './analysis';
import type { THelmdeckConfig, TRelease } from './load-config';
import type { TEnvironment } from './schema';
import type { TStrategy } from './strategy';

/** The release's strategy in an environment's cluster; standard when none is configured. */
export function strategyFor(release: TRelease, environment: string, cluster: string): TStrategy {
  const found = release.strategies.find(
    (s) => s.environment === environment && (!s.clusters || s.clusters.includes(cluster)),
  );
  return found ?? { type: 'standard', environment };
}

/** The helm release names a logical release uses under a strategy (the colours, or stable and canary). */
export function strategyReleases(name: string, strategy: TStrategy): string[] {
  if (strategy.type === 'blueGreen') return strategy.colours.map((c) => `${name}-${c}`);
  if (strategy.type === 'canary') return [name, `${name}-canary`];
  return [name];
}

/** The analysis a canary runs: its own, else the file's. */
export function canaryAnalysis(config: THelmdeckConfig, strategy: TStrategy): TAnalysis {
  return (strategy.type === 'canary' ? strategy.analysis : undefined) ?? config.metrics.analysis;
}

/** The analysis run after ordinary upgrades in an environment, or undefined when it does not watch. */
export function watchAnalysis(
  config: THelmdeckConfig,
  environment: TEnvironment,
): TAnalysis | undefined {
  if (!environment.metricWatch) return undefined;
  return environment.metricWatch.analysis ?? config.metrics.analysis;
}
