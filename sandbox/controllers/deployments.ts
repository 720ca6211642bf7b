// Deployment controller: one ReplicaSet per pod template, rolling updates
// within maxSurge/maxUnavailable (or Recreate), and the status fields and
// conditions helm 3 and helm 4 (kstatus) read. A rollout whose new pods
// crash, OOM or cannot pull fails fast with ProgressDeadlineExceeded.
import { isDeepStrictEqual } from 'node:util';
import type { KObject } from '../store';
import type { Recorder } from './events';
import { deploymentStatus } from './deployment-status';
import { PODS } from './pods';
import { ownerKey, REPLICASETS } from './replicasets';
import { refsOf, type Controller, type Ctx, type Ref } from './runtime';
import {
  asObj,
  controllerOf,
  num,
  ownedBy,
  ownerRef,
  scaledValue,
  spec,
  status,
  templateHash,
  type Obj,
} from './util';

export const DEPLOYMENTS = 'deployments.apps';
const HASH_LABEL = 'pod-template-hash';
const REVISION = 'deployment.kubernetes.io/revision';

function withoutHash(template: unknown): Obj {
  const t = structuredClone(asObj(template));
  const meta = asObj(t.metadata);
  const labels = { ...asObj(meta.labels) };
  delete labels[HASH_LABEL];
  t.metadata = { ...meta, labels };
  if (Object.keys(labels).length === 0) delete (t.metadata as Obj).labels;
  return t;
}

function revisionOf(obj: KObject): number {
  return Number(obj.metadata.annotations?.[REVISION] ?? 0) || 0;
}

export function rolloutLimits(d: KObject): { maxSurge: number; maxUnavailable: number } {
  const desired = num(spec(d).replicas, 1);
  const strategy = asObj(spec(d).strategy);
  if (strategy.type === 'Recreate') return { maxSurge: 0, maxUnavailable: desired };
  const rolling = asObj(strategy.rollingUpdate);
  const maxSurge = scaledValue(rolling.maxSurge ?? '25%', desired, true, 1);
  let maxUnavailable = scaledValue(rolling.maxUnavailable ?? '25%', desired, false, 0);
  if (maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
  return { maxSurge, maxUnavailable: Math.min(maxUnavailable, desired) };
}

export function deploymentController(recorder: Recorder): Controller {
  const scale = (ctx: Ctx, d: KObject, rs: KObject, to: number): KObject => {
    const from = num(spec(rs).replicas, 0);
    if (from === to) return rs;
    const updated = ctx.store.update(REPLICASETS, { ...rs, spec: { ...spec(rs), replicas: to } });
    const verb = to > from ? 'up' : 'down';
    recorder.record(
      d,
      'Normal',
      'ScalingReplicaSet',
      `Scaled ${verb} replica set ${rs.metadata.name} from ${from} to ${to}`,
      'deployment-controller',
    );
    return updated;
  };

  return {
    name: 'deployments',
    keysFor(e, ctx) {
      if (e.resource === DEPLOYMENTS && e.type !== 'DELETED')
        return [{ namespace: e.object.metadata.namespace, name: e.object.metadata.name }];
      if (e.resource === REPLICASETS) return ownerKey(e, 'Deployment');
      if (e.resource === PODS) {
        // Pod trouble (a crash loop) does not move ReplicaSet status, but decides a rollout's fate.
        const rsRef = controllerOf(e.object);
        if (rsRef?.kind !== 'ReplicaSet') return [];
        const rs = ctx.store.get(REPLICASETS, e.object.metadata.namespace, rsRef.name);
        const dRef = rs && controllerOf(rs);
        return dRef?.kind === 'Deployment'
          ? [{ namespace: e.object.metadata.namespace, name: dRef.name }]
          : [];
      }
      return [];
    },
    allKeys: (ctx) => refsOf(ctx.store, DEPLOYMENTS),
    reconcile(ref: Ref, ctx: Ctx) {
      let d = ctx.store.get(DEPLOYMENTS, ref.namespace, ref.name);
      if (!d || d.metadata.deletionTimestamp) return;
      const dSpec = spec(d);
      const desired = num(dSpec.replicas, 1);
      const template = asObj(dSpec.template);
      const all = ownedBy(ctx.store, REPLICASETS, d);
      let newRS = all.find((rs) =>
        isDeepStrictEqual(withoutHash(spec(rs).template), withoutHash(template)),
      );
      let oldRSs = all.filter((rs) => rs !== newRS);
      const paused = dSpec.paused === true;
      const recreate = asObj(dSpec.strategy).type === 'Recreate';
      const { maxSurge, maxUnavailable } = rolloutLimits(d);
      const oldPods = () =>
        oldRSs.reduce((n, rs) => n + num(spec(rs).replicas, 0) + num(status(rs).replicas, 0), 0);
      const maxOldRevision = Math.max(0, ...oldRSs.map(revisionOf));

      if (!newRS && !paused) {
        const hash = templateHash(template);
        const meta = asObj(template.metadata);
        const initial = recreate ? (oldPods() === 0 ? desired : 0) : oldPods() === 0 ? desired : 0;
        newRS = ctx.store.create(REPLICASETS, {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          metadata: {
            name: `${d.metadata.name}-${hash}`,
            namespace: d.metadata.namespace,
            labels: { ...(meta.labels as Record<string, string>), [HASH_LABEL]: hash },
            annotations: { [REVISION]: String(maxOldRevision + 1) },
            ownerReferences: [ownerRef(d)],
          },
          spec: {
            replicas: initial,
            minReadySeconds: dSpec.minReadySeconds,
            selector: {
              ...asObj(dSpec.selector),
              matchLabels: { ...asObj(asObj(dSpec.selector).matchLabels), [HASH_LABEL]: hash },
            },
            template: {
              ...template,
              metadata: {
                ...meta,
                labels: { ...(meta.labels as Record<string, string>), [HASH_LABEL]: hash },
              },
            },
          },
        });
        if (initial > 0)
          recorder.record(
            d,
            'Normal',
            'ScalingReplicaSet',
            `Scaled up replica set ${newRS.metadata.name} from 0 to ${initial}`,
            'deployment-controller',
          );
      } else if (newRS && revisionOf(newRS) <= maxOldRevision) {
        // Rolling back to an older template makes its ReplicaSet the newest revision again.
        newRS = ctx.store.update(REPLICASETS, {
          ...newRS,
          metadata: {
            ...newRS.metadata,
            annotations: { ...newRS.metadata.annotations, [REVISION]: String(maxOldRevision + 1) },
          },
        });
      }

      // Status read from ReplicaSets not yet synced with their spec would over-scale; their update re-queues us.
      const synced = [newRS, ...oldRSs].every(
        (rs) => !rs || num(status(rs).observedGeneration, 0) >= num(rs.metadata.generation, 0),
      );
      if (newRS && !paused && synced) {
        if (recreate) {
          oldRSs = oldRSs.map((rs) => scale(ctx, d!, rs, 0));
          if (oldRSs.every((rs) => num(status(rs).replicas, 0) === 0))
            newRS = scale(ctx, d, newRS, desired);
        } else if (oldPods() === 0 || num(spec(newRS).replicas, 0) > desired) {
          newRS = scale(ctx, d, newRS, desired);
        } else {
          const total = () =>
            [newRS!, ...oldRSs].reduce((n, rs) => n + num(spec(rs).replicas, 0), 0);
          const newCount = num(spec(newRS).replicas, 0);
          if (newCount < desired && total() < desired + maxSurge) {
            newRS = scale(
              ctx,
              d,
              newRS,
              newCount + Math.min(desired + maxSurge - total(), desired - newCount),
            );
          }
          const minAvailable = desired - maxUnavailable;
          const newUnavailable =
            num(spec(newRS).replicas, 0) - num(status(newRS).availableReplicas, 0);
          // First drop old pods that are not available anyway, then available ones while above minAvailable.
          let budget = total() - minAvailable - newUnavailable;
          oldRSs = oldRSs.map((rs) => {
            const unhealthy =
              num(spec(rs).replicas, 0) -
              Math.min(num(spec(rs).replicas, 0), num(status(rs).availableReplicas, 0));
            const cut = Math.max(0, Math.min(budget, unhealthy));
            budget -= cut;
            return cut > 0 ? scale(ctx, d!, rs, num(spec(rs).replicas, 0) - cut) : rs;
          });
          const availableAll = [newRS, ...oldRSs].reduce(
            (n, rs) =>
              n + Math.min(num(spec(rs).replicas, 0), num(status(rs).availableReplicas, 0)),
            0,
          );
          let downBudget = availableAll - minAvailable;
          oldRSs = oldRSs.map((rs) => {
            const cut = Math.max(0, Math.min(downBudget, num(spec(rs).replicas, 0)));
            downBudget -= cut;
            return cut > 0 ? scale(ctx, d!, rs, num(spec(rs).replicas, 0) - cut) : rs;
          });
        }
      }

      // Like the real controller, keep only revisionHistoryLimit scaled-down old ReplicaSets.
      const idle = oldRSs
        .filter((rs) => num(spec(rs).replicas, 0) === 0 && num(status(rs).replicas, 0) === 0)
        .sort((a, b) => revisionOf(a) - revisionOf(b));
      const surplus = idle.length - num(dSpec.revisionHistoryLimit, 10);
      for (const rs of idle.slice(0, Math.max(0, surplus))) {
        ctx.store.delete(REPLICASETS, rs.metadata.namespace, rs.metadata.name);
        oldRSs = oldRSs.filter((o) => o !== rs);
      }

      const newPods = newRS ? ownedBy(ctx.store, PODS, newRS) : [];
      const result = deploymentStatus({
        d,
        newRS,
        oldRSs,
        newPods,
        maxUnavailable,
        now: ctx.now(),
        paused,
      });
      if (result.recheckAt !== undefined)
        ctx.after('deployments', ref, result.recheckAt - ctx.now());
      const revision = newRS ? String(revisionOf(newRS)) : d.metadata.annotations?.[REVISION];
      const next: KObject = { ...d, status: result.status };
      if (revision && d.metadata.annotations?.[REVISION] !== revision) {
        next.metadata = {
          ...d.metadata,
          annotations: { ...d.metadata.annotations, [REVISION]: revision },
        };
      }
      if (!isDeepStrictEqual(next, d)) d = ctx.store.update(DEPLOYMENTS, next);
      if (result.failedNow) {
        recorder.record(
          d,
          'Warning',
          'ProgressDeadlineExceeded',
          `Deployment ${d.metadata.name} has timed out progressing.`,
          'deployment-controller',
        );
      }
    },
  };
}
