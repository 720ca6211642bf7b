// Post-deploy analysis: the watch runner, its checks (pod triggers here;
// metric analysis in its own module) registered once.
import { podTriggerCheck } from './pod-triggers';
import { registerWatchCheck } from './watch';

registerWatchCheck(podTriggerCheck);

export * from './pod-triggers';
export * from './watch';
