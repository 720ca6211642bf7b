// Rules that relate fields to each other and to the files next to the
// config. Each returns issues in the same path shape zod uses, so a user
// sees every problem of the file in one list.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { matchesChartPattern } from './chart-allow';
import { chartKind } from './chart-ref';
import { z } from 'zod';

export type TConfigIssue = { path: (string | number)[]; message: string };

// The cross checks also run when some fields failed the schema, so the user
// sees every problem at once: this lenient view keeps what is usable and
// blanks the rest ('' names and undefined values are skipped by the checks).
const str = z.string().catch('');
const ZLenientConfig = z.object({
  environments: z
    .array(
      z
        .object({
          name: str,
          clusters: z
            .array(z.object({ name: str, context: str }).catch({ name: '', context: '' }))
            .catch([]),
          valuesFiles: z.array(str).catch([]),
          requireTicket: z.boolean().catch(false),
          approvals: z.number().catch(0),
        })
        .catch({ name: '', clusters: [], valuesFiles: [], requireTicket: false, approvals: 0 }),
    )
    .catch([]),
  releases: z
    .array(
      z
        .object({
          name: str,
          chart: str,
          version: z.string().optional().catch(undefined),
          valuesDir: z.string().optional().catch(undefined),
          promotion: z.array(str).catch([]),
        })
        .catch({ name: '', chart: '', promotion: [] }),
    )
    .catch([]),
  repositories: z.array(z.object({ name: str }).catch({ name: '' })).catch([]),
  allowedCharts: z.array(str).optional().catch(undefined),
});

type TCrossInput = z.output<typeof ZLenientConfig>;

export function lenientView(data: unknown): TCrossInput {
  return ZLenientConfig.parse(typeof data === 'object' && data !== null ? data : {});
}

function duplicates<T>(
  items: readonly T[],
  key: (item: T) => string,
): Array<[index: number, first: number]> {
  const seen = new Map<string, number>();
  const out: Array<[number, number]> = [];
  items.forEach((item, i) => {
    const k = key(item);
    if (k === '') return;
    const first = seen.get(k);
    if (first === undefined) seen.set(k, i);
    else out.push([i, first]);
  });
  return out;
}

function checkEnvironments(config: TCrossInput, issues: TConfigIssue[]): void {
  for (const [i, first] of duplicates(config.environments, (e) => e.name)) {
    issues.push({
      path: ['environments', i, 'name'],
      message: `duplicate of environments[${first}].name`,
    });
  }
  config.environments.forEach((env, e) => {
    for (const [i, first] of duplicates(env.clusters, (c) => c.name)) {
      issues.push({
        path: ['environments', e, 'clusters', i, 'name'],
        message: `duplicate cluster name in this environment (clusters[${first}])`,
      });
    }
    for (const [i, first] of duplicates(env.clusters, (c) => c.context)) {
      issues.push({
        path: ['environments', e, 'clusters', i, 'context'],
        message: `same context as clusters[${first}]: one cluster would be deployed twice`,
      });
    }
    if (env.approvals > 0 && !env.requireTicket) {
      issues.push({
        path: ['environments', e, 'approvals'],
        message: 'approvals need requireTicket: true',
      });
    }
  });
}

function isDir(p: string): boolean {
  return existsSync(p) && statSync(p).isDirectory();
}

function checkReleases(config: TCrossInput, baseDir: string, issues: TConfigIssue[]): void {
  const envNames = new Set(config.environments.map((e) => e.name));
  const repoNames = new Set(config.repositories.map((r) => r.name));
  for (const [i, first] of duplicates(config.releases, (r) => r.name)) {
    issues.push({ path: ['releases', i, 'name'], message: `duplicate of releases[${first}].name` });
  }
  for (const [i, first] of duplicates(config.repositories, (r) => r.name)) {
    issues.push({
      path: ['repositories', i, 'name'],
      message: `duplicate of repositories[${first}].name`,
    });
  }
  config.releases.forEach((rel, r) => {
    const at = (...rest: (string | number)[]) => ['releases', r, ...rest];
    rel.promotion.forEach((name, p) => {
      if (name !== '' && !envNames.has(name)) {
        issues.push({
          path: at('promotion', p),
          message: `unknown environment "${name}" (known: ${[...envNames].join(', ')})`,
        });
      }
    });
    for (const [p, first] of duplicates(rel.promotion, (n) => n)) {
      issues.push({ path: at('promotion', p), message: `listed twice (promotion[${first}])` });
    }
    if (rel.chart === '') return;
    const kind = chartKind(rel.chart);
    if (kind === 'invalid') {
      issues.push({
        path: at('chart'),
        message: 'a local path (./charts/x), repo/name or oci://host/path/name',
      });
    } else if (kind === 'local') {
      if (rel.version)
        issues.push({
          path: at('version'),
          message: 'only for repo or oci charts (a local chart has its Chart.yaml version)',
        });
      const dir = path.resolve(baseDir, rel.chart);
      if (!isDir(dir))
        issues.push({ path: at('chart'), message: `chart directory not found: ${dir}` });
      else if (!existsSync(path.join(dir, 'Chart.yaml')))
        issues.push({ path: at('chart'), message: `no Chart.yaml in ${dir}` });
    } else {
      if (!rel.version)
        issues.push({ path: at('version'), message: `required for ${kind} charts` });
      const repo = rel.chart.split('/')[0] ?? '';
      if (kind === 'repo' && !repoNames.has(repo)) {
        issues.push({
          path: at('chart'),
          message: `repository "${repo}" is not listed under repositories`,
        });
      }
    }
    if (config.allowedCharts && !matchesChartPattern(config.allowedCharts, rel.chart)) {
      issues.push({ path: at('chart'), message: 'not in allowedCharts' });
    }
  });
}

/** values files must exist wherever a release is promoted, so a deploy never fails on a typo. */
function checkValuesFiles(config: TCrossInput, baseDir: string, issues: TConfigIssue[]): void {
  config.environments.forEach((env, e) => {
    env.valuesFiles.forEach((file, f) => {
      for (const rel of config.releases) {
        if (!rel.promotion.includes(env.name)) continue;
        const kind = chartKind(rel.chart);
        if (kind === 'invalid' || file === '') continue;
        const dir = rel.valuesDir
          ? path.resolve(baseDir, rel.valuesDir)
          : kind === 'local'
            ? path.resolve(baseDir, rel.chart)
            : baseDir;
        // A remote chart's own values.yaml is its defaults; nothing to find locally.
        if (kind !== 'local' && file === 'values.yaml') continue;
        if (kind === 'local' && !isDir(dir)) continue;
        if (!existsSync(path.resolve(dir, file))) {
          issues.push({
            path: ['environments', e, 'valuesFiles', f],
            message: `not found for release ${rel.name} (looked in ${dir})`,
          });
        }
      }
    });
  });
}

export function crossCheck(config: TCrossInput, baseDir: string): TConfigIssue[] {
  const issues: TConfigIssue[] = [];
  checkEnvironments(config, issues);
  checkReleases(config, baseDir, issues);
  checkValuesFiles(config, baseDir, issues);
  return issues;
}
