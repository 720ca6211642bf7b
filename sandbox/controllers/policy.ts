// PodDisruptionBudget status (kstatus waits on currentHealthy >= desiredHealthy)
// and HorizontalPodAutoscaler: clamps its target into [min, max] and reports status.
import type { KObject, StoreEvent } from '../store';
import type { Recorder } from './events';
import { PODS } from './pods';
import { refsOf, type Controller, type Ctx, type Ref } from './runtime';
import {
  asArr,
  asObj,
  isoTime,
  matchesSelector,
  num,
  type Obj,
  podIsReady,
  scaledValue,
  spec,
  status,
  writeStatus,
} from './util';

export const PDBS = 'poddisruptionbudgets.policy';
export const HPAS = 'horizontalpodautoscalers.autoscaling';
const SCALE_TARGETS: Record<string, string> = {
  Deployment: 'deployments.apps',
  StatefulSet: 'statefulsets.apps',
  ReplicaSet: 'replicasets.apps',
};

function keep(
  prev: Obj[],
  type: string,
  value: string,
  reason: string,
  message: string,
  nowIso: string,
): Obj {
  const old = prev.find((c) => c.type === type);
  const same = old && old.status === value;
  return {
    type,
    status: value,
    reason,
    message,
    lastTransitionTime: same ? old.lastTransitionTime : nowIso,
  };
}

function sameNamespace(resource: string) {
  return (e: StoreEvent, ctx: Ctx): Ref[] =>
    ctx.store
      .list(resource, e.object.metadata.namespace)
      .map((o) => ({ namespace: o.metadata.namespace, name: o.metadata.name }));
}

export function pdbController(): Controller {
  const forPods = sameNamespace(PDBS);
  return {
    name: 'pdbs',
    keysFor: (e, ctx) =>
      e.resource === PDBS && e.type !== 'DELETED'
        ? [{ namespace: e.object.metadata.namespace, name: e.object.metadata.name }]
        : e.resource === PODS
          ? forPods(e, ctx)
          : [],
    allKeys: (ctx) => refsOf(ctx.store, PDBS),
    reconcile(ref: Ref, ctx: Ctx) {
      const pdb = ctx.store.get(PDBS, ref.namespace, ref.name);
      if (!pdb) return;
      const s = spec(pdb);
      const pods = ctx.store
        .list(PODS, ref.namespace)
        .filter(
          (p) =>
            matchesSelector(p.metadata.labels, s.selector) &&
            !p.metadata.deletionTimestamp &&
            status(p).phase !== 'Succeeded' &&
            status(p).phase !== 'Failed',
        );
      const expected = pods.length;
      const healthy = pods.filter(podIsReady).length;
      const desired =
        s.minAvailable !== undefined
          ? scaledValue(s.minAvailable, expected, true, 0)
          : s.maxUnavailable !== undefined
            ? Math.max(0, expected - scaledValue(s.maxUnavailable, expected, true, 0))
            : 0;
      const allowed = Math.max(0, healthy - desired);
      const prev = asArr(status(pdb).conditions);
      const nowIso = isoTime(ctx.now());
      writeStatus(ctx.store, PDBS, pdb, {
        observedGeneration: pdb.metadata.generation,
        disruptionsAllowed: allowed,
        currentHealthy: healthy,
        desiredHealthy: desired,
        expectedPods: expected,
        conditions: [
          allowed > 0
            ? {
                ...keep(prev, 'DisruptionAllowed', 'True', 'SufficientPods', '', nowIso),
                observedGeneration: pdb.metadata.generation,
              }
            : {
                ...keep(prev, 'DisruptionAllowed', 'False', 'InsufficientPods', '', nowIso),
                observedGeneration: pdb.metadata.generation,
              },
        ],
      });
    },
  };
}

export function hpaController(recorder: Recorder): Controller {
  const forTargets = sameNamespace(HPAS);
  return {
    name: 'hpas',
    keysFor(e, ctx) {
      if (e.resource === HPAS && e.type !== 'DELETED')
        return [{ namespace: e.object.metadata.namespace, name: e.object.metadata.name }];
      return Object.values(SCALE_TARGETS).includes(e.resource) ? forTargets(e, ctx) : [];
    },
    allKeys: (ctx) => refsOf(ctx.store, HPAS),
    reconcile(ref: Ref, ctx: Ctx) {
      const hpa = ctx.store.get(HPAS, ref.namespace, ref.name);
      if (!hpa) return;
      const s = spec(hpa);
      const targetRef = asObj(s.scaleTargetRef);
      const resource = SCALE_TARGETS[String(targetRef.kind)];
      const target: KObject | undefined = resource
        ? ctx.store.get(resource, ref.namespace, String(targetRef.name))
        : undefined;
      const prev = asArr(status(hpa).conditions);
      const now = ctx.now();
      const nowIso = isoTime(now);
      if (!target || !resource) {
        writeStatus(ctx.store, HPAS, hpa, {
          ...status(hpa),
          currentReplicas: 0,
          desiredReplicas: 0,
          conditions: [
            keep(
              prev,
              'AbleToScale',
              'False',
              'FailedGetScale',
              `the HPA controller was unable to get the target's current scale: ${String(targetRef.kind)}/${String(targetRef.name)} not found`,
              nowIso,
            ),
          ],
        });
        return;
      }
      const min = num(s.minReplicas, 1);
      const max = num(s.maxReplicas, min);
      const current = num(spec(target).replicas, 1);
      const desired = Math.min(max, Math.max(min, current));
      let lastScaleTime = status(hpa).lastScaleTime;
      if (desired !== current && current > 0) {
        ctx.store.update(resource, { ...target, spec: { ...spec(target), replicas: desired } });
        recorder.record(
          hpa,
          'Normal',
          'SuccessfulRescale',
          `New size: ${desired}; reason: ${desired > current ? 'Current number of replicas below Spec.MinReplicas' : 'Current number of replicas above Spec.MaxReplicas'}`,
          'horizontal-pod-autoscaler',
        );
        lastScaleTime = nowIso;
      }
      const currentMetrics = asArr(s.metrics)
        .filter((m) => m.type === 'Resource')
        .map((m) => {
          const r = asObj(m.resource);
          return {
            type: 'Resource',
            resource: {
              name: r.name,
              current: {
                averageUtilization: 10,
                averageValue: r.name === 'memory' ? '32Mi' : '10m',
              },
            },
          };
        });
      const limited = desired === min || desired === max;
      writeStatus(ctx.store, HPAS, hpa, {
        observedGeneration: hpa.metadata.generation,
        lastScaleTime,
        currentReplicas: num(status(target).replicas, 0),
        desiredReplicas: desired,
        currentMetrics: currentMetrics.length ? currentMetrics : undefined,
        conditions: [
          keep(
            prev,
            'AbleToScale',
            'True',
            'ReadyForNewScale',
            'recommended size matches current size',
            nowIso,
          ),
          keep(
            prev,
            'ScalingActive',
            'True',
            'ValidMetricFound',
            'the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)',
            nowIso,
          ),
          limited
            ? keep(
                prev,
                'ScalingLimited',
                'True',
                desired === min ? 'TooFewReplicas' : 'TooManyReplicas',
                `the desired replica count is ${desired === min ? 'less' : 'more'} than the ${desired === min ? 'minimum' : 'maximum'} replica count`,
                nowIso,
              )
            : keep(
                prev,
                'ScalingLimited',
                'False',
                'DesiredWithinRange',
                'the desired count is within the acceptable range',
                nowIso,
              ),
        ],
      });
    },
  };
}
