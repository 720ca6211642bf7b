// Per-request options for @kubernetes/client-node calls, and plain-language
// descriptions of what went wrong talking to a cluster.
import {
  Observable,
  type ConfigurationOptions,
  type RequestContext,
  type ResponseContext,
} from '@kubernetes/client-node';

/** Aborts a client-node request after `ms`, so a hung cluster never holds a page. */
export function withTimeout(ms: number): ConfigurationOptions {
  // The generated API applies per-call middleware in its observable form.
  const middleware = {
    pre: (ctx: RequestContext) => {
      ctx.setSignal(AbortSignal.timeout(ms));
      return new Observable(Promise.resolve(ctx));
    },
    post: (res: ResponseContext) => new Observable(Promise.resolve(res)),
  };
  return {
    middleware: [middleware],
    middlewareMergeStrategy: 'append',
  } as unknown as ConfigurationOptions;
}

type TErrLike = { name?: string; code?: unknown; type?: string; message?: string; cause?: unknown };

/** Short, safe description of a failed cluster request (no bodies, no tokens). */
export function describeKubeError(error: unknown, timeoutMs?: number): string {
  const e = (error ?? {}) as TErrLike;
  const cause = (e.cause ?? {}) as TErrLike;
  const code = String(e.code ?? cause.code ?? '');
  if (e.name === 'AbortError' || e.name === 'TimeoutError' || e.type === 'aborted') {
    return timeoutMs ? `no answer within ${timeoutMs} ms` : 'request timed out';
  }
  if (typeof e.code === 'number') {
    if (e.code === 401) return 'HTTP 401: credentials rejected';
    if (e.code === 403) return 'HTTP 403: forbidden';
    if (e.code === 429) return 'HTTP 429: too many requests';
    return `HTTP ${e.code} from the API server`;
  }
  const known: Record<string, string> = {
    ECONNREFUSED: 'connection refused',
    ECONNRESET: 'connection reset by the server',
    ENOTFOUND: 'host not found',
    EAI_AGAIN: 'host name lookup failed',
    ETIMEDOUT: 'connection timed out',
    EHOSTUNREACH: 'host unreachable',
    ENETUNREACH: 'network unreachable',
    DEPTH_ZERO_SELF_SIGNED_CERT: 'TLS: self-signed certificate not trusted',
    SELF_SIGNED_CERT_IN_CHAIN: 'TLS: certificate chain not trusted',
    UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'TLS: certificate not trusted',
    ERR_TLS_CERT_ALTNAME_INVALID: 'TLS: certificate does not match the server name',
    CERT_HAS_EXPIRED: 'TLS: certificate expired',
  };
  if (known[code]) return known[code]!;
  if (/socket hang up|ECONNRESET/i.test(e.message ?? '')) return 'connection closed by the server';
  return code ? `request failed (${code})` : 'request failed';
}
