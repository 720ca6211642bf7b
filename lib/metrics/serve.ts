// Serving the metrics: /api/metrics on the main port behind a bearer token,
// or /metrics on a port of its own, as helmdeck.yaml's `metricsEndpoint` says.
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getConfig, type THelmdeckConfig } from '@/lib/config';
import { env } from '@/lib/env';
import { collectLiveMetrics } from './collect';
import { metrics } from './registry';

export type TMetricsServeOptions = {
  config?: THelmdeckConfig;
  /** The expected bearer token; defaults to HELMDECK_METRICS_TOKEN. */
  token?: string;
};

type TAnswer = { status: number; body: string; headers: Record<string, string> };

const json = (status: number, error: string, headers: Record<string, string> = {}): TAnswer => ({
  status,
  body: JSON.stringify({ error }),
  headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers },
});

function sameToken(sent: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(sent), digest(expected));
}

/** The refusal for a request that may not read metrics, or null when it may. */
function refusal(authorization: string | null, options: TMetricsServeOptions): TAnswer | null {
  const config = options.config ?? getConfig();
  if (!config.metricsEndpoint?.bearerToken) return null;
  const expected = options.token ?? env().HELMDECK_METRICS_TOKEN;
  if (!expected)
    return json(503, 'metricsEndpoint.bearerToken is on but HELMDECK_METRICS_TOKEN is not set');
  const sent = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1]?.trim();
  if (!sent || !sameToken(sent, expected))
    return json(401, 'send Authorization: Bearer <HELMDECK_METRICS_TOKEN>', {
      'www-authenticate': 'Bearer realm="helmdeck metrics"',
    });
  return null;
}

async function exposition(options: TMetricsServeOptions): Promise<TAnswer> {
  await collectLiveMetrics({ config: options.config });
  const { registry } = metrics();
  return {
    status: 200,
    body: await registry.metrics(),
    headers: { 'content-type': registry.contentType, 'cache-control': 'no-store' },
  };
}

/** The answer of GET /api/metrics on the main port. */
export async function metricsResponse(
  request: Request,
  options: TMetricsServeOptions = {},
): Promise<Response> {
  const config = options.config ?? getConfig();
  let answer: TAnswer;
  const endpoint = config.metricsEndpoint;
  if (!endpoint)
    answer = json(404, 'metrics are off: add a metricsEndpoint section to helmdeck.yaml');
  else if (endpoint.port !== undefined)
    answer = json(404, `metrics are served on port ${endpoint.port} at /metrics`);
  else
    answer =
      refusal(request.headers.get('authorization'), { ...options, config }) ??
      (await exposition({ ...options, config }));
  return new Response(answer.body, { status: answer.status, headers: answer.headers });
}

export type TMetricsServer = { port: number; stop(): Promise<void> };

/** Serves GET /metrics on metricsEndpoint.port (0 picks a free one), with the bearer token when configured. */
export async function startMetricsServer(
  options: TMetricsServeOptions & { port: number; host: string },
): Promise<TMetricsServer> {
  const server: Server = createServer((req, res) => {
    const reply = (a: TAnswer) => res.writeHead(a.status, a.headers).end(a.body);
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' || path !== '/metrics') return reply(json(404, 'GET /metrics'));
    const refused = refusal(req.headers.authorization ?? null, options);
    if (refused) return reply(refused);
    exposition(options).then(reply, (e: unknown) => {
      console.error('[metrics] scrape failed:', e);
      reply(json(500, 'collecting the metrics failed'));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
