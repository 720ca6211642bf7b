// Whether a person may read what a page shows, asked of the cluster itself:
// the page's data comes from Helmdeck's process-wide watch cache (its own
// credentials), so on a cluster with `impersonate: true` each read a page
// makes is first tried as the person, as one cheap impersonated request
// (a list with limit=1, or a get). The answer is kept briefly per person, so a
// page view costs at most a few requests and a role change at the cluster
// shows within ACCESS_TTL_MS.
import type { TClusterClients } from './clients';
import { impersonatingClients, type TKubeIdentity } from './impersonation';
import { describeKubeError } from './request-options';

/** A read a page makes, in Kubernetes terms. */
export type TReadNeed =
  | { verb: 'list'; resource: 'secrets' | 'pods' | 'deployments' | 'events'; namespace: string }
  | { verb: 'get'; resource: 'secrets'; namespace: string; name: string };

export type TAccess = { allowed: true } | { allowed: false; message: string };

export const ACCESS_TTL_MS = 30_000;
const MAX_ENTRIES = 5_000;
const cache = new Map<string, { at: number; access: Promise<TAccess> }>();

function keyOf(context: string, who: TKubeIdentity, need: TReadNeed): string {
  const name = need.verb === 'get' ? need.name : '';
  return JSON.stringify([
    context,
    who.user,
    [...who.groups].sort(),
    need.verb,
    need.resource,
    need.namespace,
    name,
  ]);
}

function statusOf(error: unknown): { code?: number; message?: string } {
  const e = error as { code?: unknown; body?: unknown };
  const code = typeof e.code === 'number' ? e.code : undefined;
  let body: unknown = e.body;
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body);
    } catch {
      body = undefined;
    }
  }
  const message =
    typeof body === 'object' &&
    body !== null &&
    typeof (body as { message?: unknown }).message === 'string'
      ? (body as { message: string }).message
      : undefined;
  return { code, message };
}

async function tryAs(clients: TClusterClients, need: TReadNeed): Promise<TAccess> {
  const { namespace } = need;
  try {
    if (need.verb === 'get')
      await clients.core.readNamespacedSecret({ namespace, name: need.name });
    else if (need.resource === 'secrets')
      await clients.core.listNamespacedSecret({ namespace, limit: 1, labelSelector: 'owner=helm' });
    else if (need.resource === 'pods')
      await clients.core.listNamespacedPod({ namespace, limit: 1 });
    else if (need.resource === 'events')
      await clients.core.listNamespacedEvent({ namespace, limit: 1 });
    else await clients.apps.listNamespacedDeployment({ namespace, limit: 1 });
    return { allowed: true };
  } catch (error) {
    const { code, message } = statusOf(error);
    // A missing object is no refusal: the page shows that it is gone.
    if (code === 404) return { allowed: true };
    if (code === 403 || code === 401) {
      return { allowed: false, message: message ?? `${need.resource} is forbidden` };
    }
    // Fail closed: without an answer the person's access is unknown.
    return {
      allowed: false,
      message: `could not check your access on the cluster: ${describeKubeError(error)}`,
    };
  }
}

/**
 * Tries each read as `who`; the first refusal wins. Its message is the
 * cluster's own (`secrets is forbidden: User "x" cannot list resource
 * "secrets" in API group "" in the namespace "production"`).
 */
export async function checkReadAccess(
  base: TClusterClients,
  who: TKubeIdentity,
  needs: readonly TReadNeed[],
  now = Date.now(),
): Promise<TAccess> {
  let clients: TClusterClients | undefined;
  for (const need of needs) {
    const key = keyOf(base.context, who, need);
    let entry = cache.get(key);
    if (!entry || now - entry.at > ACCESS_TTL_MS) {
      clients ??= impersonatingClients(base, who);
      entry = { at: now, access: tryAs(clients, need) };
      cache.delete(key);
      cache.set(key, entry);
      if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
    }
    const access = await entry.access;
    if (!access.allowed) return access;
  }
  return { allowed: true };
}

/** Forgets every cached answer (tests). */
export function resetReadAccessCache(): void {
  cache.clear();
}
