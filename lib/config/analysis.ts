// helmdeck.yaml's metric source and analysis: where Prometheus is, which
// PromQL queries judge a track, and the thresholds that fail it. The
// defaults are the runbook's manual rollback triggers: error rate above 5 %,
// p99 latency above twice the baseline.
import { z } from 'zod';
import { parseDuration } from './primitives';

/** A duration ("30s", "5m", "1h30m") between `min` and `max` milliseconds. */
export function durationWithin(minMs: number, maxMs: number, maxText: string) {
  return z.string().superRefine((text, ctx) => {
    const ms = parseDuration(text);
    if (ms === undefined)
      ctx.addIssue({ code: 'custom', message: 'a duration such as 30s, 5m or 1h30m' });
    else if (ms < minMs) ctx.addIssue({ code: 'custom', message: `at least ${minMs / 1000}s` });
    else if (ms > maxMs) ctx.addIssue({ code: 'custom', message: `at most ${maxText}` });
  });
}

/**
 * Placeholders a query template may use. `{selector}` is the label matchers
 * of the track being judged (namespace, release, and the cluster label when
 * one Prometheus serves several clusters); `{window}` the range of rate().
 */
export const QUERY_PLACEHOLDERS = [
  'selector',
  'namespace',
  'release',
  'track',
  'cluster',
  'window',
] as const;
export type TQueryPlaceholder = (typeof QUERY_PLACEHOLDERS)[number];

const PLACEHOLDER = /\{([A-Za-z_]+)\}/g;

export const ZQueryTemplate = z
  .string()
  .min(1, 'required')
  .max(4000, 'at most 4000 characters')
  .superRefine((text, ctx) => {
    for (const [, name] of text.matchAll(PLACEHOLDER)) {
      if (!(QUERY_PLACEHOLDERS as readonly string[]).includes(name ?? ''))
        ctx.addIssue({
          code: 'custom',
          message: `unknown placeholder {${name}} (known: ${QUERY_PLACEHOLDERS.map((p) => `{${p}}`).join(', ')})`,
        });
    }
  });

export const ZAnalysisMetric = z
  .strictObject({
    name: z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,62}$/, 'lowercase letters, digits and "-", starting with a letter'),
    /** PromQL returning one number for the track (the first series is used). */
    query: ZQueryTemplate,
    /** Fails above this value. */
    max: z.number().optional(),
    /** Fails below this value. */
    min: z.number().optional(),
    /** Fails above this multiple of the baseline (stable track, or the previous revision's last hour). */
    maxBaselineRatio: z.number().positive('more than 0').optional(),
  })
  .refine((m) => m.max !== undefined || m.min !== undefined || m.maxBaselineRatio !== undefined, {
    message: 'needs a threshold: max, min or maxBaselineRatio',
  });

export const DEFAULT_ANALYSIS_METRICS: z.input<typeof ZAnalysisMetric>[] = [
  {
    name: 'error-rate',
    query:
      'sum(rate(http_requests_total{{selector},code=~"5.."}[{window}])) / sum(rate(http_requests_total{{selector}}[{window}]))',
    max: 0.05,
  },
  {
    name: 'latency-p99',
    query:
      'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{{selector}}[{window}])))',
    maxBaselineRatio: 2,
  },
];

export const ZAnalysis = z.strictObject({
  /** Range of each rate() (`{window}`), and how often a running analysis measures. */
  window: durationWithin(5_000, 60 * 60_000, '1h').default('1m'),
  metrics: z
    .array(ZAnalysisMetric)
    .min(1, 'at least one metric')
    .default(() => DEFAULT_ANALYSIS_METRICS.map((m) => ZAnalysisMetric.parse(m))),
});

export const ZPrometheus = z.strictObject({
  url: z.url({ protocol: /^https?$/, message: 'an http(s) URL' }),
  /** Per query. */
  timeout: durationWithin(1_000, 120_000, '2m').default('10s'),
  /**
   * The label that tells clusters apart when one Prometheus scrapes several
   * (its value is the cluster's name in this file); unset for one per cluster.
   */
  clusterLabel: z
    .string()
    .regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, 'a Prometheus label name')
    .optional(),
  /** Label holding the helm release of a pod (a relabelled pod label). */
  releaseLabel: z
    .string()
    .regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, 'a Prometheus label name')
    .default('app_kubernetes_io_instance'),
});

export const ZMetrics = z.strictObject({
  /** No prometheus: pages say metric analysis has no source; everything else works. */
  prometheus: ZPrometheus.optional(),
  analysis: ZAnalysis.default(() => ZAnalysis.parse({})),
});

/** Per environment: metric analysis after ordinary upgrades and promotions. */
export const ZMetricWatch = z.strictObject({
  /** How long the analysis watches a new revision. */
  period: durationWithin(10_000, 24 * 60 * 60_000, '24h').default('10m'),
  /** recommend: a failed analysis offers a one-click rollback; automatic: rolls back at once. */
  rollback: z.enum(['recommend', 'automatic']).default('recommend'),
  /** Overrides metrics.analysis for this environment. */
  analysis: ZAnalysis.optional(),
});

export type TAnalysisMetric = z.output<typeof ZAnalysisMetric>;
export type TAnalysis = z.output<typeof ZAnalysis>;
export type TPrometheus = z.output<typeof ZPrometheus>;
export type TMetrics = z.output<typeof ZMetrics>;
export type TMetricWatch = z.output<typeof ZMetricWatch>;
