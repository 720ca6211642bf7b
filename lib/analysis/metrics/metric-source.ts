// Whether metric analysis has a source: Prometheus configured and answering.
// Pages show this instead of failing; everything else works without it.
import type { THelmdeckConfig } from '@/lib/config';
import { PrometheusClient, PrometheusError } from './prometheus-client';

export type TMetricSource =
  | { state: 'none'; message: string }
  | { state: 'unreachable'; url: string; message: string }
  | { state: 'ready'; url: string; client: PrometheusClient };

const NO_SOURCE =
  'metric analysis has no source: set metrics.prometheus.url in helmdeck.yaml to a Prometheus that scrapes the clusters';

/** The configured Prometheus's client, or null when metrics.prometheus is not set. */
export function prometheusClient(config: THelmdeckConfig): PrometheusClient | null {
  const prom = config.metrics.prometheus;
  return prom ? new PrometheusClient(prom) : null;
}

/** Asks the configured Prometheus whether it is ready. */
export async function metricSource(config: THelmdeckConfig): Promise<TMetricSource> {
  const client = prometheusClient(config);
  if (!client) return { state: 'none', message: NO_SOURCE };
  try {
    await client.ready();
    return { state: 'ready', url: client.label, client };
  } catch (e) {
    if (!(e instanceof PrometheusError)) throw e;
    return {
      state: 'unreachable',
      url: client.label,
      message: `metric analysis has no source: ${e.message}`,
    };
  }
}
