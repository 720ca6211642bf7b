// Install: the chart into an environment's cluster where the release is not
// installed (or was uninstalled with its history kept).
import { helmInstall } from '@/lib/helm';
import { refuseInstalled, refuseBlueGreenPlace } from './cluster-checks';
import { checkRenders, deployArgs, planDeploy, previewDeploy, ZDeployParams } from './deploy';
import { defineKind } from './kind';

export const install = defineKind({
  name: 'install',
  params: ZDeployParams,
  gate: 'ticket',
  flagLayer: true,
  plan: planDeploy,
  async check(ctx) {
    refuseBlueGreenPlace(ctx);
    refuseInstalled(ctx);
    await checkRenders(ctx);
    return {};
  },
  preview: (ctx) => previewDeploy(ctx, 'install'),
  async execute(ctx) {
    const r = await helmInstall(ctx.helmTarget({ quietStdout: true }), {
      ...(await deployArgs(ctx)),
      createNamespace: true,
    });
    return { state: 'succeeded', revisionAfter: r.version, exitStatus: 0 };
  },
});
