// autoRollback: the pod triggers that roll a cluster back by themselves
// (the runbook's decision matrix) and how long Helmdeck watches after a rollout.
import { z } from 'zod';
import { ZDuration } from './primitives';

export const ZAutoRollback = z.strictObject({
  /** More restarts than this of one container since the rollout. */
  crashLoopRestarts: z.number().int().min(1).max(100).optional(),
  /** A pod unready for longer than this. */
  unreadySeconds: z.number().int().min(1).max(3600).optional(),
  oomKilled: z.boolean().default(false),
  imagePullFailure: z.boolean().default(false),
  /** How long the pods are watched after the rollout finished (default 5m). */
  watchFor: ZDuration.default('5m'),
});
