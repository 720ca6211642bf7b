// The demo's release history, made with real helm against the sandbox
// clusters: several revisions everywhere, staging one version ahead of
// production, a failed-and-rolled-back upgrade in staging, and production
// east running a blue and a green release of alpha-members.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { findRelease, resolveValuesFiles, type THelmdeckConfig } from '@/lib/config';
import { helmUpgrade, HelmCommandError, resolveHelm, runHelm, type THelmBinary } from '@/lib/helm';

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

/** Packages a configured local chart at a given version, once per version. */
async function packageChart(
  helm: THelmBinary,
  chartDir: string,
  version: string,
  outDir: string,
): Promise<string> {
  const dest = path.join(outDir, version);
  mkdirSync(dest, { recursive: true });
  const result = await runHelm(
    [
      'package',
      `--version=${version}`,
      `--app-version=${version}`,
      `--destination=${dest}`,
      '--',
      chartDir,
    ],
    {
      helm,
      timeoutMs: 60_000,
    },
  );
  if (result.exitCode !== 0)
    throw new Error(`helm package ${chartDir} failed: ${result.stderr.trim()}`);
  const file = result.stdout.trim().split(': ').pop();
  if (!file) throw new Error(`helm package gave no file: ${result.stdout}`);
  return file;
}

export async function seedDemoHistory(opts: {
  config: THelmdeckConfig;
  kubeconfig: string;
  workDir: string;
  log: (line: string) => void;
}): Promise<void> {
  const helm = await resolveHelm();
  const packages = new Map<string, Promise<string>>();
  const chartPackage = (releaseName: string, version: string) => {
    const release = findRelease(opts.config, releaseName);
    if (!release || release.chartRef.kind !== 'local')
      throw new Error(`demo release ${releaseName} needs a local chart`);
    const key = `${releaseName}@${version}`;
    if (!packages.has(key))
      packages.set(
        key,
        packageChart(helm, release.chartRef.path, version, path.join(opts.workDir, releaseName)),
      );
    return packages.get(key)!;
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
