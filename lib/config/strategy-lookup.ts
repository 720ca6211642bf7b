// Which strategy and analysis apply to a release on one cluster.
import type { TAnalysis } from './analysis';
import type { THelmdeckConfig } from './load-config';
import type { TEnvironment } from './schema';
import type { TStrategy } from './strategy';

/** The release's strategy in an environment's cluster; standard when none is configured. */
export function strategyFor(
  release: { strategies?: readonly TStrategy[] },
  environment: string,
  cluster: string,
): TStrategy {
  const found = (release.strategies ?? []).find(
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

type TStrategyRelease = {
  name: string;
  promotion: readonly string[];
  strategies?: readonly TStrategy[];
};

/**
 * The configured release a helm release name belongs to in an environment:
 * itself, or a colour or canary release of a strategy there (a change ticket
 * names the helm release it changes: alpha-members-green, alpha-members-canary).
 */
export function releaseOfHelmName<T extends TStrategyRelease>(
  releases: readonly T[],
  helmName: string,
  environment: string,
): T | undefined {
  const direct = releases.find((r) => r.name === helmName);
  if (direct) return direct;
  return releases.find((r) =>
    (r.strategies ?? []).some(
      (s) => s.environment === environment && strategyReleases(r.name, s).includes(helmName),
    ),
  );
}

/** Helm release names that belong to a configured release's strategies (colours, canary) -> its name. */
export function strategyHelmNames(
  releases: readonly { name: string; strategies?: readonly TStrategy[] }[],
): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of releases)
    for (const s of r.strategies ?? [])
      for (const helmName of strategyReleases(r.name, s))
        if (helmName !== r.name) out.set(helmName, r.name);
  return out;
}
