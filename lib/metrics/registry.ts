// Helmdeck's Prometheus metrics: one registry per process, kept on globalThis
// because Next bundles instrumentation (where the worker counts operations)
// and route handlers (where /api/metrics reads them) separately.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

function createMetrics() {
  const registry = new Registry();
  const registers = [registry];
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    operations: new Counter({
      name: 'helmdeck_operations_total',
      help: 'Operations that reached a final state, by kind, environment and outcome (succeeded, failed, rolled_back, needs_recovery, cancelled).',
      labelNames: ['kind', 'environment', 'outcome'] as const,
      registers,
    }),
    operationDuration: new Histogram({
      name: 'helmdeck_operation_duration_seconds',
      help: 'Time from a worker starting an operation to its final state.',
      labelNames: ['kind', 'environment'] as const,
      buckets: [1, 5, 10, 30, 60, 120, 300, 600, 1200, 1800, 3600],
      registers,
    }),
    queueWait: new Histogram({
      name: 'helmdeck_operation_queue_wait_seconds',
      help: 'Time an operation waited in the queue before a worker started it.',
      labelNames: ['kind', 'environment'] as const,
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900],
      registers,
    }),
    promotions: new Counter({
      name: 'helmdeck_promotions_total',
      help: 'Promotions that ended, by target environment and outcome.',
      labelNames: ['environment', 'outcome'] as const,
      registers,
    }),
    rollbacks: new Counter({
      name: 'helmdeck_rollbacks_total',
      help: 'Rollbacks, by environment and trigger (manual: a person asked; automatic: helm or a rollback trigger did), with the reason of automatic ones.',
      labelNames: ['environment', 'trigger', 'reason'] as const,
      registers,
    }),
    ticketDecisions: new Counter({
      name: 'helmdeck_ticket_decisions_total',
      help: 'Approvals and rejections of change tickets, by environment.',
      labelNames: ['environment', 'decision'] as const,
      registers,
    }),
    httpDuration: new Histogram({
      name: 'helmdeck_http_request_duration_seconds',
      help: 'Time to answer an HTTP request, by route pattern, method and status code.',
      labelNames: ['route', 'method', 'status'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
    queueDepth: new Gauge({
      name: 'helmdeck_operation_queue_depth',
      help: 'Operations queued or running now, across all instances (read from Postgres at scrape).',
      labelNames: ['state'] as const,
      registers,
    }),
    oldestQueued: new Gauge({
      name: 'helmdeck_operation_oldest_queued_seconds',
      help: 'Age of the oldest operation still queued; 0 when none waits.',
      registers,
    }),
    clusterReachable: new Gauge({
      name: 'helmdeck_cluster_reachable',
      help: "1 when this instance's last probe of the cluster's API server succeeded, 0 when it failed.",
      labelNames: ['cluster'] as const,
      registers,
    }),
    watchAge: new Gauge({
      name: 'helmdeck_cluster_watch_age_seconds',
      help: "Age of this instance's view of the cluster: 0 while its watches are current.",
      labelNames: ['cluster'] as const,
      registers,
    }),
    readModelObjects: new Gauge({
      name: 'helmdeck_read_model_objects',
      help: "Objects in this instance's watch-fed read model, by cluster and kind (releases, revisions, workloads).",
      labelNames: ['cluster', 'kind'] as const,
      registers,
    }),
  };
}

export type TMetrics = ReturnType<typeof createMetrics>;

const KEY = Symbol.for('helmdeck.metrics');
type TGlobal = typeof globalThis & { [KEY]?: TMetrics };

/** This process's metrics, created on first use. */
export function metrics(): TMetrics {
  const g = globalThis as TGlobal;
  g[KEY] ??= createMetrics();
  return g[KEY];
}

/** Forgets every value (tests). */
export function resetMetrics(): void {
  metrics().registry.resetMetrics();
}
