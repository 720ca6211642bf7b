// Helmdeck's own Prometheus metrics (prom-client): what other modules count,
// what /api/metrics and the metrics port serve.
export {
  countFinishedOperation,
  countPromotion,
  countRollback,
  countTicketDecision,
  HELM_ROLLBACK_ON_FAILURE,
  observeHttpRequest,
} from './record';
export { metrics, resetMetrics } from './registry';
export { collectLiveMetrics } from './collect';
export {
  metricsResponse,
  startMetricsServer,
  type TMetricsServeOptions,
  type TMetricsServer,
} from './serve';
export { startHttpMetrics } from './http-tracing';
