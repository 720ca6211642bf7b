// Reads and validates helmdeck.yaml. Every problem of the file is collected
// into one ConfigError, so a user fixes them all in one pass, and nothing
// starts on a half-valid configuration.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { env } from '@/lib/env';
import { checkAuthEnvironments } from './auth';
import { toChartRef, type TChartRef } from './chart-ref';
import { crossCheck, lenientView, type TConfigIssue } from './cross-checks';
import { configErrorMap, flattenZodIssues, formatIssues } from './format-issues';
import { promotionCrossCheck } from './promotions';
import { strategyCrossCheck } from './strategy-checks';
import { ZHelmdeckConfig, type THelmdeckConfigInput, type TReleaseInput } from './schema';

export type TRelease = TReleaseInput & { chartRef: TChartRef };

export type THelmdeckConfig = Omit<THelmdeckConfigInput, 'releases'> & {
  releases: TRelease[];
  /** Absolute path of the file and its directory (local charts resolve against it). */
  source: { path: string; dir: string };
};

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    /** One "<path>: <rule>" line per problem. */
    readonly problems: string[],
  ) {
    super(`invalid configuration ${file}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Validates YAML text; `file` locates relative chart paths and names the file in errors. */
export function parseConfig(text: string, file: string): THelmdeckConfig {
  const absolute = path.resolve(file);
  const dir = path.dirname(absolute);
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      absolute,
      doc.errors.map((e) => {
        const pos = e.linePos?.[0];
        const first = (e.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
        return pos ? `line ${pos.line}, column ${pos.col}: ${first}` : `YAML: ${first}`;
      }),
    );
  }
  const data: unknown = doc.toJS();
  if (data === null || data === undefined) {
    throw new ConfigError(absolute, [
      '(file): empty; see examples/helmdeck.yaml for a starting point',
    ]);
  }
  const parsed = ZHelmdeckConfig.safeParse(data, { error: configErrorMap });
  const issues: TConfigIssue[] = parsed.success ? [] : flattenZodIssues(parsed.error.issues);
  const flagged = new Set(issues.map((i) => JSON.stringify(i.path)));
  // A field that broke the schema already has its message; cross checks add the rest.
  for (const issue of [
    ...crossCheck(lenientView(data), dir),
    ...strategyCrossCheck(data),
    ...promotionCrossCheck(data),
    ...checkAuthEnvironments(data),
  ]) {
    if (!flagged.has(JSON.stringify(issue.path))) issues.push(issue);
  }
  if (!parsed.success || issues.length > 0) {
    throw new ConfigError(absolute, formatIssues(issues, doc, lines));
  }
  return {
    ...parsed.data,
    releases: parsed.data.releases.map((r) => ({
      ...r,
      chartRef: toChartRef(r.chart, r.version, dir),
    })),
    source: { path: absolute, dir },
  };
}

/** Loads the file at `file` (default: HELMDECK_CONFIG) or throws ConfigError. */
export function loadConfig(file: string = env().HELMDECK_CONFIG): THelmdeckConfig {
  const absolute = path.resolve(file);
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'file not found'
        : code === 'EACCES'
          ? 'permission denied'
          : 'cannot be read';
    throw new ConfigError(absolute, [
      `(file): ${why}; set HELMDECK_CONFIG to your helmdeck.yaml (example: examples/helmdeck.yaml)`,
    ]);
  }
  return parseConfig(text, absolute);
}

let cached: { file: string; config: THelmdeckConfig } | undefined;

/** The configuration from HELMDECK_CONFIG, loaded once per process. */
export function getConfig(): THelmdeckConfig {
  const file = path.resolve(env().HELMDECK_CONFIG);
  if (cached?.file !== file) cached = { file, config: loadConfig(file) };
  return cached.config;
}

/** Forgets the cached configuration (tests, or a reload after the file changed). */
export function resetConfigCache(): void {
  cached = undefined;
}
