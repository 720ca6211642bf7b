// ReplicaSet controller: keeps spec.replicas pods of the template, reports
// replicas / ready / available and observedGeneration (helm 3 checks it).
import type { KObject, StoreEvent } from '../store';
import type { Recorder } from './events';
import { PODS } from './pods';
import { refsOf, type Controller, type Ctx, type Ref } from './runtime';
import {
  asObj,
  controllerOf,
  matchesSelector,
  num,
  ownedBy,
  ownerRef,
  podAvailable,
  podIsReady,
  podSpecDefaults,
  randomSuffix,
  spec,
  status,
  writeStatus,
  type Obj,
} from './util';

export const REPLICASETS = 'replicasets.apps';

/** Deletion order of surplus pods, as the real controller ranks them: worst first. */
function deletionRank(pod: KObject): number {
  const s = status(pod);
  if (!spec(pod).nodeName) return 0;
  if (s.phase === 'Pending') return 1;
  if (!podIsReady(pod)) return 2;
  return 3;
}

export function newPod(
  owner: KObject,
  template: Obj,
  name: string,
  extraLabels: Record<string, string> = {},
  specExtra: Obj = {},
): KObject {
  const meta = asObj(template.metadata);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: owner.metadata.namespace,
      labels: { ...(meta.labels as Record<string, string> | undefined), ...extraLabels },
      annotations: meta.annotations as Record<string, string> | undefined,
      ownerReferences: [ownerRef(owner)],
    },
    spec: { ...podSpecDefaults(asObj(template.spec)), ...specExtra },
  };
}

export function ownerKey(e: StoreEvent, kind: string): Ref[] {
  const owner = controllerOf(e.object);
  return owner?.kind === kind ? [{ namespace: e.object.metadata.namespace, name: owner.name }] : [];
}

export function replicaSetController(recorder: Recorder): Controller {
  return {
    name: 'replicasets',
    keysFor(e) {
      if (e.resource === REPLICASETS && e.type !== 'DELETED')
        return [{ namespace: e.object.metadata.namespace, name: e.object.metadata.name }];
      if (e.resource === PODS) return ownerKey(e, 'ReplicaSet');
      return [];
    },
    allKeys: (ctx) => refsOf(ctx.store, REPLICASETS),
    reconcile(ref: Ref, ctx: Ctx) {
      const rs = ctx.store.get(REPLICASETS, ref.namespace, ref.name);
      if (!rs || rs.metadata.deletionTimestamp) return;
      const rsSpec = spec(rs);
      const desired = num(rsSpec.replicas, 1);
      const template = asObj(rsSpec.template);
      let pods = ownedBy(ctx.store, PODS, rs).filter(
        (p) => status(p).phase !== 'Succeeded' && status(p).phase !== 'Failed',
      );
      if (
        pods.length < desired &&
        matchesSelector(
          asObj(asObj(template.metadata).labels) as Record<string, string>,
          rsSpec.selector,
        )
      ) {
        for (let i = pods.length; i < desired; i += 1) {
          const pod = ctx.store.create(
            PODS,
            newPod(rs, template, `${rs.metadata.name}-${randomSuffix()}`),
          );
          recorder.record(
            rs,
            'Normal',
            'SuccessfulCreate',
            `Created pod: ${pod.metadata.name}`,
            'replicaset-controller',
          );
          pods.push(pod);
        }
      } else if (pods.length > desired) {
        const doomed = [...pods]
          .sort(
            (a, b) =>
              deletionRank(a) - deletionRank(b) ||
              String(b.metadata.creationTimestamp).localeCompare(
                String(a.metadata.creationTimestamp),
              ),
          )
          .slice(0, pods.length - desired);
        for (const pod of doomed) {
          ctx.store.delete(PODS, pod.metadata.namespace, pod.metadata.name);
          recorder.record(
            rs,
            'Normal',
            'SuccessfulDelete',
            `Deleted pod: ${pod.metadata.name}`,
            'replicaset-controller',
          );
        }
        const gone = new Set(doomed.map((p) => p.metadata.name));
        pods = pods.filter((p) => !gone.has(p.metadata.name));
      }
      const minReady = num(rsSpec.minReadySeconds, 0);
      const now = ctx.now();
      let available = 0;
      for (const pod of pods) {
        const a = podAvailable(pod, minReady, now);
        if (a.available) available += 1;
        else if (a.at) ctx.after('replicasets', ref, a.at - now);
      }
      const ready = pods.filter(podIsReady).length;
      const selectorLabels = asObj(asObj(rsSpec.selector).matchLabels);
      const fully = pods.filter((p) =>
        Object.entries(selectorLabels).every(([k, v]) => p.metadata.labels?.[k] === v),
      ).length;
      writeStatus(ctx.store, REPLICASETS, rs, {
        replicas: pods.length,
        fullyLabeledReplicas: fully || undefined,
        readyReplicas: ready || undefined,
        availableReplicas: available || undefined,
        observedGeneration: rs.metadata.generation,
      });
    },
  };
}
