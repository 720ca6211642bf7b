// StatefulSet controller: ordinal pods (name-0, name-1...), ordered start,
// rolling replacement from the highest ordinal, PVCs from claim templates,
// and the revision fields helm 3 and kstatus compare.
import type { KObject } from '../store';
import type { Recorder } from './events';
import { PODS } from './pods';
import { newPod, ownerKey } from './replicasets';
import { refsOf, type Controller, type Ctx, type Ref } from './runtime';
import {
  asArr,
  asObj,
  num,
  ownedBy,
  podAvailable,
  podIsReady,
  spec,
  status,
  templateHash,
  writeStatus,
} from './util';

export const STATEFULSETS = 'statefulsets.apps';
const REVISION_LABEL = 'controller-revision-hash';

function ordinalOf(pod: KObject, setName: string): number {
  const suffix = pod.metadata.name.slice(setName.length + 1);
  return /^\d+$/.test(suffix) ? Number(suffix) : -1;
}

export function statefulSetController(recorder: Recorder): Controller {
  const ensureClaims = (ctx: Ctx, sts: KObject, ordinal: number) => {
    for (const tmpl of asArr(spec(sts).volumeClaimTemplates)) {
      const meta = asObj(tmpl.metadata);
      const name = `${String(meta.name)}-${sts.metadata.name}-${ordinal}`;
      if (ctx.store.get('persistentvolumeclaims', sts.metadata.namespace, name)) continue;
      ctx.store.create('persistentvolumeclaims', {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: {
          name,
          namespace: sts.metadata.namespace,
          labels: asObj(asObj(spec(sts).selector).matchLabels) as Record<string, string>,
        },
        spec: { volumeMode: 'Filesystem', ...asObj(tmpl.spec) },
      });
      recorder.record(
        sts,
        'Normal',
        'SuccessfulCreate',
        `create Claim ${name} Pod ${sts.metadata.name}-${ordinal} in StatefulSet ${sts.metadata.name} success`,
        'statefulset-controller',
      );
    }
  };

  return {
    name: 'statefulsets',
    keysFor(e) {
      if (e.resource === STATEFULSETS && e.type !== 'DELETED')
        return [{ namespace: e.object.metadata.namespace, name: e.object.metadata.name }];
      if (e.resource === PODS) return ownerKey(e, 'StatefulSet');
      return [];
    },
    allKeys: (ctx) => refsOf(ctx.store, STATEFULSETS),
    reconcile(ref: Ref, ctx: Ctx) {
      const sts = ctx.store.get(STATEFULSETS, ref.namespace, ref.name);
      if (!sts || sts.metadata.deletionTimestamp) return;
      const s = spec(sts);
      const desired = num(s.replicas, 1);
      const template = asObj(s.template);
      const updateRevision = `${sts.metadata.name}-${templateHash(template)}`;
      const parallel = s.podManagementPolicy === 'Parallel';
      const strategy = asObj(s.updateStrategy);
      const partition = num(asObj(strategy.rollingUpdate).partition, 0);
      const byOrdinal = new Map<number, KObject>();
      for (const pod of ownedBy(ctx.store, PODS, sts))
        byOrdinal.set(ordinalOf(pod, sts.metadata.name), pod);
      const del = (pod: KObject) => {
        ctx.store.delete(PODS, pod.metadata.namespace, pod.metadata.name);
        recorder.record(
          sts,
          'Normal',
          'SuccessfulDelete',
          `delete Pod ${pod.metadata.name} in StatefulSet ${sts.metadata.name} successful`,
          'statefulset-controller',
        );
      };

      for (const [ordinal, pod] of byOrdinal) {
        if (ordinal < 0 || ordinal >= desired || status(pod).phase === 'Failed') {
          del(pod);
          byOrdinal.delete(ordinal);
        }
      }
      for (let i = 0; i < desired; i += 1) {
        if (byOrdinal.has(i)) continue;
        const blocked =
          !parallel &&
          [...Array(i).keys()].some((j) => !byOrdinal.get(j) || !podIsReady(byOrdinal.get(j)!));
        if (blocked) break;
        ensureClaims(ctx, sts, i);
        const name = `${sts.metadata.name}-${i}`;
        const labels = {
          [REVISION_LABEL]: updateRevision,
          'statefulset.kubernetes.io/pod-name': name,
          'apps.kubernetes.io/pod-index': String(i),
        };
        const pod = ctx.store.create(
          PODS,
          newPod(sts, template, name, labels, { hostname: name, subdomain: s.serviceName }),
        );
        recorder.record(
          sts,
          'Normal',
          'SuccessfulCreate',
          `create Pod ${name} in StatefulSet ${sts.metadata.name} successful`,
          'statefulset-controller',
        );
        byOrdinal.set(i, pod);
      }
      if (strategy.type !== 'OnDelete') {
        // Replace one outdated pod at a time, highest ordinal first, once the others are ready.
        // A broken pod is replaced even when unready, so a rollback can repair a failed update.
        const outdated = [...byOrdinal.entries()]
          .filter(
            ([i, p]) => i >= partition && p.metadata.labels?.[REVISION_LABEL] !== updateRevision,
          )
          .sort(([a], [b]) => b - a)[0];
        if (outdated) {
          const othersReady = [...byOrdinal.entries()].every(
            ([i, p]) => i === outdated[0] || podIsReady(p),
          );
          if (othersReady || parallel) {
            del(outdated[1]);
            ctx.enqueue('statefulsets', ref);
          }
        }
      }

      const pods = [...byOrdinal.values()];
      const now = ctx.now();
      const minReady = num(s.minReadySeconds, 0);
      const updated = pods.filter(
        (p) => p.metadata.labels?.[REVISION_LABEL] === updateRevision,
      ).length;
      const prevCurrent =
        typeof status(sts).currentRevision === 'string'
          ? String(status(sts).currentRevision)
          : updateRevision;
      const currentRevision =
        updated === desired && pods.length === desired ? updateRevision : prevCurrent;
      const current = pods.filter(
        (p) => p.metadata.labels?.[REVISION_LABEL] === currentRevision,
      ).length;
      writeStatus(ctx.store, STATEFULSETS, sts, {
        observedGeneration: sts.metadata.generation,
        replicas: pods.length,
        readyReplicas: pods.filter(podIsReady).length || undefined,
        currentReplicas: current || undefined,
        updatedReplicas: updated || undefined,
        availableReplicas: pods.filter((p) => podAvailable(p, minReady, now).available).length,
        currentRevision,
        updateRevision,
        collisionCount: 0,
      });
    },
  };
}
