// Deploy to idle: a build (chart version, image tag, values) into the
// blue/green colour that gets no traffic, as helm upgrade --install of
// <name>-<colour> with the strategy's colour values under the request's.
import { helmUpgrade } from '@/lib/helm';
import { colourRelease, fillColour, mergeValues } from '@/lib/strategies';
import { valuesDigest } from '@/lib/values';
import { blueGreenIfAny, requireBlueGreen, requireIdle, stateAtCheck, ZColour } from './blue-green';
import { refusePending } from './cluster-checks';
import { checkRenders, deployArgs, planDeploy, previewDeploy, ZDeployParams } from './deploy';
import { ZDeliveryRef } from './delivery-ref';
import { defineKind } from './kind';

export const deployIdle = defineKind({
  name: 'deploy_idle',
  params: ZDeployParams.extend({ colour: ZColour, ...ZDeliveryRef }),
  gate: 'ticket',
  flagLayer: true,
  helmRelease: (release, p) => colourRelease(release, p.colour),
  plan(input, problems) {
    const s = blueGreenIfAny(input);
    const plan = planDeploy(input, problems);
    if (!s) return plan;
    const values = mergeValues(fillColour(s.colourValues, input.params.colour), plan.values ?? {});
    return { ...plan, values, valuesDigest: valuesDigest(values) };
  },
  async check(ctx) {
    const s = requireBlueGreen(ctx, ctx.params.colour);
    requireIdle(await stateAtCheck(ctx, s), ctx.params.colour, ctx.release);
    refusePending(ctx);
    await checkRenders(ctx);
    return {};
  },
  async preview(ctx) {
    const latest = ctx.revisions.at(-1);
    const installed = latest !== undefined && latest.status !== 'uninstalled';
    return {
      ...(await previewDeploy(ctx, installed ? 'upgrade' : 'install')),
      kind: 'deploy_idle',
    };
  },
  async execute(ctx) {
    const r = await helmUpgrade(ctx.helmTarget({ quietStdout: true }), {
      ...(await deployArgs(ctx)),
      install: true,
      createNamespace: true,
      historyMax: ctx.location.environment.historyMax,
    });
    return {
      state: 'succeeded',
      revisionAfter: r.version,
      exitStatus: 0,
      details: { colour: ctx.params.colour },
    };
  },
});
