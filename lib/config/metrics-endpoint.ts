// `metricsEndpoint:` in helmdeck.yaml: how Prometheus reaches Helmdeck's own
// metrics (`metrics:` is where Helmdeck reads the releases' metrics from).
// Either /api/metrics on the main port behind a bearer token, or /metrics on
// a port of its own (reachable only where the operator exposes it). Without
// the section nothing serves metrics: they name releases, clusters and people's
// activity, so they are never public by default.
import { z } from 'zod';

export const ZMetricsEndpoint = z
  .strictObject({
    /** /api/metrics answers only `Authorization: Bearer $HELMDECK_METRICS_TOKEN`. */
    bearerToken: z.boolean().default(false),
    /** Serve /metrics on this port instead; /api/metrics then answers 404. */
    port: z.number().int().min(1).max(65535).optional(),
    /** Address the metrics port listens on. */
    host: z.string().min(1).default('0.0.0.0'),
  })
  .refine((m) => m.bearerToken || m.port !== undefined, {
    message:
      'set bearerToken: true (for /api/metrics) or port: <number> (metrics on their own port)',
  });

export type TMetricsEndpoint = z.output<typeof ZMetricsEndpoint>;
