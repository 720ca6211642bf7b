// Promote canary: the stable release takes the canary's build (helm upgrade
// of <name> with the environment's values and the canary's image tag and
// chart version), then the canary Ingress is removed (weight back to 0) and
// the canary release uninstalled. The params name the build the user saw.
import { getPrisma } from '@/lib/db';
import { toChartRef } from '@/lib/config';
import { endCanary } from '@/lib/canary/store';
import { helmUpgrade } from '@/lib/helm';
import { OperationInputError } from '../errors';
import type { TExecuteContext, TReconcileContext } from './kind';
import { canaryAt, placeOf, removeCanary, requireActiveCanary, requireCanary } from './canary';
import { installedAndSettled, refuseBlueGreenPlace } from './cluster-checks';
import { checkRenders, deployArgs, planDeploy, previewDeploy, ZDeployParams } from './deploy';
import { defineKind } from './kind';
import { reconcileFromHistory } from './reconcile-from-history';

const ZPromoteParams = ZDeployParams.pick({ version: true, imageTag: true });

async function cleanUp(
  ctx: Pick<TExecuteContext<unknown>, 'op' | 'kube' | 'location'> & {
    helm: TReconcileContext<unknown>['helmTarget'];
    log(line: string): void;
  },
) {
  const { op } = ctx;
  await removeCanary(ctx.kube, ctx.helm, op.namespace, op.release, canaryAt(op), {
    timeout: ctx.location.environment.timeout,
    description: `helmdeck op #${op.id} canary promoted`,
    log: ctx.log,
  });
  await endCanary(await getPrisma(), placeOf(op), 'promoted', null);
}

export const canaryPromote = defineKind({
  name: 'canary_promote',
  params: ZPromoteParams,
  // The build was cleared by the ticket that started the canary; freeze windows still hold.
  gate: 'freeze-only',
  flagLayer: true,
  plan(input, problems) {
    // A local chart has no version to choose: the canary ran the chart as it is.
    const local =
      toChartRef(input.configured.chart, undefined, input.config.source.dir).kind === 'local';
    const params = local ? { imageTag: input.params.imageTag } : input.params;
    return planDeploy({ ...input, params }, problems);
  },
  async check(ctx) {
    installedAndSettled(ctx);
    requireCanary(ctx);
    refuseBlueGreenPlace(ctx);
    const row = await requireActiveCanary(ctx);
    if (row.imageTag !== null && ctx.params.imageTag !== row.imageTag)
      throw new OperationInputError([
        `params.imageTag: the canary runs image ${row.imageTag}, not ${ctx.params.imageTag ?? '(none given)'}; reload the page`,
      ]);
    await checkRenders(ctx);
    return {};
  },
  async preview(ctx) {
    return { ...(await previewDeploy(ctx, 'upgrade')), kind: 'canary_promote' };
  },
  async execute(ctx) {
    const r = await helmUpgrade(ctx.helmTarget({ quietStdout: true }), {
      ...(await deployArgs(ctx)),
      historyMax: ctx.location.environment.historyMax,
    });
    ctx.log.line('info', `${ctx.location.release} revision ${r.version} runs the canary's build`);
    await cleanUp({ ...ctx, helm: ctx.helmTarget(), log: (l) => ctx.log.line('info', l) });
    return { state: 'succeeded', revisionAfter: r.version, exitStatus: 0, details: { weight: 0 } };
  },
  async reconcile(ctx) {
    const outcome = await reconcileFromHistory(ctx);
    if (outcome.state === 'succeeded')
      await cleanUp({ ...ctx, helm: ctx.helmTarget, log: () => undefined });
    return outcome;
  },
});
