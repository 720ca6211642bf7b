// The demo's release history, made with real helm against the sandbox
// clusters: several revisions everywhere, staging one version ahead of
// production, a failed-and-rolled-back upgrade in staging, and production
// east running a blue and a green release of alpha-members.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { findRelease, resolveValuesFiles, type THelmdeckConfig } from '@/lib/config';
import { helmUpgrade, HelmCommandError, resolveHelm } from '@/lib/helm';
import { repoArchive, type TChartVersions } from './chart-repo';

type TStep = {
  release: string;
  version: string;
  actor: string;
  /** Overrides the image tag: a failure mode of the sandbox (e.g. crashloop). */
  tag?: string;
  track?: 'blue' | 'green';
  /** The chart of the configured release this one deploys (blue/green releases reuse alpha-members). */
  chartOf?: string;
  expectFailure?: boolean;
};

const ALPHA = ['1.0.0', '1.1.0', '1.2.0', '1.3.0'];
const BETA = ['2.0.0', '2.1.0'];

const steps = (release: string, versions: string[], actors: string[]): TStep[] =>
  versions.map((version, i) => ({ release, version, actor: actors[i % actors.length]! }));

/** What each cluster goes through, in order. Clusters run in parallel. */
export function demoPlan(): Record<string, TStep[]> {
  const production = [
    ...steps('alpha-members', ALPHA.slice(0, 2), ['rita']),
    ...steps('beta-payments', BETA.slice(0, 1), ['rita']),
  ];
  return {
    dev: [
      ...steps('alpha-members', ALPHA, ['dev-pipeline']),
      ...steps('beta-payments', BETA, ['dev-pipeline']),
    ],
    staging: [
      ...steps('alpha-members', ALPHA.slice(0, 2), ['rita']),
      {
        release: 'alpha-members',
        version: '1.2.0',
        tag: 'crashloop',
        actor: 'rita',
        expectFailure: true,
      },
      { release: 'alpha-members', version: '1.2.0', actor: 'rita' },
      ...steps('beta-payments', BETA, ['rita']),
    ],
    east: [
      ...production,
      {
        release: 'alpha-members-blue',
        chartOf: 'alpha-members',
        version: '1.1.0',
        track: 'blue',
        actor: 'rita',
      },
      {
        release: 'alpha-members-green',
        chartOf: 'alpha-members',
        version: '1.2.0',
        track: 'green',
        actor: 'rita',
      },
    ],
    west: production,
    eu: production,
  };
}

/** Every version the demo's chart repository holds: what the history deploys, up to each folder's own. */
export function demoChartVersions(chartsDir: string): TChartVersions[] {
  return [
    { dir: path.join(chartsDir, 'alpha-members'), versions: [...ALPHA, '1.4.0'] },
    { dir: path.join(chartsDir, 'beta-payments'), versions: ['0.9.2', ...BETA] },
  ];
}

export async function seedDemoHistory(opts: {
  config: THelmdeckConfig;
  kubeconfig: string;
  /** The demo chart repository's folder: the history deploys its archives, byte for byte. */
  repoDir: string;
  log: (line: string) => void;
}): Promise<void> {
  const helm = await resolveHelm();
  const chartPackage = (releaseName: string, version: string) => {
    const file = repoArchive(opts.repoDir, releaseName, version);
    if (!existsSync(file))
      throw new Error(`the demo chart repository has no ${releaseName} ${version}`);
    return Promise.resolve(file);
  };

  const clusterRuns = Object.entries(demoPlan()).map(async ([clusterName, plan]) => {
    const environment = opts.config.environments.find((e) =>
      e.clusters.some((c) => c.name === clusterName),
    );
    const cluster = environment?.clusters.find((c) => c.name === clusterName);
    if (!environment || !cluster)
      throw new Error(`demo cluster ${clusterName} is not in the configuration`);
    for (const step of plan) {
      const configured = findRelease(opts.config, step.chartOf ?? step.release)!;
      const values: Record<string, unknown> = {};
      if (step.tag) values.image = { tag: step.tag };
      if (step.track) values.track = step.track;
      const target = {
        helm,
        kubeconfig: opts.kubeconfig,
        kubeContext: cluster.context,
        namespace: environment.namespace,
      };
      try {
        await helmUpgrade(target, {
          release: step.release,
          chart: await chartPackage(step.chartOf ?? step.release, step.version),
          install: true,
          createNamespace: true,
          rollbackOnFailure: true,
          wait: 'watcher',
          timeout: '2m',
          valuesFiles: resolveValuesFiles(opts.config, configured, environment, clusterName),
          values,
          description: `${step.tag ? `Upgrade to ${step.version} (image ${step.tag})` : `Deploy ${step.version}`} by ${step.actor}`,
        });
        if (step.expectFailure)
          throw new Error(
            `demo step ${step.release}@${step.tag} on ${clusterName} should have failed`,
          );
        opts.log(`${clusterName}: ${step.release} ${step.version} deployed`);
      } catch (e) {
        if (!(step.expectFailure && e instanceof HelmCommandError)) throw e;
        opts.log(
          `${clusterName}: ${step.release} ${step.version} (${step.tag}) failed and rolled back, as planned`,
        );
      }
    }
  });
  await Promise.all(clusterRuns);
}
