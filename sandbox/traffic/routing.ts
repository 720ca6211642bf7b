// Where the simulated users' requests go, as an ingress controller would
// send them: every Ingress host receives a steady request rate, split over
// its paths; a path goes to its backend Service's ready pods, evenly. An
// ingress-nginx canary Ingress (`canary: "true"`, `canary-weight`) for the
// same host and path takes its weight's share. When two ordinary Ingresses
// claim one host and path, the older one wins, as with ingress-nginx. Pods
// behind no Ingress get no background traffic.
import type { KObject, Store } from '../store';
import { selectedPods } from '../controllers/services';
import { asArr, asObj, podIsReady, spec } from '../controllers/util';

const INGRESSES = 'ingresses.networking.k8s.io';
const CANARY = 'nginx.ingress.kubernetes.io/canary';
const WEIGHT = 'nginx.ingress.kubernetes.io/canary-weight';
const WEIGHT_TOTAL = 'nginx.ingress.kubernetes.io/canary-weight-total';

export interface TPodRate {
  namespace: string;
  name: string;
  /** Requests per second this pod receives. */
  rps: number;
}

interface TRoute {
  ingress: KObject;
  host: string;
  path: string;
  service: string;
}

function routesOf(ingress: KObject): TRoute[] {
  const s = spec(ingress);
  const routes: TRoute[] = [];
  for (const rule of asArr(s.rules)) {
    const host = typeof rule.host === 'string' && rule.host ? rule.host : '*';
    for (const p of asArr(asObj(rule.http).paths)) {
      const service = asObj(asObj(p.backend).service).name;
      if (typeof service === 'string')
        routes.push({ ingress, host, path: typeof p.path === 'string' ? p.path : '/', service });
    }
  }
  const fallback = asObj(asObj(s.defaultBackend).service).name;
  if (routes.length === 0 && typeof fallback === 'string')
    routes.push({ ingress, host: '*', path: '/', service: fallback });
  return routes;
}

const isCanary = (ingress: KObject) => ingress.metadata.annotations?.[CANARY] === 'true';

/** The canary's share of its host and path, 0..1. */
function canaryShare(ingress: KObject): number {
  const a = ingress.metadata.annotations ?? {};
  const total = Number(a[WEIGHT_TOTAL] ?? 100) || 100;
  const weight = Number(a[WEIGHT] ?? 0);
  if (!Number.isFinite(weight)) return 0;
  return Math.min(1, Math.max(0, weight / total));
}

const age = (o: KObject) =>
  `${o.metadata.creationTimestamp ?? ''}/${o.metadata.namespace}/${o.metadata.name}`;

/** The first route per host and path, oldest Ingress first. */
function claim(ingresses: KObject[]): Map<string, TRoute> {
  const claimed = new Map<string, TRoute>();
  for (const ingress of [...ingresses].sort((a, b) => (age(a) < age(b) ? -1 : 1))) {
    for (const route of routesOf(ingress)) {
      const key = `${route.host} ${route.path}`;
      if (!claimed.has(key)) claimed.set(key, route);
    }
  }
  return claimed;
}

/** Request rates of every pod that receives background traffic. */
export function podRates(store: Store, requestsPerHost: number): Map<string, TPodRate> {
  const ingresses = store.list(INGRESSES).filter((i) => !i.metadata.deletionTimestamp);
  const main = claim(ingresses.filter((i) => !isCanary(i)));
  const canaries = claim(ingresses.filter(isCanary));
  const pathsPerHost = new Map<string, number>();
  for (const route of main.values())
    pathsPerHost.set(route.host, (pathsPerHost.get(route.host) ?? 0) + 1);

  const rates = new Map<string, TPodRate>();
  const send = (namespace: string, service: string, rps: number) => {
    if (rps <= 0) return;
    const svc = store.get('services', namespace, service);
    if (!svc || Object.keys(asObj(spec(svc).selector)).length === 0) return;
    const ready = selectedPods({ store }, svc).filter(podIsReady);
    // No ready endpoint: the ingress answers 503 itself, no pod sees the request.
    for (const pod of ready) {
      const uid = pod.metadata.uid ?? '';
      const entry = rates.get(uid) ?? { namespace, name: pod.metadata.name, rps: 0 };
      entry.rps += rps / ready.length;
      rates.set(uid, entry);
    }
  };
  for (const [key, route] of main) {
    const rps = requestsPerHost / (pathsPerHost.get(route.host) ?? 1);
    const canary = canaries.get(key);
    const share = canary ? canaryShare(canary.ingress) : 0;
    send(route.ingress.metadata.namespace ?? 'default', route.service, rps * (1 - share));
    if (canary) send(canary.ingress.metadata.namespace ?? 'default', canary.service, rps * share);
  }
  return rates;
}
