// Rules that relate a release's strategies and flags to the rest of the
// file: environments and clusters that exist, one strategy per cluster,
// release names that stay within helm's limit once a colour is added.
// Like cross-checks.ts they read the raw data leniently, so every problem
// of the file is reported at once.
import { z } from 'zod';
import type { TConfigIssue } from './cross-checks';
import { RELEASE_NAME_MAX } from './primitives';

const str = z.string().catch('');
const ZLenient = z.object({
  environments: z
    .array(
      z
        .object({
          name: str,
          clusters: z.array(z.object({ name: str }).catch({ name: '' })).catch([]),
        })
        .catch({ name: '', clusters: [] }),
    )
    .catch([]),
  releases: z
    .array(
      z
        .object({
          name: str,
          promotion: z.array(str).catch([]),
          strategies: z
            .array(
              z
                .object({
                  type: str,
                  environment: str,
                  clusters: z.array(str).optional().catch(undefined),
                  colours: z.array(str).optional().catch(undefined),
                  steps: z.array(z.number().catch(NaN)).optional().catch(undefined),
                  analysis: z.unknown().optional(),
                })
                .catch({ type: '', environment: '' }),
            )
            .catch([]),
          flags: z
            .array(z.object({ name: str, path: str }).catch({ name: '', path: '' }))
            .catch([]),
        })
        .catch({ name: '', promotion: [], strategies: [], flags: [] }),
    )
    .catch([]),
  metrics: z.object({ analysis: z.unknown().optional() }).catch({}),
});

type TLenient = z.output<typeof ZLenient>;
type TLenientRelease = TLenient['releases'][number];

function firstDuplicate(names: string[]): Array<[number, number]> {
  const seen = new Map<string, number>();
  const out: Array<[number, number]> = [];
  names.forEach((n, i) => {
    if (n === '') return;
    const first = seen.get(n);
    if (first === undefined) seen.set(n, i);
    else out.push([i, first]);
  });
  return out;
}

function metricNames(analysis: unknown): string[] {
  const metrics = (analysis as { metrics?: unknown } | undefined)?.metrics;
  if (!Array.isArray(metrics)) return [];
  return metrics.map((m) => String((m as { name?: unknown } | null)?.name ?? ''));
}

function checkMetricNames(analysis: unknown, at: (string | number)[], issues: TConfigIssue[]) {
  for (const [i, first] of firstDuplicate(metricNames(analysis)))
    issues.push({ path: [...at, 'metrics', i, 'name'], message: `duplicate of metrics[${first}]` });
}

function checkStrategies(
  rel: TLenientRelease,
  r: number,
  config: TLenient,
  issues: TConfigIssue[],
) {
  const clustersOf = new Map(
    config.environments.map((e) => [e.name, e.clusters.map((c) => c.name)]),
  );
  const claimed = new Map<string, number>();
  rel.strategies.forEach((s, i) => {
    const at = (...rest: (string | number)[]) => ['releases', r, 'strategies', i, ...rest];
    if (s.environment === '' || !['standard', 'blueGreen', 'canary'].includes(s.type)) return;
    const known = clustersOf.get(s.environment);
    if (!rel.promotion.includes(s.environment)) {
      issues.push({
        path: at('environment'),
        message: `${rel.name} is not promoted to "${s.environment}" (promotion: ${rel.promotion.join(', ')})`,
      });
    }
    const clusters = s.clusters ?? known ?? [];
    s.clusters?.forEach((c, k) => {
      if (known && c !== '' && !known.includes(c))
        issues.push({
          path: at('clusters', k),
          message: `not a cluster of ${s.environment} (clusters: ${known.join(', ')})`,
        });
    });
    for (const c of clusters) {
      const other = claimed.get(`${s.environment}/${c}`);
      if (other !== undefined) {
        issues.push({
          path: at('environment'),
          message: `${s.environment}/${c} already has a strategy (strategies[${other}])`,
        });
        break;
      }
      claimed.set(`${s.environment}/${c}`, i);
    }
    const suffixes =
      s.type === 'blueGreen'
        ? (s.colours ?? ['blue', 'green'])
        : s.type === 'canary'
          ? ['canary']
          : [];
    for (const suffix of suffixes) {
      const name = `${rel.name}-${suffix}`;
      if (rel.name !== '' && name.length > RELEASE_NAME_MAX)
        issues.push({
          path: at(s.type === 'canary' ? 'type' : 'colours'),
          message: `release ${name} would be longer than helm's ${RELEASE_NAME_MAX} characters`,
        });
    }
    if (s.colours && s.colours.length === 2 && s.colours[0] !== '' && s.colours[0] === s.colours[1])
      issues.push({ path: at('colours', 1), message: 'the two colours must differ' });
    s.steps?.forEach((w, k) => {
      const prev = s.steps?.[k - 1];
      if (prev !== undefined && !(w > prev))
        issues.push({
          path: at('steps', k),
          message: `must be more than the step before (${prev})`,
        });
    });
    checkMetricNames(s.analysis, at('analysis'), issues);
  });
}

function checkFlags(rel: TLenientRelease, r: number, issues: TConfigIssue[]) {
  const at = (...rest: (string | number)[]) => ['releases', r, 'flags', ...rest];
  for (const [i, first] of firstDuplicate(rel.flags.map((f) => f.name)))
    issues.push({ path: at(i, 'name'), message: `duplicate of flags[${first}].name` });
  for (const [i, first] of firstDuplicate(rel.flags.map((f) => f.path)))
    issues.push({ path: at(i, 'path'), message: `same value as flags[${first}]` });
  rel.flags.forEach((f, i) => {
    if (f.path === 'image' || f.path.startsWith('image.'))
      issues.push({ path: at(i, 'path'), message: 'the image is the build, not a flag' });
  });
}

export function strategyCrossCheck(data: unknown): TConfigIssue[] {
  const config = ZLenient.parse(typeof data === 'object' && data !== null ? data : {});
  const issues: TConfigIssue[] = [];
  config.releases.forEach((rel, r) => {
    checkStrategies(rel, r, config, issues);
    checkFlags(rel, r, issues);
  });
  checkMetricNames(config.metrics.analysis, ['metrics', 'analysis'], issues);
  return issues;
}
