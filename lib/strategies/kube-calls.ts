// The few Kubernetes API calls the strategies make, through the shared
// @kubernetes/client-node clients: get or patch an Ingress or Service, count
// ready endpoints. A 404 reads as null; other failures become StrategyError
// with a safe description (never a response body or a token).
import { PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { describeKubeError, withTimeout, type TClusterClients } from '@/lib/kube';
import type { TJsonPatchOp, TRouterObject } from './router';

export type TStrategyKube = Pick<TClusterClients, 'core' | 'networking'>;

const TIMEOUT_MS = 15_000;

export class StrategyError extends Error {
  constructor(
    message: string,
    /** conflict: the object changed meanwhile (a guarded patch failed); unavailable: the cluster failed. */
    readonly code: 'not_found' | 'conflict' | 'unavailable' | 'invalid',
  ) {
    super(message);
    this.name = 'StrategyError';
  }
}

const statusOf = (e: unknown) => (e as { code?: unknown }).code;

function wrap(e: unknown, what: string): never {
  if (e instanceof StrategyError) throw e;
  const code = statusOf(e);
  if (code === 404) throw new StrategyError(`${what}: not found`, 'not_found');
  if (code === 409 || code === 422)
    throw new StrategyError(
      `${what}: changed by someone else meanwhile; reload and try again`,
      'conflict',
    );
  throw new StrategyError(`${what}: ${describeKubeError(e, TIMEOUT_MS)}`, 'unavailable');
}

export type TObjectKind = 'ingress' | 'service';

/** The object, or null when it does not exist. */
export async function getObject(
  kube: TStrategyKube,
  kind: TObjectKind,
  namespace: string,
  name: string,
): Promise<TRouterObject | null> {
  try {
    const options = withTimeout(TIMEOUT_MS);
    return kind === 'ingress'
      ? ((await kube.networking.readNamespacedIngress(
          { name, namespace },
          options,
        )) as TRouterObject)
      : ((await kube.core.readNamespacedService({ name, namespace }, options)) as TRouterObject);
  } catch (e) {
    if (statusOf(e) === 404) return null;
    wrap(e, `${kind} ${namespace}/${name}`);
  }
}

function patchOptions(type: string) {
  const headers = setHeaderOptions('Content-Type', type);
  const timeout = withTimeout(TIMEOUT_MS);
  return { ...headers, middleware: [...(headers.middleware ?? []), ...(timeout.middleware ?? [])] };
}

/** One PATCH of an Ingress or Service: a JSON patch (guarded ops) or a merge patch. */
export async function patchObject(
  kube: TStrategyKube,
  kind: TObjectKind,
  namespace: string,
  name: string,
  body: TJsonPatchOp[] | Record<string, unknown>,
): Promise<TRouterObject> {
  const type = Array.isArray(body) ? PatchStrategy.JsonPatch : PatchStrategy.MergePatch;
  const options = patchOptions(type) as Parameters<typeof kube.core.patchNamespacedService>[1];
  const request = { name, namespace, body, fieldManager: 'helmdeck' };
  try {
    return kind === 'ingress'
      ? ((await kube.networking.patchNamespacedIngress(request, options)) as TRouterObject)
      : ((await kube.core.patchNamespacedService(request, options)) as TRouterObject);
  } catch (e) {
    wrap(e, `${kind} ${namespace}/${name}`);
  }
}

/** Ready addresses in the Service's Endpoints (0 when it has none yet). */
export async function readyEndpoints(
  kube: TStrategyKube,
  namespace: string,
  service: string,
): Promise<number> {
  try {
    const ep = await kube.core.readNamespacedEndpoints(
      { name: service, namespace },
      withTimeout(TIMEOUT_MS),
    );
    return (ep.subsets ?? []).reduce((n, s) => n + (s.addresses?.length ?? 0), 0);
  } catch (e) {
    if (statusOf(e) === 404) return 0;
    wrap(e, `endpoints ${namespace}/${service}`);
  }
}

export async function createIngress(
  kube: TStrategyKube,
  namespace: string,
  body: TRouterObject,
): Promise<void> {
  try {
    await kube.networking.createNamespacedIngress(
      { namespace, body: body as never, fieldManager: 'helmdeck' },
      withTimeout(TIMEOUT_MS),
    );
  } catch (e) {
    wrap(e, `ingress ${namespace}/${body.metadata?.name ?? ''}`);
  }
}

/** Deletes an Ingress; one that is already gone is fine. */
export async function deleteIngress(
  kube: TStrategyKube,
  namespace: string,
  name: string,
): Promise<void> {
  try {
    await kube.networking.deleteNamespacedIngress({ name, namespace }, withTimeout(TIMEOUT_MS));
  } catch (e) {
    if (statusOf(e) === 404) return;
    wrap(e, `ingress ${namespace}/${name}`);
  }
}
