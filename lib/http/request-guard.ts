// The first thing every request meets, below Next: node's own 'request'
// event. Only here is the TCP peer known, so this is where forwarded headers
// are made trustworthy: from a peer outside HELMDECK_TRUSTED_PROXIES,
// X-Forwarded-Host/Proto/Port and Forwarded are dropped (Next then fills them
// from the Host header and the socket) and X-Forwarded-For becomes the peer;
// from a trusted proxy, X-Forwarded-For becomes the one client address its
// chain names. Everything above (Next's server-action origin check,
// better-auth's per-IP limit, our logs) reads the cleaned headers.
// Addresses that no route can mean answer 400 here (lib/http/bad-url), and
// a server action posted from a foreign Origin answers 403 (Next's own check
// compares Origin with the Host header; this one with the public URL).
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { badUrlReason } from './bad-url';
import { clientAddress, isTrustedProxy, type TTrustedProxies } from './trusted-proxies';

export type TGuardOptions = { proxies: TTrustedProxies; origins: readonly string[] };

const FROM_PROXY_ONLY = ['x-forwarded-host', 'x-forwarded-proto', 'x-forwarded-port', 'forwarded'];

/** Rewrites `req`'s forwarded headers as the trusted proxies allow. */
export function cleanForwardedHeaders(req: IncomingMessage, proxies: TTrustedProxies): void {
  const peer = req.socket.remoteAddress ?? '';
  const forwarded = req.headers['x-forwarded-for'];
  const chain = Array.isArray(forwarded) ? forwarded.join(',') : forwarded;
  if (!isTrustedProxy(proxies, peer)) for (const name of FROM_PROXY_ONLY) delete req.headers[name];
  delete req.headers['x-real-ip'];
  req.headers['x-forwarded-for'] = clientAddress(proxies, peer, chain);
}

function refuse(
  req: IncomingMessage,
  res: ServerResponse,
  status: 400 | 403,
  reason: string,
): void {
  const api = (req.url ?? '').startsWith('/api/');
  const code = status === 400 ? 'invalid' : 'forbidden';
  const body = api ? JSON.stringify({ code, error: reason }) : `${reason}\n`;
  res.writeHead(status, {
    'content-type': api ? 'application/json' : 'text/plain; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

function isForeignServerAction(req: IncomingMessage, origins: readonly string[]): boolean {
  if (req.method !== 'POST' || req.headers['next-action'] === undefined) return false;
  const origin = req.headers.origin;
  return origin !== undefined && !origins.includes(origin);
}

/** Handles `req` here when it must be refused; true when it was. */
export function guardRequest(
  req: IncomingMessage,
  res: ServerResponse,
  options: TGuardOptions,
): boolean {
  cleanForwardedHeaders(req, options.proxies);
  const reason = badUrlReason(req.url ?? '/');
  if (reason !== null) {
    refuse(req, res, 400, `Bad request: ${reason}`);
    return true;
  }
  if (isForeignServerAction(req, options.origins)) {
    refuse(
      req,
      res,
      403,
      `Cross-site request refused: this form belongs to ${options.origins[0]} (HELMDECK_URL).`,
    );
    return true;
  }
  return false;
}

const INSTALLED = Symbol.for('helmdeck.request-guard');

/**
 * Puts guardRequest in front of every HTTP server of this process (Next's
 * included: it listens through node:http). Runs from instrumentation, which
 * Next awaits before it serves a request.
 */
export function installRequestGuard(options: TGuardOptions): void {
  const proto = http.Server.prototype as http.Server & { [INSTALLED]?: boolean };
  if (proto[INSTALLED]) return;
  proto[INSTALLED] = true;
  const emit = proto.emit as (
    this: http.Server,
    event: string | symbol,
    ...args: unknown[]
  ) => boolean;
  proto.emit = function guardedEmit(this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === 'request') {
      const [req, res] = args as [IncomingMessage, ServerResponse];
      if (guardRequest(req, res, options)) return true;
    }
    return emit.call(this, event, ...args);
  } as typeof proto.emit;
}
