// Metric analysis from Prometheus: the HTTP API client, PromQL templates
// filled per track, thresholds and baselines.
export { evaluateMetric, formatNumber, overallVerdict, type TVerdict } from './evaluate';
export { metricSource, prometheusClient, type TMetricSource } from './metric-source';
export { PrometheusClient, PrometheusError, type TSample } from './prometheus-client';
export { renderQuery, trackSelector, type TTrack } from './query-template';
export {
  runAnalysis,
  type TAnalysisResult,
  type TBaseline,
  type TMetricResult,
} from './run-analysis';
