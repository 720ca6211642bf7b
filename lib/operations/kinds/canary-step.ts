// Next step: the canary Ingress's weight moves to the strategy's next step
// (one PATCH of its annotation) and the canary row starts that step's
// interval with no failures. The controller asks for it when the analysis
// passed for the interval; a release manager may ask for it by hand.
import { z } from 'zod';
import { getPrisma } from '@/lib/db';
import { canaryRelease, readCanaryTraffic, setCanaryWeight } from '@/lib/strategies';
import { OperationInputError } from '../errors';
import { strategyFailure } from './blue-green';
import { canaryAt, placeOf, requireActiveCanary, requireCanary } from './canary';
import { installedAndSettled } from './cluster-checks';
import { defineKind } from './kind';

export const canaryStep = defineKind({
  name: 'canary_step',
  params: z.strictObject({
    /** The weight to go to: the step after the current one. */
    weight: z.number().int().min(1).max(100),
  }),
  // The canary and its build were cleared by the ticket that started it; freeze windows still hold.
  gate: 'freeze-only',
  helmRelease: (release) => canaryRelease(release),
  async check(ctx) {
    installedAndSettled(ctx);
    const s = requireCanary(ctx);
    const row = await requireActiveCanary(ctx);
    const next = s.steps[row.stepIndex + 1];
    if (next === undefined)
      throw new OperationInputError([
        `params.weight: the canary is at its last step (${row.weight} %); promote it`,
      ]);
    if (ctx.params.weight !== next)
      throw new OperationInputError([
        `params.weight: the next step is ${next} % (steps ${s.steps.join(', ')}; now ${row.weight} %), not ${ctx.params.weight} %`,
      ]);
    return {};
  },
  async execute(ctx) {
    const { op, params } = ctx;
    try {
      const s = canaryAt(op);
      const traffic = await setCanaryWeight(ctx.kube, op.namespace, op.release, s, params.weight);
      await recordStep(placeOf(op), s.steps.indexOf(params.weight), traffic.weight);
      ctx.log.line('info', `canary Ingress ${traffic.ingress}: ${traffic.weight} % to the canary`);
      return {
        state: 'succeeded',
        revisionAfter: op.revisionBefore,
        details: { weight: traffic.weight },
      };
    } catch (e) {
      return strategyFailure(e);
    }
  },
  async reconcile(ctx) {
    const { op, params } = ctx;
    const s = canaryAt(op);
    const traffic = await readCanaryTraffic(ctx.kube, op.namespace, op.release, s);
    if (traffic.weight !== params.weight)
      return {
        state: 'failed',
        revisionAfter: op.revisionBefore,
        error: `the worker stopped before the weight moved; the canary is still at ${traffic.weight} %`,
      };
    await recordStep(placeOf(op), s.steps.indexOf(params.weight), traffic.weight);
    return {
      state: 'succeeded',
      revisionAfter: op.revisionBefore,
      details: { weight: traffic.weight },
    };
  },
});

async function recordStep(
  place: ReturnType<typeof placeOf>,
  stepIndex: number,
  weight: number,
): Promise<void> {
  await (
    await getPrisma()
  ).canary.updateMany({
    where: { ...place, state: { in: ['running', 'paused'] } },
    data: { stepIndex, weight, stepStartedAt: new Date(), failures: 0 },
  });
}
