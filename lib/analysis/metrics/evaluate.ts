// Judges one measured number against an analysis metric's thresholds. Pure:
// the numbers come from Prometheus, the rules from helmdeck.yaml. No data is
// never a pass: it is inconclusive, and says why.
import type { TAnalysisMetric } from '@/lib/config';

export type TVerdict = 'pass' | 'fail' | 'inconclusive';

export type TMetricVerdict = { verdict: TVerdict; reason: string };

/** Three significant digits, no exponent for everyday sizes. */
export function formatNumber(n: number): string {
  if (n === 0) return '0';
  const abs = Math.abs(n);
  if (abs >= 1e6 || abs < 1e-4) return n.toExponential(2);
  return String(Number(n.toPrecision(3)));
}

const known = (n: number | null | undefined): n is number =>
  typeof n === 'number' && Number.isFinite(n);

export function evaluateMetric(
  metric: Pick<TAnalysisMetric, 'name' | 'max' | 'min' | 'maxBaselineRatio'>,
  value: number | null,
  baseline: number | null,
): TMetricVerdict {
  if (!known(value))
    return {
      verdict: 'inconclusive',
      reason: `${metric.name}: no data (no requests in the window?)`,
    };
  const v = formatNumber(value);
  const failures: string[] = [];
  const passes: string[] = [];
  if (metric.max !== undefined) {
    if (value > metric.max) failures.push(`${v} is above the maximum ${formatNumber(metric.max)}`);
    else passes.push(`at most ${formatNumber(metric.max)}`);
  }
  if (metric.min !== undefined) {
    if (value < metric.min) failures.push(`${v} is below the minimum ${formatNumber(metric.min)}`);
    else passes.push(`at least ${formatNumber(metric.min)}`);
  }
  let noBaseline = false;
  if (metric.maxBaselineRatio !== undefined) {
    const ratio = metric.maxBaselineRatio;
    if (!known(baseline) || baseline <= 0) noBaseline = true;
    else if (value > ratio * baseline)
      failures.push(
        `${v} is ${formatNumber(value / baseline)}x the baseline ${formatNumber(baseline)} (limit ${formatNumber(ratio)}x)`,
      );
    else
      passes.push(
        `${formatNumber(value / baseline)}x the baseline ${formatNumber(baseline)}, limit ${formatNumber(ratio)}x`,
      );
  }
  if (failures.length > 0)
    return { verdict: 'fail', reason: `${metric.name}: ${failures.join('; ')}` };
  if (noBaseline && passes.length === 0)
    return {
      verdict: 'inconclusive',
      reason: `${metric.name}: ${v}, but the baseline has no data to compare with`,
    };
  return {
    verdict: 'pass',
    reason: `${metric.name}: ${v} (${passes.join('; ')}${noBaseline ? '; no baseline data' : ''})`,
  };
}

/** Any failure fails; else any inconclusive metric makes the whole inconclusive. */
export function overallVerdict(verdicts: readonly TVerdict[]): TVerdict {
  if (verdicts.includes('fail')) return 'fail';
  if (verdicts.includes('inconclusive') || verdicts.length === 0) return 'inconclusive';
  return 'pass';
}
