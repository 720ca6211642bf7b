// Prometheus HTTP service discovery for the cluster's pods (`GET
// /sandbox/sd/pods`). Debian's prometheus is built without
// kubernetes_sd_configs, so the sandbox offers the same targets and the same
// `__meta_kubernetes_pod_*` labels that kubernetes_sd_configs (role: pod)
// would produce: one target per container port (per container without
// ports). A scrape config's relabelling written for a real cluster applies
// unchanged. Needs what kubernetes_sd needs: list pods at the cluster scope.
import type { ServerResponse } from 'node:http';
import type { TUser } from '../auth/identity';
import { asArr, asObj, podIsReady, spec, status } from '../controllers/util';
import type { KObject } from '../store';
import { requireAllowed } from './authorize';
import type { TCluster } from './context';
import { sendJson } from './http';

export const SD_PATH = '/sandbox/sd/pods';

const sanitize = (name: string) => name.replace(/[^a-zA-Z0-9_]/g, '_');

function podLabels(pod: KObject): Record<string, string> {
  const out: Record<string, string> = {
    __meta_kubernetes_namespace: pod.metadata.namespace ?? '',
    __meta_kubernetes_pod_name: pod.metadata.name,
    __meta_kubernetes_pod_uid: pod.metadata.uid ?? '',
    __meta_kubernetes_pod_ip: String(status(pod).podIP ?? ''),
    __meta_kubernetes_pod_phase: String(status(pod).phase ?? ''),
    __meta_kubernetes_pod_ready: String(podIsReady(pod)),
    __meta_kubernetes_pod_node_name: String(spec(pod).nodeName ?? ''),
    __meta_kubernetes_pod_host_ip: String(status(pod).hostIP ?? ''),
  };
  const owner = pod.metadata.ownerReferences?.find((r) => r.controller);
  if (owner) {
    out.__meta_kubernetes_pod_controller_kind = owner.kind;
    out.__meta_kubernetes_pod_controller_name = owner.name;
  }
  for (const [k, v] of Object.entries(pod.metadata.labels ?? {})) {
    out[`__meta_kubernetes_pod_label_${sanitize(k)}`] = v;
    out[`__meta_kubernetes_pod_labelpresent_${sanitize(k)}`] = 'true';
  }
  for (const [k, v] of Object.entries(pod.metadata.annotations ?? {})) {
    out[`__meta_kubernetes_pod_annotation_${sanitize(k)}`] = v;
    out[`__meta_kubernetes_pod_annotationpresent_${sanitize(k)}`] = 'true';
  }
  return out;
}

function targetsOf(pod: KObject): Array<{ targets: string[]; labels: Record<string, string> }> {
  const ip = String(status(pod).podIP ?? '');
  if (!ip) return [];
  const base = podLabels(pod);
  const groups = [];
  for (const [list, init] of [
    [spec(pod).initContainers, 'true'],
    [spec(pod).containers, 'false'],
  ] as const) {
    for (const c of asArr(list)) {
      const container = {
        ...base,
        __meta_kubernetes_pod_container_name: String(c.name ?? ''),
        __meta_kubernetes_pod_container_image: String(c.image ?? ''),
        __meta_kubernetes_pod_container_init: init,
      };
      const ports = asArr(c.ports);
      if (ports.length === 0) groups.push({ targets: [ip], labels: container });
      for (const p of ports) {
        groups.push({
          targets: [`${ip}:${String(p.containerPort)}`],
          labels: {
            ...container,
            __meta_kubernetes_pod_container_port_name: String(asObj(p).name ?? ''),
            __meta_kubernetes_pod_container_port_number: String(p.containerPort),
            __meta_kubernetes_pod_container_port_protocol: String(p.protocol ?? 'TCP'),
          },
        });
      }
    }
  }
  return groups;
}

export function servePodTargets(cluster: TCluster, user: TUser, res: ServerResponse): void {
  requireAllowed(cluster, user, {
    resourceRequest: true,
    verb: 'list',
    apiGroup: '',
    apiVersion: 'v1',
    resource: 'pods',
  });
  const pods = cluster.store.listReadonly('pods', undefined, (p) => !p.metadata.deletionTimestamp);
  sendJson(
    res,
    200,
    pods.flatMap((p) => targetsOf(p as KObject)),
  );
}
