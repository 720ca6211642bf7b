// Abort canary: weight 0 (the canary Ingress removed), the canary release
// uninstalled, the stable release untouched. Like a rollback it only returns
// to what already ran, so it needs no ticket and ignores freeze windows. The
// controller asks for it when the analysis failed failureLimit times in a row.
import { z } from 'zod';
import { endCanary } from '@/lib/canary/store';
import { getPrisma } from '@/lib/db';
import { canaryRelease, readCanaryTraffic } from '@/lib/strategies';
import { OperationInputError } from '../errors';
import { strategyFailure } from './blue-green';
import { canaryAt, placeOf, removeCanary, requireCanary } from './canary';
import { activeCanary } from '@/lib/canary/store';
import { defineKind, type TExecuteContext, type TReconcileContext } from './kind';
import { kubeClients } from '../runtime';

const ZAbortParams = z.strictObject({
  /** Why, for the canary's record and the audit (the controller names the failed analysis). */
  reason: z.string().trim().min(1).max(500).optional(),
});
type TAbortParams = z.output<typeof ZAbortParams>;

async function abort(
  ctx: (TExecuteContext<TAbortParams> | TReconcileContext<TAbortParams>) & {
    helm: TReconcileContext<unknown>['helmTarget'];
  },
  log: (line: string) => void,
) {
  const { op, params } = ctx;
  try {
    await removeCanary(ctx.kube, ctx.helm, op.namespace, op.release, canaryAt(op), {
      timeout: ctx.location.environment.timeout,
      description: `helmdeck op #${op.id} canary aborted`,
      log,
    });
    await endCanary(await getPrisma(), placeOf(op), 'aborted', params.reason ?? 'aborted by hand');
    return {
      state: 'succeeded' as const,
      revisionAfter: op.revisionBefore,
      details: { weight: 0, reason: params.reason ?? null },
    };
  } catch (e) {
    return strategyFailure(e);
  }
}

export const canaryAbort = defineKind({
  name: 'canary_abort',
  params: ZAbortParams,
  gate: 'restore',
  helmRelease: (release) => canaryRelease(release),
  async check(ctx) {
    const s = requireCanary(ctx);
    const row = await activeCanary(await getPrisma(), placeOf(ctx));
    const installed = ctx.latest !== undefined && ctx.latest.status !== 'uninstalled';
    const traffic = await readCanaryTraffic(
      kubeClients(ctx.cluster.context),
      ctx.environment.namespace,
      ctx.release,
      s,
    ).catch(() => null);
    if (!row && !installed && !traffic?.exists)
      throw new OperationInputError([
        `release: ${ctx.release} has no canary in ${ctx.where}; there is nothing to abort`,
      ]);
    return {};
  },
  execute: (ctx) => abort({ ...ctx, helm: ctx.helmTarget() }, (l) => ctx.log.line('info', l)),
  // Removing the canary is safe to repeat: after a crash it is simply done again.
  reconcile: (ctx) => abort({ ...ctx, helm: ctx.helmTarget }, () => undefined),
});
