// Standard delivery: one `promote` operation (helm upgrade --install of the
// build's archive with the environment's values); restoring is a rollback to
// the revision that ran before.
import type { TDeliveryStrategy } from './types';

export const standard: TDeliveryStrategy = {
  name: 'standard',
  async next(target, history) {
    const last = history.at(-1);
    if (!last)
      return {
        next: {
          kind: 'promote',
          release: target.release.name,
          label: `deploy ${target.build.chart.version} / ${target.build.imageTag}`,
          params: {
            version: target.build.chart.version,
            digest: target.build.chart.digest,
            imageTag: target.build.imageTag,
            promotionId: target.promotionId,
            stepId: target.stepId,
          },
        },
      };
    if (last.state === 'succeeded')
      return {
        done: true,
        watch: { helmRelease: target.release.name, revision: last.revisionAfter },
      };
    return { failed: `operation #${last.operationId} ${last.state}` };
  },
  restore(target) {
    if (target.revisionBefore === null) return null;
    return {
      kind: 'rollback',
      release: target.release.name,
      label: `roll back to revision ${target.revisionBefore}`,
      params: { revision: target.revisionBefore },
    };
  },
};
