// One cluster's HTTPS API server: faults first, then bearer-token auth,
// then routing. The admin endpoint (/sandbox/faults) takes the admin token
// and is never subject to faults, so a test can always lift them.
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Store } from '../store';
import type { Faults } from '../faults';
import type { RequestMeter } from '../traffic/meter';
import { ADMIN_USER, type TUser, type UserTokens } from '../auth/identity';
import { effectiveUser } from '../auth/impersonation';
import { decide } from './authorize';
import { SD_PATH, servePodTargets } from './prometheus-sd';
import type { TCluster } from './context';
import { DiscoveryCache } from './discovery';
import { sendError } from './http';
import { handleAdmin } from './admin';
import { ResourceRegistry } from './registry';
import { PUBLIC_PATHS, route } from './router';
import { ApiError, errors } from './status';

export interface TServerOptions {
  name: string;
  store: Store;
  tls: { key: string; cert: string };
  token: string;
  /** Tokens of other users (RBAC applies to them). */
  users: UserTokens;
  adminToken: string;
  faults: Faults;
  clusterNames: string[];
  requests: RequestMeter;
}

export interface TClusterServer {
  server: Server;
  cluster: TCluster;
  /** Requests answered and time spent answering them (watch streams excluded): the sandbox's own share of a client's time. */
  stats: { requests: number; busyMs: number };
  listen(port: number): Promise<number>;
  close(): Promise<void>;
}

const ANONYMOUS: TUser = { name: 'system:anonymous', groups: ['system:unauthenticated'] };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function createClusterServer(opts: TServerOptions): TClusterServer {
  const registry = new ResourceRegistry();
  registry.attach(opts.store);
  const cluster: TCluster = {
    name: opts.name,
    store: opts.store,
    registry,
    discovery: new DiscoveryCache(registry),
    requests: opts.requests,
    closers: new Set(),
  };
  const bearer = `Bearer ${opts.token}`;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0]!;
    if (path.startsWith('/sandbox/') && path !== SD_PATH) return handleAdmin(opts, req, res);
    for (const fault of opts.faults.active(opts.name)) {
      if (fault.kind === 'unreachable') {
        req.socket.destroy();
        return;
      }
      if (fault.kind === 'latency') await sleep(fault.ms);
      if (fault.kind === 'error') {
        const retry = fault.retryAfterSeconds ?? (fault.status === 429 ? 1 : undefined);
        throw fault.status === 429
          ? new ApiError(
              429,
              'TooManyRequests',
              'Too many requests, please try again later.',
              { retryAfterSeconds: retry },
              retry !== undefined ? { 'Retry-After': String(retry) } : undefined,
            )
          : new ApiError(
              500,
              'InternalError',
              'Internal error occurred: injected fault',
              {},
              retry !== undefined ? { 'Retry-After': String(retry) } : undefined,
            );
      }
    }
    const caller = authenticate(req.headers.authorization, path);
    const user = effectiveUser(req, caller, (u, attrs) => decide(cluster, u, attrs));
    if (path === SD_PATH) return servePodTargets(cluster, user, res);
    await route(cluster, req, res, user);
  }

  function authenticate(header: string | undefined, path: string): TUser {
    if (header === undefined) {
      if (!PUBLIC_PATHS.has(path.replace(/\/+$/, ''))) throw errors.unauthorized();
      return ANONYMOUS;
    }
    if (header === bearer) return ADMIN_USER;
    const token = /^Bearer (.+)$/.exec(header)?.[1];
    const user = token === undefined ? undefined : opts.users.userOf(token);
    if (!user) throw errors.unauthorized();
    return user;
  }

  const stats = { requests: 0, busyMs: 0 };
  const server = createServer({ key: opts.tls.key, cert: opts.tls.cert }, (req, res) => {
    if (!/[?&]watch=(true|1)/.test(req.url ?? '')) {
      const started = performance.now();
      res.once('finish', () => {
        stats.requests += 1;
        stats.busyMs += performance.now() - started;
      });
    }
    handle(req, res).catch((err: unknown) => sendError(res, err));
  });
  // Longer than Go's 90 s idle timeout, so clients close idle connections first (no reset races on POST).
  server.keepAliveTimeout = 120_000;
  server.requestTimeout = 0;
  server.headersTimeout = 60_000;

  return {
    server,
    cluster,
    stats,
    listen(port: number) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => {
          server.off('error', reject);
          const address = server.address();
          resolve(typeof address === 'object' && address ? address.port : port);
        });
      });
    },
    async close() {
      for (const close of [...cluster.closers]) close();
      registry.detach();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
