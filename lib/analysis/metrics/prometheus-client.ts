// A small client of Prometheus's HTTP API (/api/v1/query, /-/ready): instant
// queries at a given time, reduced to numbers. Failures are PrometheusError
// with a kind the pages can show ("no source", "bad query") and never the
// response body of an unknown error.
import { parseDuration, type TPrometheus } from '@/lib/config';

export type TSample = { labels: Record<string, string>; value: number };

export class PrometheusError extends Error {
  constructor(
    message: string,
    /** unreachable: no answer or not ready; query: Prometheus refused the PromQL; response: an answer we cannot read. */
    readonly kind: 'unreachable' | 'query' | 'response',
  ) {
    super(message);
    this.name = 'PrometheusError';
  }
}

type TApiAnswer = {
  status?: string;
  errorType?: string;
  error?: string;
  data?: { resultType?: string; result?: unknown };
};

const toNumber = (v: unknown) => (typeof v === 'string' ? Number(v) : NaN);

function samplesOf(data: TApiAnswer['data']): TSample[] {
  const result = data?.result;
  if (data?.resultType === 'scalar' && Array.isArray(result))
    return [{ labels: {}, value: toNumber(result[1]) }];
  if (data?.resultType === 'vector' && Array.isArray(result))
    return result.map((r: { metric?: Record<string, string>; value?: unknown[] }) => ({
      labels: r.metric ?? {},
      value: toNumber(r.value?.[1]),
    }));
  throw new PrometheusError(
    `expected an instant vector or scalar, got ${String(data?.resultType ?? 'nothing')}`,
    'response',
  );
}

export class PrometheusClient {
  private readonly base: string;
  private readonly timeoutMs: number;

  constructor(config: Pick<TPrometheus, 'url' | 'timeout'>) {
    this.base = config.url.replace(/\/+$/, '');
    this.timeoutMs = parseDuration(config.timeout) ?? 10_000;
  }

  /** Where it is, for messages (no credentials: the URL is from helmdeck.yaml, userinfo dropped). */
  get label(): string {
    const u = new URL(this.base);
    return `${u.protocol}//${u.host}${u.pathname === '/' ? '' : u.pathname}`;
  }

  private async get(path: string, params?: URLSearchParams): Promise<Response> {
    const url = `${this.base}${path}${params ? `?${params}` : ''}`;
    try {
      return await fetch(url, { signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (e) {
      const err = e as { name?: string; cause?: { code?: string } };
      const why =
        err.name === 'TimeoutError'
          ? `no answer within ${this.timeoutMs} ms`
          : (err.cause?.code ?? 'connection failed');
      throw new PrometheusError(`Prometheus at ${this.label}: ${why}`, 'unreachable');
    }
  }

  /** Resolves when Prometheus answers /-/ready, else PrometheusError unreachable. */
  async ready(): Promise<void> {
    const res = await this.get('/-/ready');
    await res.body?.cancel();
    if (!res.ok)
      throw new PrometheusError(
        `Prometheus at ${this.label} is not ready (HTTP ${res.status})`,
        'unreachable',
      );
  }

  /** Evaluates PromQL at `time` (default now). */
  async query(promql: string, time?: Date): Promise<TSample[]> {
    const params = new URLSearchParams({ query: promql });
    if (time) params.set('time', (time.getTime() / 1000).toFixed(3));
    const res = await this.get('/api/v1/query', params);
    let body: TApiAnswer;
    try {
      body = (await res.json()) as TApiAnswer;
    } catch {
      throw new PrometheusError(
        `Prometheus at ${this.label} answered HTTP ${res.status} without JSON`,
        res.status >= 500 ? 'unreachable' : 'response',
      );
    }
    if (body.status !== 'success') {
      // bad_data is Prometheus's own message about the query: safe and useful to show.
      if (body.errorType === 'bad_data')
        throw new PrometheusError(
          `the query is not valid PromQL: ${(body.error ?? '').slice(0, 300)}`,
          'query',
        );
      throw new PrometheusError(
        `Prometheus at ${this.label} failed the query (${body.errorType ?? `HTTP ${res.status}`})`,
        res.status >= 500 ? 'unreachable' : 'response',
      );
    }
    return samplesOf(body.data);
  }
}
