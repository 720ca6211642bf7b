import { publicRoute } from '@/lib/http/api-route';
import { metricsResponse } from '@/lib/metrics';

export const dynamic = 'force-dynamic';

/**
 * Helmdeck's Prometheus metrics in the text format. Answers only as
 * helmdeck.yaml's `metrics` allows: with the bearer token, or not at all
 * when the metrics live on their own port (or are off).
 */
export function GET(request: Request): Promise<Response> {
  return publicRoute('metrics', () => metricsResponse(request));
}
