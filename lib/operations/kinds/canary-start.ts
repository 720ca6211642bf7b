// Start canary: the new build installed as <name>-canary beside the stable
// release (helm upgrade --install with the strategy's canary values under the
// request's), then the canary Ingress created at the first step's weight. The
// canary's row in Postgres is written before helm runs, so a restart finds it.
import { getPrisma } from '@/lib/db';
import { helmUpgrade } from '@/lib/helm';
import {
  canaryRelease,
  mergeValues,
  readCanaryTraffic,
  releaseBuild,
  setCanaryWeight,
} from '@/lib/strategies';
import { activeCanary, endCanary } from '@/lib/canary/store';
import { OperationInputError } from '../errors';
import { kubeClients } from '../runtime';
import { valuesDigest } from '@/lib/values';
import { strategyFailure } from './blue-green';
import { canaryAt, canaryIfAny, placeOf, requireCanary } from './canary';
import { refusePending } from './cluster-checks';
import { checkRenders, deployArgs, planDeploy, previewDeploy, ZDeployParams } from './deploy';
import { ZDeliveryRef } from './delivery-ref';
import { defineKind } from './kind';

export const canaryStart = defineKind({
  name: 'canary_start',
  params: ZDeployParams.omit({ chart: true }).extend(ZDeliveryRef),
  gate: 'ticket',
  flagLayer: true,
  helmRelease: (release) => canaryRelease(release),
  plan(input, problems) {
    const s = canaryIfAny(input);
    const plan = planDeploy(input, problems);
    if (!s) return plan;
    const values = mergeValues(s.canaryValues, plan.values ?? {});
    return { ...plan, values, valuesDigest: valuesDigest(values) };
  },
  async check(ctx) {
    requireCanary(ctx);
    const running = await activeCanary(await getPrisma(), placeOf(ctx));
    if (running)
      throw new OperationInputError([
        `release: a canary of ${ctx.release} (image ${running.imageTag ?? 'unknown'}) is in progress at ${running.weight} %; promote or abort it first`,
      ]);
    const stable = await releaseBuild(
      kubeClients(ctx.cluster.context),
      ctx.environment.namespace,
      ctx.release,
    ).catch(() => null);
    if (!stable)
      throw new OperationInputError([
        `release: the stable release ${ctx.release} is not installed in ${ctx.where}; install it first`,
      ]);
    refusePending(ctx);
    await checkRenders(ctx);
    return {};
  },
  async preview(ctx) {
    const latest = ctx.revisions.at(-1);
    const installed = latest !== undefined && latest.status !== 'uninstalled';
    return {
      ...(await previewDeploy(ctx, installed ? 'upgrade' : 'install')),
      kind: 'canary_start',
    };
  },
  async execute(ctx) {
    const { op } = ctx;
    const prisma = await getPrisma();
    const s = canaryAt(op);
    const place = placeOf(op);
    await prisma.canary.create({
      data: {
        ...place,
        namespace: op.namespace,
        chartVersion: op.chartVersion,
        imageTag: op.imageTag,
        startedById: op.requestedById,
      },
    });
    let revision: number;
    try {
      const r = await helmUpgrade(ctx.helmTarget({ quietStdout: true }), {
        ...(await deployArgs(ctx)),
        install: true,
        historyMax: ctx.location.environment.historyMax,
      });
      revision = r.version;
      // What the canary runs as helm recorded it (the chart's own version when the request named none).
      const build = await releaseBuild(ctx.kube, op.namespace, canaryRelease(op.release));
      await prisma.canary.updateMany({
        where: { ...place, state: 'running' },
        data: { chartVersion: build?.chartVersion ?? null, imageTag: build?.imageTag ?? null },
      });
    } catch (e) {
      await endCanary(prisma, place, 'aborted', 'the canary release did not deploy');
      throw e;
    }
    try {
      const weight = s.steps[0]!;
      const traffic = await setCanaryWeight(ctx.kube, op.namespace, op.release, s, weight);
      await prisma.canary.updateMany({
        where: { ...place, state: 'running' },
        data: { weight: traffic.weight, stepIndex: 0, stepStartedAt: new Date() },
      });
      ctx.log.line('info', `canary Ingress ${traffic.ingress}: ${traffic.weight} % to the canary`);
      return {
        state: 'succeeded',
        revisionAfter: revision,
        exitStatus: 0,
        details: { weight: traffic.weight, step: 0 },
      };
    } catch (e) {
      await endCanary(prisma, place, 'aborted', 'the canary Ingress could not be set');
      return { ...strategyFailure(e), revisionAfter: revision };
    }
  },
  async reconcile(ctx) {
    const { op } = ctx;
    const prisma = await getPrisma();
    const s = canaryAt(op);
    const traffic = await readCanaryTraffic(ctx.kube, op.namespace, op.release, s);
    if (traffic.weight > 0) {
      await prisma.canary.updateMany({
        where: { ...placeOf(op), state: 'running' },
        data: { weight: traffic.weight, stepIndex: 0 },
      });
      return { state: 'succeeded', details: { weight: traffic.weight, step: 0 } };
    }
    await endCanary(prisma, placeOf(op), 'aborted', 'the worker stopped before traffic reached it');
    return {
      state: 'failed',
      error:
        'the worker stopped before the canary got traffic; abort it to remove the canary release',
    };
  },
});
