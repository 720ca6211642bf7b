// What an operation would change, before anyone confirms it: the kind's own
// preview (for install and upgrade helm's server-side dry run against the
// live release, for a rollback the target revision). Runs nothing that
// changes the cluster.
import { decide } from '@/lib/policy';
import { ForbiddenError, OperationInputError } from './errors';
import { kindOf } from './kinds';
import type { TOperationPreview } from './operation-preview';
import type { TOperationRequest } from './request-operation';
import { checkAgainstCluster, validateRequest } from './validate-request';

export type { TOperationPreview };

/** The diff the confirmation dialog shows. */
export async function previewOperation(request: TOperationRequest): Promise<TOperationPreview> {
  const { actor, ...rest } = request;
  const cheap = validateRequest(rest);
  const def = kindOf(cheap.kind);
  if (!def.preview) throw new OperationInputError([`kind: ${cheap.kind} has no preview`]);
  const decision = decide({
    user: actor,
    action: cheap.kind,
    target: {
      environment: cheap.environment.name,
      cluster: cheap.cluster.name,
      release: cheap.release,
    },
  });
  if (!decision.allow) throw new ForbiddenError(decision.reason);
  const v = await checkAgainstCluster(cheap);
  return def.preview({
    ...v,
    location: { environment: v.environment, cluster: v.cluster, release: v.helmRelease },
  });
}
