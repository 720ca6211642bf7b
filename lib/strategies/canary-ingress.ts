// The canary's traffic share: an ingress-nginx canary Ingress beside the
// stable release's Ingress (same hosts and paths, backends on the canary's
// Service, `canary: "true"` and `canary-weight`). Helmdeck owns this object:
// it creates it at the first step, PATCHes the weight annotation per step
// and deletes it on promote or abort. The weight is always read back from it.
import type { TCanaryStrategy } from '@/lib/config';
import {
  createIngress,
  deleteIngress,
  getObject,
  patchObject,
  StrategyError,
  type TStrategyKube,
} from './kube-calls';
import { ingressBackends, type TRouterObject } from './router';

export const CANARY_ANNOTATION = 'nginx.ingress.kubernetes.io/canary';
export const CANARY_WEIGHT_ANNOTATION = 'nginx.ingress.kubernetes.io/canary-weight';
const MANAGED_BY = 'app.kubernetes.io/managed-by';

export const canaryRelease = (name: string) => `${name}-canary`;
export const stableIngressName = (s: TCanaryStrategy, name: string) => s.ingress ?? name;
export const canaryIngressName = (s: TCanaryStrategy, name: string) =>
  `${stableIngressName(s, name)}-canary`;
export const canaryServiceName = (s: TCanaryStrategy, name: string) =>
  s.canaryService.replaceAll('{release}', canaryRelease(name)).replaceAll('{name}', name);

type TMeta = {
  name?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
};
const metaOf = (o: TRouterObject | null): TMeta => (o?.metadata ?? {}) as TMeta;

/** The canary Ingress for `stable`: same rules, every backend on `service`, at `weight` percent. */
export function canaryIngressFor(
  stable: TRouterObject,
  name: string,
  service: string,
  weight: number,
): TRouterObject {
  type TBackend = { service?: { name?: string } } | undefined;
  type TRule = { http?: { paths?: { backend?: TBackend }[] } };
  const retarget = (b: TBackend): TBackend =>
    b?.service ? { ...b, service: { ...b.service, name: service } } : b;
  const source = structuredClone(stable.spec ?? {}) as {
    defaultBackend?: TBackend;
    rules?: TRule[];
    tls?: unknown;
  };
  // TLS stays on the stable Ingress; ingress-nginx applies it to the host's canary too.
  const { tls: _tls, ...spec } = source;
  if (spec.defaultBackend) spec.defaultBackend = retarget(spec.defaultBackend);
  spec.rules = spec.rules?.map((r) => ({
    ...r,
    http: r.http && {
      ...r.http,
      paths: r.http.paths?.map((p) => ({ ...p, backend: retarget(p.backend) })),
    },
  }));
  return {
    metadata: {
      name,
      labels: { [MANAGED_BY]: 'helmdeck', 'helmdeck.io/canary-of': metaOf(stable).name ?? '' },
      annotations: { [CANARY_ANNOTATION]: 'true', [CANARY_WEIGHT_ANNOTATION]: String(weight) },
    } as TRouterObject['metadata'],
    spec,
  };
}

export type TCanaryTraffic = {
  ingress: string;
  exists: boolean;
  /** Helmdeck made it (it never touches an Ingress of that name it did not make). */
  managed: boolean;
  /** The weight from the annotation: 0 without a canary Ingress or with canary off. */
  weight: number;
  backends: string[];
};

/** The canary's share of traffic as the cluster has it now. */
export async function readCanaryTraffic(
  kube: TStrategyKube,
  namespace: string,
  name: string,
  s: TCanaryStrategy,
): Promise<TCanaryTraffic> {
  const ingress = canaryIngressName(s, name);
  const obj = await getObject(kube, 'ingress', namespace, ingress);
  const meta = metaOf(obj);
  const a = meta.annotations ?? {};
  const raw = Number(a[CANARY_WEIGHT_ANNOTATION] ?? '0');
  const on = a[CANARY_ANNOTATION] === 'true';
  return {
    ingress,
    exists: obj !== null,
    managed: meta.labels?.[MANAGED_BY] === 'helmdeck',
    weight: obj && on && Number.isFinite(raw) ? Math.max(0, Math.min(100, Math.round(raw))) : 0,
    backends: obj ? [...new Set(ingressBackends(obj).map((b) => b.service))] : [],
  };
}

function checkWeight(weight: number): void {
  if (!Number.isInteger(weight) || weight < 0 || weight > 100)
    throw new StrategyError(`weight: ${weight} is not a whole percentage from 0 to 100`, 'invalid');
}

/**
 * Sends `weight` percent to the canary: creates the canary Ingress from the
 * stable one the first time, afterwards one PATCH of the weight annotation.
 */
export async function setCanaryWeight(
  kube: TStrategyKube,
  namespace: string,
  name: string,
  s: TCanaryStrategy,
  weight: number,
): Promise<TCanaryTraffic> {
  checkWeight(weight);
  const current = await readCanaryTraffic(kube, namespace, name, s);
  if (current.exists && !current.managed)
    throw new StrategyError(
      `ingress ${namespace}/${current.ingress} exists and was not made by Helmdeck; rename it or set the canary's ingress`,
      'conflict',
    );
  if (!current.exists) {
    const stableName = stableIngressName(s, name);
    const stable = await getObject(kube, 'ingress', namespace, stableName);
    if (!stable)
      throw new StrategyError(
        `ingress ${namespace}/${stableName}: the stable release's Ingress does not exist`,
        'not_found',
      );
    await createIngress(
      kube,
      namespace,
      canaryIngressFor(stable, current.ingress, canaryServiceName(s, name), weight),
    );
  } else if (current.weight !== weight) {
    await patchObject(kube, 'ingress', namespace, current.ingress, {
      metadata: { annotations: { [CANARY_WEIGHT_ANNOTATION]: String(weight) } },
    });
  }
  return readCanaryTraffic(kube, namespace, name, s);
}

/** Takes every request away from the canary: deletes the canary Ingress Helmdeck made. */
export async function removeCanaryTraffic(
  kube: TStrategyKube,
  namespace: string,
  name: string,
  s: TCanaryStrategy,
): Promise<void> {
  const current = await readCanaryTraffic(kube, namespace, name, s);
  if (!current.exists) return;
  if (!current.managed)
    throw new StrategyError(
      `ingress ${namespace}/${current.ingress} was not made by Helmdeck; it is left alone`,
      'conflict',
    );
  await deleteIngress(kube, namespace, current.ingress);
}
