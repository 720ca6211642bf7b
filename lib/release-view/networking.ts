// Services and Ingresses of a release in the shape the release page shows,
// with which backends actually have ready pods (the live side of blue/green).
import type { TRawObject } from '@/lib/kube/list-watch';
import { podHealth, releaseOf, type TPodLike } from '@/lib/releases/workload-health';

export type TServiceFact = {
  name: string;
  type: string;
  clusterIP: string | null;
  ports: { name: string | null; port: number; targetPort: string | null; protocol: string }[];
  selector: Record<string, string>;
  /** Ready pods the selector matches. */
  readyEndpoints: number;
};

export type TIngressBackend = {
  host: string | null;
  path: string;
  service: string;
  port: string | null;
  /** The release owning the backend Service, when helm installed it. */
  serviceRelease: string | null;
  readyEndpoints: number;
  /** Traffic reaches ready pods through this backend. */
  live: boolean;
};

export type TIngressFact = {
  name: string;
  className: string | null;
  tlsHosts: string[];
  backends: TIngressBackend[];
};

type TSvcSpec = {
  type?: string;
  clusterIP?: string;
  selector?: Record<string, string>;
  ports?: { name?: string; port?: number; targetPort?: number | string; protocol?: string }[];
};

function readyPodsFor(selector: Record<string, string>, pods: TRawObject[]): number {
  const entries = Object.entries(selector);
  if (entries.length === 0) return 0;
  return pods.filter((p) => {
    const labels = p.metadata?.labels ?? {};
    if (!entries.every(([k, v]) => labels[k] === v)) return false;
    return podHealth(p as TPodLike)?.ready === true;
  }).length;
}

/** Services with their ports and how many ready pods back them. */
export function serviceFacts(services: TRawObject[], pods: TRawObject[]): TServiceFact[] {
  return services.map((s) => {
    const spec = (s.spec ?? {}) as TSvcSpec;
    return {
      name: s.metadata?.name ?? '',
      type: spec.type ?? 'ClusterIP',
      clusterIP: spec.clusterIP ?? null,
      ports: (spec.ports ?? []).map((p) => ({
        name: p.name ?? null,
        port: p.port ?? 0,
        targetPort: p.targetPort === undefined ? null : String(p.targetPort),
        protocol: p.protocol ?? 'TCP',
      })),
      selector: spec.selector ?? {},
      readyEndpoints: readyPodsFor(spec.selector ?? {}, pods),
    };
  });
}

type TIngSpec = {
  ingressClassName?: string;
  tls?: { hosts?: string[] }[];
  defaultBackend?: TBackend;
  rules?: { host?: string; http?: { paths?: { path?: string; backend?: TBackend }[] } }[];
};
type TBackend = { service?: { name?: string; port?: { number?: number; name?: string } } };

/** Ingresses with each backend Service, its owning release and whether it has ready pods. */
export function ingressFacts(
  ingresses: TRawObject[],
  services: TRawObject[],
  pods: TRawObject[],
): TIngressFact[] {
  const byName = new Map(services.map((s) => [s.metadata?.name ?? '', s]));
  const backend = (
    host: string | null,
    path: string,
    b: TBackend | undefined,
  ): TIngressBackend[] => {
    const name = b?.service?.name;
    if (!name) return [];
    const svc = byName.get(name);
    const ready = svc ? readyPodsFor(((svc.spec ?? {}) as TSvcSpec).selector ?? {}, pods) : 0;
    const port = b?.service?.port;
    return [
      {
        host,
        path,
        service: name,
        port: port?.number !== undefined ? String(port.number) : (port?.name ?? null),
        serviceRelease: svc ? (releaseOf(svc)?.name ?? null) : null,
        readyEndpoints: ready,
        live: ready > 0,
      },
    ];
  };
  return ingresses.map((i) => {
    const spec = (i.spec ?? {}) as TIngSpec;
    const backends = [
      ...backend(null, '(default)', spec.defaultBackend),
      ...(spec.rules ?? []).flatMap((r) =>
        (r.http?.paths ?? []).flatMap((p) => backend(r.host ?? null, p.path ?? '/', p.backend)),
      ),
    ];
    return {
      name: i.metadata?.name ?? '',
      className: spec.ingressClassName ?? null,
      tlsHosts: (spec.tls ?? []).flatMap((t) => t.hosts ?? []),
      backends,
    };
  });
}
