// The post-deploy watch runner and its check registry.
export { registerWatchCheck, watchChecks } from './registry';
export { runWatch, type TRunWatchOptions } from './run-watch';
export type {
  TWatchCheck,
  TWatchContext,
  TWatchFinding,
  TWatchProbe,
  TWatchResult,
  TWatchTarget,
  TWatchVerdict,
} from './types';
