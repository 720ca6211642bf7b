// Clients that act as a person on clusters with `impersonate: true`: every
// request carries Impersonate-User and one Impersonate-Group header per group,
// so the cluster's RBAC decides with that person's identity. The kubeconfig's
// own credentials (Helmdeck's) authenticate the request and need the
// `impersonate` verb. client-node only knows Impersonate-User, and its
// header map holds one value per name, so requests go through an HTTP library
// of ours that can repeat a header.
import {
  AppsV1Api,
  BatchV1Api,
  CoreV1Api,
  createConfiguration,
  KubernetesObjectApi,
  NetworkingV1Api,
  PolicyV1Api,
  ResponseContext,
  ServerConfiguration,
  VersionApi,
  wrapHttpLibrary,
  type RequestContext,
} from '@kubernetes/client-node';
import fetch, { Headers, type RequestInit } from 'node-fetch';
import type { TClusterClients } from './clients';

/** Who a request runs as: a Kubernetes user name and groups. */
export interface TKubeIdentity {
  user: string;
  groups: readonly string[];
}

export class ImpersonationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImpersonationError';
  }
}

// HTTP header values: visible ASCII and spaces (what client-go and kubectl --as send too).
const HEADER_SAFE = /^[\x20-\x7E]+$/;

/** Refuses names an HTTP header cannot carry, before any request is sent. */
export function assertIdentity(who: TKubeIdentity): void {
  for (const [what, name] of [['user', who.user], ...who.groups.map((g) => ['group', g])]) {
    if (!name || name.length > 512 || !HEADER_SAFE.test(name) || name.trim() !== name) {
      throw new ImpersonationError(
        `cannot act as ${what} "${String(name).slice(0, 60)}" on the cluster: names must be plain ASCII, without surrounding spaces, at most 512 characters`,
      );
    }
  }
}

/**
 * The headers that make a request act as `who`: one Impersonate-User, one
 * Impersonate-Group per group (Node and node-fetch send an array value as
 * one header line each, as the API server expects).
 */
export function impersonationHeaders(who: TKubeIdentity): Record<string, string | string[]> {
  assertIdentity(who);
  return {
    'Impersonate-User': who.user,
    ...(who.groups.length ? { 'Impersonate-Group': [...who.groups] } : {}),
  };
}

function impersonatingHttp(who: TKubeIdentity) {
  return wrapHttpLibrary({
    async send(request: RequestContext): Promise<ResponseContext> {
      const headers = new Headers();
      for (const [key, value] of Object.entries(request.getHeaders())) {
        if (!/^impersonate-/i.test(key)) headers.set(key, value);
      }
      for (const [name, value] of Object.entries(impersonationHeaders(who)))
        for (const one of [value].flat()) headers.append(name, one);
      const init: RequestInit = {
        method: request.getHttpMethod().toString(),
        body: request.getBody() as RequestInit['body'],
        headers,
        signal: request.getSignal() as RequestInit['signal'],
        agent: request.getAgent(),
      };
      const response = await fetch(request.getUrl(), init);
      const out: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        out[name] = value;
      });
      return new ResponseContext(response.status, out, {
        text: () => response.text(),
        binary: () => response.buffer(),
      });
    },
  });
}

/** The same clients as `base` (same cluster, same credentials), acting as `who`. */
export function impersonatingClients(base: TClusterClients, who: TKubeIdentity): TClusterClients {
  assertIdentity(who);
  const kc = base.kubeConfig;
  const server = kc.getCurrentCluster()?.server;
  if (!server) throw new ImpersonationError(`context ${base.context} has no cluster server`);
  const configuration = createConfiguration({
    baseServer: new ServerConfiguration(server, {}),
    authMethods: { default: kc },
    httpApi: impersonatingHttp(who),
  });
  const objects = new KubernetesObjectApi(configuration);
  return {
    ...base,
    core: new CoreV1Api(configuration),
    apps: new AppsV1Api(configuration),
    batch: new BatchV1Api(configuration),
    networking: new NetworkingV1Api(configuration),
    policy: new PolicyV1Api(configuration),
    version: new VersionApi(configuration),
    objects,
  };
}
