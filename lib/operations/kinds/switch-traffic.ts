// Switch traffic: the router (an Ingress's backends or a Service's selector)
// moves from the live colour to the idle one with one guarded PATCH, then is
// verified (it points at the new colour, whose endpoints are ready); a failed
// verification puts traffic back at once. The params name the build the
// user saw, so a ticket names colour and build, and a changed colour is refused.
import { getPrisma } from '@/lib/db';
import { colourRelease, lastIdleTest, releaseBuild } from '@/lib/strategies';
import { OperationInputError } from '../errors';
import { kubeClients } from '../runtime';
import { requireBlueGreen, requireIdle, stateAtCheck } from './blue-green';
import { installedAndSettled } from './cluster-checks';
import { defineKind } from './kind';
import { doSwitch, reconcileSwitch, ZSwitchParams } from './switch-common';

export const switchTraffic = defineKind({
  name: 'switch_traffic',
  params: ZSwitchParams,
  gate: 'ticket',
  helmRelease: (release, p) => colourRelease(release, p.to),
  plan(input) {
    const p = input.params;
    return { chartVersion: p.version ?? null, imageTag: p.imageTag, requestedValues: {} };
  },
  async check(ctx) {
    installedAndSettled(ctx);
    const { params: p, release } = ctx;
    const state = await stateAtCheck(ctx, requireBlueGreen(ctx, p.to, ...(p.from ? [p.from] : [])));
    requireIdle(state, p.to, release);
    if (p.from !== undefined && state.live !== p.from)
      throw new OperationInputError([
        `params.from: traffic goes to ${state.live ?? 'no colour'} now, not ${p.from}; reload the page`,
      ]);
    const build = await releaseBuild(
      kubeClients(ctx.cluster.context),
      ctx.environment.namespace,
      ctx.helmRelease,
    );
    if (build && p.version !== undefined && build.chartVersion !== p.version)
      throw new OperationInputError([
        `params.version: ${ctx.helmRelease} runs chart ${build.chartVersion}, not ${p.version}`,
      ]);
    if (build && p.imageTag !== undefined && build.imageTag !== p.imageTag)
      throw new OperationInputError([
        `params.imageTag: ${ctx.helmRelease} runs image ${build.imageTag}, not ${p.imageTag}`,
      ]);
    const test = await lastIdleTest(
      await getPrisma(),
      { environment: ctx.environment.name, cluster: ctx.cluster.name, release },
      p.to,
    );
    const revision = ctx.latest?.revision;
    if (!test || test.revisionAfter !== revision)
      throw new OperationInputError([
        `test idle: ${p.to} revision ${revision} has not been tested; run Test idle first`,
      ]);
    if (test.state !== 'succeeded')
      throw new OperationInputError([
        `test idle: the last test of ${p.to} (operation #${test.id}) failed: ${test.error ?? 'see its log'}`,
      ]);
    return {};
  },
  execute: (ctx) => doSwitch(ctx, true),
  reconcile: reconcileSwitch,
});
