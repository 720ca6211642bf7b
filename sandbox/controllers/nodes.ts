// The sandbox's one node (what the kubelet would register) and the volume
// binder that marks every PersistentVolumeClaim Bound.
import type { Store } from '../store';
import { NODE_LABELS } from './daemonsets';
import { refsOf, type Controller, type Ctx, type Ref } from './runtime';
import { asObj, isoTime, NODE_IP, NODE_NAME, spec, status, writeStatus } from './util';

export const PVCS = 'persistentvolumeclaims';

export function ensureNode(store: Store, now: number): void {
  if (store.list('nodes').length > 0) return;
  const at = isoTime(now);
  const capacity = {
    cpu: '4',
    memory: '16374860Ki',
    pods: '110',
    'ephemeral-storage': '102687672Ki',
  };
  const condition = (type: string, value: string, reason: string, message: string) => ({
    type,
    status: value,
    lastHeartbeatTime: at,
    lastTransitionTime: at,
    reason,
    message,
  });
  store.create('nodes', {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: NODE_NAME,
      labels: {
        ...NODE_LABELS,
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
      },
    },
    spec: { podCIDR: '10.244.0.0/16', podCIDRs: ['10.244.0.0/16'] },
    status: {
      capacity,
      allocatable: capacity,
      conditions: [
        condition(
          'MemoryPressure',
          'False',
          'KubeletHasSufficientMemory',
          'kubelet has sufficient memory available',
        ),
        condition(
          'DiskPressure',
          'False',
          'KubeletHasNoDiskPressure',
          'kubelet has no disk pressure',
        ),
        condition(
          'PIDPressure',
          'False',
          'KubeletHasSufficientPID',
          'kubelet has sufficient PID available',
        ),
        condition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
      ],
      addresses: [
        { type: 'InternalIP', address: NODE_IP },
        { type: 'Hostname', address: NODE_NAME },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        machineID: 'sandbox',
        systemUUID: 'sandbox',
        bootID: 'sandbox',
        kernelVersion: '6.1.0',
        osImage: 'Helmdeck sandbox',
        containerRuntimeVersion: 'containerd://2.0.0',
        kubeletVersion: 'v1.35.0',
        kubeProxyVersion: 'v1.35.0',
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
    },
  });
}

export function pvcController(): Controller {
  return {
    name: 'pvcs',
    keysFor: (e) =>
      e.resource === PVCS && e.type !== 'DELETED'
        ? [{ namespace: e.object.metadata.namespace, name: e.object.metadata.name }]
        : [],
    allKeys: (ctx) => refsOf(ctx.store, PVCS),
    reconcile(ref: Ref, ctx: Ctx) {
      const pvc = ctx.store.get(PVCS, ref.namespace, ref.name);
      if (!pvc || status(pvc).phase === 'Bound') return;
      const s = spec(pvc);
      const storage = asObj(asObj(s.resources).requests).storage ?? '1Gi';
      writeStatus(ctx.store, PVCS, pvc, {
        phase: 'Bound',
        accessModes: s.accessModes ?? ['ReadWriteOnce'],
        capacity: { storage },
      });
    },
  };
}
