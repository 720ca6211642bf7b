// The pod triggers as a watch check: lists the release's pods each tick
// (label app.kubernetes.io/instance=<helm release>) and evaluates them
// against the environment's autoRollback rules.
import type { V1Pod } from '@kubernetes/client-node';
import type { TWatchCheck } from '../watch/types';
import { evaluatePodTriggers, restartBaseline, servingPods } from './evaluate';

export const POD_SELECTOR = (helmRelease: string) => `app.kubernetes.io/instance=${helmRelease}`;

export const podTriggerCheck: TWatchCheck = {
  name: 'pods',
  appliesTo: (t) => t.environment.autoRollback !== undefined,
  async start(target, ctx) {
    const rules = target.environment.autoRollback!;
    const list = async (): Promise<V1Pod[]> =>
      (
        await ctx.core.listNamespacedPod({
          namespace: target.namespace,
          labelSelector: POD_SELECTOR(target.helmRelease),
        })
      ).items;
    // Pods older than the rollout keep their earlier restarts out of the count.
    const before = servingPods(await list()).filter(
      (p) =>
        p.metadata?.creationTimestamp &&
        new Date(p.metadata.creationTimestamp) < target.rolloutStartedAt,
    );
    const baseline = restartBaseline(before);
    return {
      async tick() {
        const pods = await list();
        return [
          evaluatePodTriggers(pods, rules, {
            baseline,
            rolloutStartedAt: target.rolloutStartedAt,
            now: ctx.now(),
          }),
        ];
      },
    };
  },
};
