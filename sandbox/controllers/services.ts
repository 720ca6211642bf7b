// Service controller: allocates the clusterIP (and node ports, a load
// balancer address), and keeps Endpoints and an EndpointSlice listing the
// pods the selector matches, ready ones as addresses.
import { isDeepStrictEqual } from 'node:util';
import type { KObject } from '../store';
import { PODS } from './pods';
import { refsOf, type Controller, type Ctx, type Ref } from './runtime';
import {
  asArr,
  asObj,
  matchesMap,
  type Obj,
  podIsReady,
  spec,
  status,
  templateHash,
  writeIfChanged,
} from './util';

export const SERVICES = 'services';
export const ENDPOINTS = 'endpoints';
export const ENDPOINT_SLICES = 'endpointslices.discovery.k8s.io';

function allocateClusterIP(ctx: Ctx): string {
  const used = new Set(ctx.store.list(SERVICES).map((s) => String(spec(s).clusterIP ?? '')));
  for (let n = 10; n < 65_000; n += 1) {
    const ip = `10.96.${Math.floor(n / 256)}.${n % 256}`;
    if (n % 256 !== 0 && n % 256 !== 255 && !used.has(ip)) return ip;
  }
  throw new Error('service IP range exhausted');
}

function allocateNodePort(ctx: Ctx, taken: Set<number>): number {
  for (const svc of ctx.store.list(SERVICES))
    for (const p of asArr(spec(svc).ports))
      if (typeof p.nodePort === 'number') taken.add(p.nodePort);
  for (let port = 30000; port <= 32767; port += 1)
    if (!taken.has(port)) return (taken.add(port), port);
  throw new Error('node port range exhausted');
}

/** The pods a Service selects, with the port numbers its targetPorts resolve to. */
export function selectedPods(ctx: Pick<Ctx, 'store'>, svc: KObject): KObject[] {
  const selector = asObj(spec(svc).selector) as Record<string, string>;
  return ctx.store.list(
    PODS,
    svc.metadata.namespace,
    (p) =>
      matchesMap(p.metadata.labels, selector) &&
      !p.metadata.deletionTimestamp &&
      !!status(p).podIP &&
      status(p).phase === 'Running',
  );
}

function targetPort(svcPort: Obj, pod: KObject | undefined): number {
  const target = svcPort.targetPort ?? svcPort.port;
  if (typeof target === 'number') return target;
  for (const c of asArr(spec(pod ?? ({} as KObject)).containers)) {
    for (const p of asArr(c.ports))
      if (p.name === target && typeof p.containerPort === 'number') return p.containerPort;
  }
  return typeof svcPort.port === 'number' ? svcPort.port : 80;
}

export function serviceController(): Controller {
  const upsert = (ctx: Ctx, resource: string, desired: KObject) => {
    const current = ctx.store.get(resource, desired.metadata.namespace, desired.metadata.name);
    if (!current) return void ctx.store.create(resource, desired);
    const { metadata, ...rest } = desired;
    writeIfChanged(ctx.store, resource, current, {
      ...current,
      ...rest,
      metadata: {
        ...current.metadata,
        labels: metadata.labels,
        ownerReferences: metadata.ownerReferences ?? current.metadata.ownerReferences,
      },
    });
  };

  return {
    name: 'services',
    keysFor(e, ctx) {
      if (e.resource === SERVICES)
        return [{ namespace: e.object.metadata.namespace, name: e.object.metadata.name }];
      if (e.resource === PODS) {
        return ctx.store
          .list(SERVICES, e.object.metadata.namespace)
          .filter((s) =>
            matchesMap(e.object.metadata.labels, asObj(spec(s).selector) as Record<string, string>),
          )
          .map((s) => ({ namespace: s.metadata.namespace, name: s.metadata.name }));
      }
      return [];
    },
    allKeys: (ctx) => refsOf(ctx.store, SERVICES),
    reconcile(ref: Ref, ctx: Ctx) {
      let svc = ctx.store.get(SERVICES, ref.namespace, ref.name);
      if (!svc) {
        for (const resource of [ENDPOINTS]) {
          if (ctx.store.get(resource, ref.namespace, ref.name))
            ctx.store.delete(resource, ref.namespace, ref.name);
        }
        return;
      }
      const s = spec(svc);
      const type = String(s.type ?? 'ClusterIP');
      const next: Obj = { ...s };
      if (type !== 'ExternalName' && !s.clusterIP) {
        const ip = allocateClusterIP(ctx);
        next.clusterIP = ip;
        next.clusterIPs = [ip];
        next.ipFamilies = ['IPv4'];
        next.ipFamilyPolicy = 'SingleStack';
      }
      if (type === 'NodePort' || type === 'LoadBalancer') {
        const taken = new Set<number>();
        next.ports = asArr(s.ports).map((p) =>
          typeof p.nodePort === 'number' ? p : { ...p, nodePort: allocateNodePort(ctx, taken) },
        );
      }
      let nextStatus = asObj(svc.status);
      if (type === 'LoadBalancer' && asArr(asObj(nextStatus.loadBalancer).ingress).length === 0) {
        const ip = `172.18.255.${1 + (Number.parseInt(templateHash(svc.metadata.uid).replace(/\D/g, '').slice(0, 3) || '0', 10) % 250)}`;
        nextStatus = { ...nextStatus, loadBalancer: { ingress: [{ ip, ipMode: 'VIP' }] } };
      }
      svc = writeIfChanged(ctx.store, SERVICES, svc, { ...svc, spec: next, status: nextStatus });

      const selector = asObj(s.selector);
      if (Object.keys(selector).length === 0) return; // endpoints of selector-less services are the user's
      const pods = selectedPods(ctx, svc).sort((a, b) =>
        String(status(a).podIP).localeCompare(String(status(b).podIP)),
      );
      const address = (p: KObject) => ({
        ip: status(p).podIP,
        nodeName: spec(p).nodeName,
        targetRef: {
          kind: 'Pod',
          namespace: p.metadata.namespace,
          name: p.metadata.name,
          uid: p.metadata.uid,
        },
      });
      const ready = pods.filter(podIsReady);
      const notReady = pods.filter((p) => !podIsReady(p));
      const ports = asArr(s.ports).map(
        (p) =>
          JSON.parse(
            JSON.stringify({
              name: p.name,
              port: targetPort(p, pods[0]),
              protocol: p.protocol ?? 'TCP',
            }),
          ) as Obj,
      );
      const subsets = pods.length
        ? [
            JSON.parse(
              JSON.stringify({
                addresses: ready.length ? ready.map(address) : undefined,
                notReadyAddresses: notReady.length ? notReady.map(address) : undefined,
                ports,
              }),
            ) as Obj,
          ]
        : undefined;
      const endpoints: KObject = {
        apiVersion: 'v1',
        kind: 'Endpoints',
        metadata: {
          name: svc.metadata.name,
          namespace: svc.metadata.namespace,
          labels: svc.metadata.labels,
        },
      };
      if (subsets) endpoints.subsets = subsets;
      const existing = ctx.store.get(ENDPOINTS, svc.metadata.namespace, svc.metadata.name);
      if (existing && !isDeepStrictEqual(existing.subsets, endpoints.subsets) && !subsets) {
        const { subsets: _gone, ...rest } = existing;
        ctx.store.update(ENDPOINTS, rest as KObject);
      } else upsert(ctx, ENDPOINTS, endpoints);

      upsert(ctx, ENDPOINT_SLICES, {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: {
          name: `${svc.metadata.name}-${templateHash(svc.metadata.uid).slice(0, 5)}`,
          namespace: svc.metadata.namespace,
          labels: {
            ...svc.metadata.labels,
            'kubernetes.io/service-name': svc.metadata.name,
            'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
          },
          ownerReferences: [
            {
              apiVersion: 'v1',
              kind: 'Service',
              name: svc.metadata.name,
              uid: svc.metadata.uid ?? '',
              controller: true,
              blockOwnerDeletion: true,
            },
          ],
        },
        addressType: 'IPv4',
        endpoints: pods.map((p) => ({
          addresses: [status(p).podIP],
          conditions: { ready: podIsReady(p), serving: podIsReady(p), terminating: false },
          nodeName: spec(p).nodeName,
          targetRef: {
            kind: 'Pod',
            namespace: p.metadata.namespace,
            name: p.metadata.name,
            uid: p.metadata.uid,
          },
        })),
        ports,
      });
    },
  };
}
