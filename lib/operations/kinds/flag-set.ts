// Set a feature flag: an upgrade of the release serving the place that
// changes only the flag's value (helm --reset-then-reuse-values with a layer
// holding just that path, on the chart version that runs), then the value is
// kept for the place, so later upgrades and promotions apply it last. Gated
// like an upgrade, except that flagsNeedTicket: false waives the ticket.
import { z } from 'zod';
import { getPrisma } from '@/lib/db';
import { storeFlag } from '@/lib/flags/store';
import { HelmError, helmUpgrade } from '@/lib/helm';
import { diffReleases } from '@/lib/releases/diff';
import { parseReleaseJson } from '@/lib/releases/release-secret';
import { colourRelease, releaseBuild, withValueAt } from '@/lib/strategies';
import { OperationInputError } from '../errors';
import { helmTarget } from '../release-state';
import { kubeClients } from '../runtime';
import { valuesDigest } from '@/lib/values';
import { blueGreenIfAny } from './blue-green';
import { installedAndSettled } from './cluster-checks';
import { planDeploy } from './deploy';
import { defineKind, type TExecuteContext, type TPreviewContext } from './kind';
import { notInstalled, storedRevision } from './release-diff';

export const ZFlagValue = z.union([z.boolean(), z.number(), z.string().max(200)]);

const ZFlagParams = z.strictObject({
  flag: z.string().min(1).max(63),
  value: ZFlagValue,
  /** Blue/green: the colour release to change (the page sends the live one). */
  colour: z.string().max(63).optional(),
});
type TFlagParams = z.output<typeof ZFlagParams>;

/** helm arguments of the toggle: the running chart, the old values, and the one new value on top. */
function toggleArgs(
  ctx: Pick<TPreviewContext<TFlagParams>, 'helmRelease' | 'chart' | 'values' | 'environment'>,
) {
  return {
    release: ctx.helmRelease,
    chart: ctx.chart!.helmRef,
    version: ctx.chart!.version,
    valuesFiles: [],
    values: ctx.values ?? {},
    resetThenReuseValues: true,
    timeout: ctx.environment.timeout,
  };
}

export const flagSet = defineKind({
  name: 'flag_set',
  params: ZFlagParams,
  gate: 'ticket',
  ticketRequired: (environment) => environment.flagsNeedTicket,
  helmRelease: (release, p) => (p.colour ? colourRelease(release, p.colour) : release),
  // Unknown flags and colours are refused in check, after policy: a user without the role hears only that.
  plan(input, problems) {
    const flag = input.configured.flags.find((f) => f.name === input.params.flag);
    const { chart, chartVersion } = planDeploy({ ...input, params: {} }, problems);
    const values = flag ? withValueAt({}, flag.path, input.params.value) : {};
    return {
      chart,
      chartVersion,
      values,
      requestedValues: values,
      valuesDigest: valuesDigest(values),
    };
  },
  async check(ctx) {
    if (!ctx.configured.flags.some((f) => f.name === ctx.params.flag)) {
      const known = ctx.configured.flags.map((f) => f.name).join(', ') || 'none';
      throw new OperationInputError([
        `params.flag: ${ctx.params.flag} is not a flag of ${ctx.release} (its flags: ${known})`,
      ]);
    }
    const s = blueGreenIfAny(ctx);
    if (s && (!ctx.params.colour || !s.colours.includes(ctx.params.colour)))
      throw new OperationInputError([
        `params.colour: ${ctx.release} is blue/green in ${ctx.where}; name a colour (${s.colours.join(', ')})`,
      ]);
    installedAndSettled(ctx);
    const build = await releaseBuild(
      kubeClients(ctx.cluster.context),
      ctx.environment.namespace,
      ctx.helmRelease,
    );
    // The toggle changes the value only: on another chart version it would change the manifests too.
    if (build && ctx.chartVersion && build.chartVersion !== ctx.chartVersion)
      throw new OperationInputError([
        `release: ${ctx.helmRelease} runs chart ${build.chartVersion}, the configured chart is ${ctx.chartVersion}; upgrade it first, then set the flag`,
      ]);
    return {};
  },
  async preview(ctx) {
    const loc = ctx.location;
    const current = ctx.revisionBefore ? await storedRevision(loc, ctx.revisionBefore) : null;
    let planned: unknown;
    try {
      planned = await helmUpgrade(helmTarget(loc), { ...toggleArgs(ctx), dryRun: 'server' });
    } catch (e) {
      if (e instanceof HelmError)
        throw new OperationInputError([`the dry run failed: ${e.message}`]);
      throw e;
    }
    return {
      kind: 'flag_set',
      ...diffReleases(current ?? notInstalled(loc), parseReleaseJson(JSON.stringify(planned)), {
        from: `revision ${ctx.revisionBefore} (live)`,
        to: `with ${ctx.params.flag} = ${JSON.stringify(ctx.params.value)}`,
      }),
    };
  },
  async execute(ctx: TExecuteContext<TFlagParams>) {
    const { op, params } = ctx;
    const r = await helmUpgrade(ctx.helmTarget({ quietStdout: true }), {
      release: ctx.location.release,
      chart: ctx.plan.chart ?? '',
      version: ctx.plan.version,
      valuesFiles: [],
      values: ctx.plan.values,
      resetThenReuseValues: true,
      rollbackOnFailure: true,
      wait: 'watcher',
      timeout: ctx.location.environment.timeout,
      historyMax: ctx.location.environment.historyMax,
      description: ctx.description,
    });
    await storeFlag(
      await getPrisma(),
      { environment: op.environment, cluster: op.cluster, release: op.release },
      params.flag,
      params.value,
      op.requestedById,
    );
    return {
      state: 'succeeded',
      revisionAfter: r.version,
      exitStatus: 0,
      details: { flag: params.flag, value: params.value },
    };
  },
});
