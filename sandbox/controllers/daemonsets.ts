// DaemonSet controller for the one-node sandbox: one pod on sandbox-node-1
// (unless a nodeSelector excludes it), replaced on template change.
import type { KObject } from '../store';
import type { Recorder } from './events';
import { PODS } from './pods';
import { newPod, ownerKey } from './replicasets';
import { refsOf, type Controller, type Ctx, type Ref } from './runtime';
import {
  asObj,
  NODE_NAME,
  num,
  ownedBy,
  podAvailable,
  podIsReady,
  schedulingNode,
  spec,
  status,
  templateHash,
  writeStatus,
} from './util';

export const DAEMONSETS = 'daemonsets.apps';
export const NODE_LABELS: Record<string, string> = {
  'kubernetes.io/hostname': NODE_NAME,
  'kubernetes.io/os': 'linux',
  'kubernetes.io/arch': 'amd64',
  'node-role.kubernetes.io/control-plane': '',
};

export function daemonSetController(recorder: Recorder): Controller {
  return {
    name: 'daemonsets',
    keysFor(e) {
      if (e.resource === DAEMONSETS && e.type !== 'DELETED')
        return [{ namespace: e.object.metadata.namespace, name: e.object.metadata.name }];
      if (e.resource === PODS) return ownerKey(e, 'DaemonSet');
      return [];
    },
    allKeys: (ctx) => refsOf(ctx.store, DAEMONSETS),
    reconcile(ref: Ref, ctx: Ctx) {
      const ds = ctx.store.get(DAEMONSETS, ref.namespace, ref.name);
      if (!ds || ds.metadata.deletionTimestamp) return;
      const s = spec(ds);
      const template = asObj(s.template);
      const nodeSelector = asObj(asObj(template.spec).nodeSelector);
      const node = schedulingNode(ctx.store);
      const desired = Object.entries(nodeSelector).every(([k, v]) => node.labels[k] === v) ? 1 : 0;
      const hash = templateHash(template);
      const onDelete = asObj(s.updateStrategy).type === 'OnDelete';
      let pods = ownedBy(ctx.store, PODS, ds);
      const remove = (pod: KObject) => {
        ctx.store.delete(PODS, pod.metadata.namespace, pod.metadata.name);
        recorder.record(
          ds,
          'Normal',
          'SuccessfulDelete',
          `Deleted pod: ${pod.metadata.name}`,
          'daemonset-controller',
        );
      };
      for (const pod of pods) {
        const outdated = pod.metadata.labels?.['controller-revision-hash'] !== hash && !onDelete;
        if (desired === 0 || outdated || status(pod).phase === 'Failed' || pods.indexOf(pod) > 0)
          remove(pod);
      }
      pods = ownedBy(ctx.store, PODS, ds);
      if (pods.length < desired) {
        const labels = {
          'controller-revision-hash': hash,
          'pod-template-generation': String(ds.metadata.generation ?? 1),
        };
        const pod = ctx.store.create(
          PODS,
          newPod(ds, template, `${ds.metadata.name}-${(hash + 'bcdfg').slice(0, 5)}`, labels, {
            nodeName: node.name,
          }),
        );
        recorder.record(
          ds,
          'Normal',
          'SuccessfulCreate',
          `Created pod: ${pod.metadata.name}`,
          'daemonset-controller',
        );
        pods = [pod];
      }
      const now = ctx.now();
      const ready = pods.filter(podIsReady).length;
      const available = pods.filter(
        (p) => podAvailable(p, num(s.minReadySeconds, 0), now).available,
      ).length;
      writeStatus(ctx.store, DAEMONSETS, ds, {
        currentNumberScheduled: pods.length,
        numberMisscheduled: 0,
        desiredNumberScheduled: desired,
        numberReady: ready,
        observedGeneration: ds.metadata.generation,
        updatedNumberScheduled:
          pods.filter((p) => p.metadata.labels?.['controller-revision-hash'] === hash).length ||
          undefined,
        numberAvailable: available || undefined,
        numberUnavailable: desired - available > 0 ? desired - available : undefined,
      });
    },
  };
}
