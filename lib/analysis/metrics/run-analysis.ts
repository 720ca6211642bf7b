// One measurement of a track: every analysis metric queried from Prometheus
// for the track and, where a metric compares with a baseline, for the
// baseline (the stable track of a canary, or the same release over the hour
// before a rollout), then judged. The result carries the numbers and the
// queries, for the page and the audit record.
import type { TAnalysis, TPrometheus } from '@/lib/config';
import { evaluateMetric, overallVerdict, type TVerdict } from './evaluate';
import type { PrometheusClient } from './prometheus-client';
import { renderQuery, type TTrack } from './query-template';

/** What the numbers are compared with. */
export type TBaseline =
  /** Another track measured over the same window at the same time (canary: stable). */
  | { kind: 'track'; track: TTrack }
  /**
   * The same release (or `track`) over `window` ending at `before`: after an
   * upgrade the previous revision's last hour; for a canary at 100 % the
   * stable track just before the step, when it still had traffic.
   */
  | { kind: 'before'; before: Date; window: string; track?: TTrack };

export type TMetricResult = {
  metric: string;
  verdict: TVerdict;
  reason: string;
  value: number | null;
  baseline: number | null;
  query: string;
  baselineQuery: string | null;
};

export type TAnalysisResult = {
  verdict: TVerdict;
  at: string;
  track: TTrack;
  baseline:
    | { kind: 'track'; release: string }
    | { kind: 'before'; before: string; window: string; release: string }
    | null;
  metrics: TMetricResult[];
};

const first = (samples: { value: number }[]) => {
  const v = samples[0]?.value;
  return v === undefined || !Number.isFinite(v) ? null : v;
};

export async function runAnalysis(input: {
  client: PrometheusClient;
  prometheus: Pick<TPrometheus, 'releaseLabel' | 'clusterLabel'>;
  analysis: TAnalysis;
  track: TTrack;
  baseline?: TBaseline;
  at?: Date;
}): Promise<TAnalysisResult> {
  const { client, prometheus, analysis, track, baseline } = input;
  const at = input.at ?? new Date();
  const metrics = await Promise.all(
    analysis.metrics.map(async (m): Promise<TMetricResult> => {
      const query = renderQuery(m.query, prometheus, track, analysis.window);
      let baselineQuery: string | null = null;
      let baselineAt = at;
      if (m.maxBaselineRatio !== undefined && baseline) {
        if (baseline.kind === 'track')
          baselineQuery = renderQuery(m.query, prometheus, baseline.track, analysis.window);
        else {
          baselineQuery = renderQuery(
            m.query,
            prometheus,
            baseline.track ?? track,
            baseline.window,
          );
          baselineAt = baseline.before;
        }
      }
      const [value, base] = await Promise.all([
        client.query(query, at).then(first),
        baselineQuery ? client.query(baselineQuery, baselineAt).then(first) : Promise.resolve(null),
      ]);
      const { verdict, reason } = evaluateMetric(m, value, base);
      return { metric: m.name, verdict, reason, value, baseline: base, query, baselineQuery };
    }),
  );
  return {
    verdict: overallVerdict(metrics.map((m) => m.verdict)),
    at: at.toISOString(),
    track,
    baseline: !baseline
      ? null
      : baseline.kind === 'track'
        ? { kind: 'track', release: baseline.track.release }
        : {
            kind: 'before',
            before: baseline.before.toISOString(),
            window: baseline.window,
            release: (baseline.track ?? track).release,
          },
    metrics,
  };
}
