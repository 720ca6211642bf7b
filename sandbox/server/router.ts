// Maps a request path to what it names: a non-resource endpoint, a
// discovery document, or a resource target (namespace, name, subresource).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TUser } from '../auth/identity';
import { handleResource } from './api';
import { nonResourceAttributes, requireAllowed, resourceAttributes } from './authorize';
import { targetOf, type TCluster, type TTarget } from './context';
import { discoveryContentType, discoveryFormat } from './discovery';
import { sendJson, sendText } from './http';
import { OPENAPI_V2_TYPE } from './openapi';
import { errors } from './status';

export const KUBE_VERSION = {
  major: '1',
  minor: '35',
  emulationMajor: '1',
  emulationMinor: '35',
  minCompatibilityMajor: '1',
  minCompatibilityMinor: '34',
  gitVersion: 'v1.35.0-sandbox',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2025-12-01T00:00:00Z',
  goVersion: 'go1.25.0',
  compiler: 'gc',
  platform: 'linux/amd64',
};
const VERSION_BODY = JSON.stringify(KUBE_VERSION, null, 2);

/** Paths answered without a token, as a real cluster's public-info-viewer role allows. */
export const PUBLIC_PATHS = new Set(['/version', '/healthz', '/readyz', '/livez']);

function notFoundPage(res: ServerResponse): void {
  sendText(res, 404, '404 page not found\n');
}

type TParsed = { target: TTarget; watchPath: boolean } | 'unknown-resource';

function parseResourcePath(
  cluster: TCluster,
  group: string,
  version: string,
  rest: string[],
): TParsed {
  let watchPath = false;
  if (rest[0] === 'watch') {
    watchPath = true;
    rest = rest.slice(1);
  }
  let namespace: string | undefined;
  const { registry } = cluster;
  if (
    rest[0] === 'namespaces' &&
    rest.length >= 3 &&
    rest[2] !== 'status' &&
    rest[2] !== 'finalize'
  ) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const [plural, name, subresource, ...subpath] = rest;
  const info = plural ? registry.find(group, version, plural) : undefined;
  if (!info) return 'unknown-resource';
  if (namespace !== undefined && !info.namespaced) return 'unknown-resource';
  return { target: targetOf(info, namespace, name, subresource, subpath.join('/')), watchPath };
}

export async function route(
  cluster: TCluster,
  req: IncomingMessage,
  res: ServerResponse,
  user: TUser,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'https://sandbox');
  const path = url.pathname.replace(/\/+$/, '') || '/';
  const accept = req.headers.accept;
  const method = req.method ?? 'GET';
  const parts = path.split('/').slice(1).map(decodeURIComponent);
  if (!isResourcePath(parts))
    requireAllowed(cluster, user, nonResourceAttributes(method, url.pathname));
  switch (path) {
    case '/version':
      return sendJson(res, 200, VERSION_BODY);
    case '/healthz':
    case '/readyz':
    case '/livez':
      return sendText(res, 200, 'ok');
    case '/openapi/v2':
      // helm fetches it before validating manifests; an empty protobuf document is a valid (empty) spec.
      res.writeHead(200, { 'Content-Type': OPENAPI_V2_TYPE, 'Content-Length': 0 });
      return void res.end();
    case '/api':
    case '/apis': {
      const format = discoveryFormat(accept);
      return sendJson(
        res,
        200,
        cluster.discovery.root(path === '/api' ? 'api' : 'apis', format),
        discoveryContentType(format),
      );
    }
  }
  let group: string | undefined;
  let version: string | undefined;
  let rest: string[] = [];
  if (parts[0] === 'api' && parts[1]) {
    group = '';
    version = parts[1];
    rest = parts.slice(2);
  } else if (parts[0] === 'apis' && parts[1]) {
    group = parts[1];
    if (!parts[2]) {
      const body = cluster.discovery.group(group);
      return body ? sendJson(res, 200, body) : notFoundPage(res);
    }
    version = parts[2];
    rest = parts.slice(3);
  }
  if (group === undefined || version === undefined) return notFoundPage(res);
  if (rest.length === 0) {
    const body = cluster.discovery.groupVersion(group, version);
    return body ? sendJson(res, 200, body) : notFoundPage(res);
  }
  if (!cluster.discovery.groupVersion(group, version)) return notFoundPage(res);
  const parsed = parseResourcePath(cluster, group, version, rest);
  if (parsed === 'unknown-resource') throw errors.resourceNotFound();
  requireAllowed(
    cluster,
    user,
    resourceAttributes(parsed.target, method, url.searchParams, parsed.watchPath),
  );
  return handleResource(cluster, parsed.target, req, res, url.searchParams, parsed.watchPath, user);
}

/** `/api/v1/<...>` and `/apis/<group>/<version>/<...>` name resources; everything else is a non-resource path. */
function isResourcePath(parts: string[]): boolean {
  if (parts[0] === 'api') return parts.length >= 3;
  if (parts[0] === 'apis') return parts.length >= 4;
  return false;
}
