// Pod-based automatic-rollback triggers.
export { evaluatePodTriggers, restartBaseline, servingPods, type TPodEvidence } from './evaluate';
export { POD_SELECTOR, podTriggerCheck } from './pod-check';
