// What a strategy kind queued by a promotion step is told to deploy: the
// build's chart version (a local chart has none to choose) and image tag,
// with the step's ids so the step finds the operation again after a restart.
import type { TDeliveryTarget } from './types';

export function buildParams(target: TDeliveryTarget) {
  return {
    ...(target.release.chartRef.kind === 'local' ? {} : { version: target.build.chart.version }),
    imageTag: target.build.imageTag,
    promotionId: target.promotionId,
    stepId: target.stepId,
  };
}

export const stepRef = (target: TDeliveryTarget) => ({
  promotionId: target.promotionId,
  stepId: target.stepId,
});

export const buildLabel = (target: TDeliveryTarget) =>
  `${target.build.chart.version} / ${target.build.imageTag}`;
