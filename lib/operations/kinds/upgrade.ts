// Upgrade: a new chart version, image tag or values over the installed
// release; helm rolls back by itself when the rollout fails.
import { helmUpgrade } from '@/lib/helm';
import { installedAndSettled, refuseBlueGreenPlace } from './cluster-checks';
import { checkRenders, deployArgs, planDeploy, previewDeploy, ZDeployParams } from './deploy';
import { defineKind } from './kind';

export const upgrade = defineKind({
  name: 'upgrade',
  params: ZDeployParams,
  gate: 'ticket',
  flagLayer: true,
  plan: planDeploy,
  async check(ctx) {
    refuseBlueGreenPlace(ctx);
    installedAndSettled(ctx);
    await checkRenders(ctx);
    return {};
  },
  preview: (ctx) => previewDeploy(ctx, 'upgrade'),
  async execute(ctx) {
    const r = await helmUpgrade(ctx.helmTarget({ quietStdout: true }), {
      ...(await deployArgs(ctx)),
      historyMax: ctx.location.environment.historyMax,
    });
    return { state: 'succeeded', revisionAfter: r.version, exitStatus: 0 };
  },
});
