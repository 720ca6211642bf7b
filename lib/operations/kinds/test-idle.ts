// Test idle: health, version and smoke checks against the idle colour's
// Service through the Kubernetes services proxy, before any traffic reaches
// it. Changes nothing; a switch needs a passing test of the revision it
// switches to. Freeze windows apply, tickets do not.
import {
  colourRelease,
  colourService,
  releaseBuild,
  StrategyError,
  testColour,
} from '@/lib/strategies';
import {
  blueGreenAt,
  requireBlueGreen,
  requireIdle,
  stateAtCheck,
  strategyFailure,
  ZColour,
} from './blue-green';
import { installedAndSettled } from './cluster-checks';
import { ZDeliveryRef } from './delivery-ref';
import { defineKind } from './kind';
import { z } from 'zod';

export const testIdle = defineKind({
  name: 'test_idle',
  params: z.strictObject({ colour: ZColour, ...ZDeliveryRef }),
  gate: 'freeze-only',
  helmRelease: (release, p) => colourRelease(release, p.colour),
  async check(ctx) {
    installedAndSettled(ctx);
    requireIdle(
      await stateAtCheck(ctx, requireBlueGreen(ctx, ctx.params.colour)),
      ctx.params.colour,
      ctx.release,
    );
    return {};
  },
  async execute(ctx) {
    const { op, log, params } = ctx;
    try {
      const s = blueGreenAt(op);
      const ns = ctx.location.environment.namespace;
      const build = await releaseBuild(ctx.kube, ns, ctx.location.release);
      if (!build) throw new StrategyError(`${ctx.location.release} is not installed`, 'not_found');
      const service = colourService(s, op.release, params.colour);
      log.line(
        'info',
        `testing ${service} (revision ${build.revision}, image ${build.imageTag ?? 'unknown'})`,
      );
      const items = await testColour(ctx.kube, ns, service, s, build.imageTag);
      for (const i of items) log.line('info', `${i.ok ? 'pass' : 'FAIL'} ${i.name}: ${i.detail}`);
      const failed = items.filter((i) => !i.ok);
      const details = { colour: params.colour, testedRevision: build.revision, checks: items };
      return failed.length === 0
        ? { state: 'succeeded', revisionAfter: build.revision, details }
        : {
            state: 'failed',
            revisionAfter: build.revision,
            error: `test of ${params.colour} failed: ${failed.map((i) => `${i.name}: ${i.detail}`).join('; ')}`,
            details,
          };
    } catch (e) {
      return strategyFailure(e);
    }
  },
  reconcile: async ({ op }) => ({
    state: 'failed',
    revisionAfter: op.revisionBefore,
    error: 'the worker stopped during the idle test; run it again',
  }),
});
