import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_ANALYSIS_METRICS } from '@/lib/config';
import { evaluateMetric, formatNumber, overallVerdict } from './evaluate';
import { renderQuery, trackSelector } from './query-template';

const errorRate = { name: 'error-rate', max: 0.05 };
const latency = { name: 'latency-p99', maxBaselineRatio: 2 };

describe('metric thresholds', () => {
  test('an error rate of 8 % fails the 5 % rule; 1 % passes', () => {
    const failed = evaluateMetric(errorRate, 0.081, null);
    assert.equal(failed.verdict, 'fail');
    assert.equal(failed.reason, 'error-rate: 0.081 is above the maximum 0.05');
    assert.equal(evaluateMetric(errorRate, 0.01, null).verdict, 'pass');
  });

  test('p99 at three times the baseline fails the 2x rule; 1.2x passes', () => {
    const failed = evaluateMetric(latency, 0.6, 0.2);
    assert.equal(failed.verdict, 'fail');
    assert.match(failed.reason, /0\.6 is 3x the baseline 0\.2 \(limit 2x\)/);
    assert.equal(evaluateMetric(latency, 0.24, 0.2).verdict, 'pass');
  });

  test('no data is inconclusive, never a pass', () => {
    assert.equal(evaluateMetric(errorRate, null, null).verdict, 'inconclusive');
    assert.equal(evaluateMetric(errorRate, NaN, null).verdict, 'inconclusive');
    const noBaseline = evaluateMetric(latency, 0.3, null);
    assert.equal(noBaseline.verdict, 'inconclusive');
    assert.match(noBaseline.reason, /baseline has no data/);
    assert.equal(evaluateMetric({ ...latency, max: 1 }, 0.3, null).verdict, 'pass');
  });

  test('one failure fails the analysis; otherwise anything inconclusive keeps it open', () => {
    assert.equal(overallVerdict(['pass', 'fail', 'inconclusive']), 'fail');
    assert.equal(overallVerdict(['pass', 'inconclusive']), 'inconclusive');
    assert.equal(overallVerdict(['pass', 'pass']), 'pass');
    assert.equal(overallVerdict([]), 'inconclusive');
  });

  test('numbers read as people write them', () => {
    assert.equal(formatNumber(0.0812345), '0.0812');
    assert.equal(formatNumber(2), '2');
    assert.equal(formatNumber(1234.5), '1230');
    assert.equal(formatNumber(0.00001), '1.00e-5');
  });
});

describe('PromQL templates', () => {
  const track = {
    namespace: 'production',
    release: 'web-canary',
    track: 'canary',
    cluster: 'east',
  };
  const prom = { releaseLabel: 'app_kubernetes_io_instance', clusterLabel: 'cluster' };

  test('the selector picks the track by namespace, release and cluster', () => {
    assert.equal(
      trackSelector(prom, track),
      'namespace="production",app_kubernetes_io_instance="web-canary",cluster="east"',
    );
    assert.equal(
      trackSelector({ releaseLabel: 'release' }, track),
      'namespace="production",release="web-canary"',
    );
  });

  test('the default error-rate query is filled in for the track and window', () => {
    const q = renderQuery(DEFAULT_ANALYSIS_METRICS[0]!.query, prom, track, '1m');
    assert.equal(
      q,
      'sum(rate(http_requests_total{namespace="production",app_kubernetes_io_instance="web-canary",cluster="east",code=~"5.."}[1m])) / sum(rate(http_requests_total{namespace="production",app_kubernetes_io_instance="web-canary",cluster="east"}[1m]))',
    );
  });

  test('values are escaped so they cannot end the PromQL string', () => {
    const q = renderQuery('x{track={track}}', prom, { ...track, track: 'a"b\\' }, '1m');
    assert.equal(q, 'x{track="a\\"b\\\\"}');
  });
});
