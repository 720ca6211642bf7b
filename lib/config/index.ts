// helmdeck.yaml: schema, loading and lookups.
export type { TRegistry } from './charts';
export { chartRefusal, matchesChartPattern, type TChartPolicy } from './chart-allow';
export type { TDependency, THealthCheck } from './promotions';
export { type TAuthConfig, type TOidcConfig, type TOidcRoleMapping } from './auth';
export { chartKind, toChartRef, type TChartRef } from './chart-ref';
export { WEEKDAYS, type TFreezeWindow, type TWeekday } from './freeze-window';
export { ConfigError, getConfig, loadConfig, parseConfig, resetConfigCache } from './load-config';
export type { THelmdeckConfig, TRelease } from './load-config';
export {
  findCluster,
  findEnvironment,
  findRelease,
  chartRefusalIn,
  resolveValuesFiles,
} from './lookup';
export {
  DEFAULT_ANALYSIS_METRICS,
  QUERY_PLACEHOLDERS,
  type TAnalysis,
  type TAnalysisMetric,
  type TMetrics,
  type TMetricWatch,
  type TPrometheus,
  type TQueryPlaceholder,
} from './analysis';
export {
  FLAG_PATH,
  type TBlueGreenStrategy,
  type TCanaryStrategy,
  type TFlag,
  type TRouter,
  type TSmokeCheck,
  type TStandardStrategy,
  type TStrategy,
} from './strategy';
export { canaryAnalysis, strategyFor, strategyReleases, watchAnalysis } from './strategy-lookup';
export {
  isTimeZone,
  parseDuration,
  RELEASE_NAME,
  RELEASE_NAME_MAX,
  ZReleaseName,
} from './primitives';
export {
  WEBHOOK_EVENTS,
  ZHelmdeckConfig,
  type TAutoRollback,
  type TCluster,
  type TEnvironment,
  type TRepository,
  type TWebhook,
  type TWebhookEvent,
} from './schema';
export { ZMetricsEndpoint, type TMetricsEndpoint } from './metrics-endpoint';
