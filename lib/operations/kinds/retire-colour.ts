// Retire old colour: the colour traffic left is uninstalled (or its
// Deployments scaled to zero, as the strategy says), offered only once
// `retireAfter` has passed since the switch. Changes no traffic.
import { z } from 'zod';
import { getPrisma } from '@/lib/db';
import { parseDuration } from '@/lib/config';
import { helmUninstall } from '@/lib/helm';
import { colourRelease, lastSwitch, scaleReleaseToZero } from '@/lib/strategies';
import { OperationInputError } from '../errors';
import {
  blueGreenAt,
  requireBlueGreen,
  requireIdle,
  stateAtCheck,
  strategyFailure,
  ZColour,
} from './blue-green';
import { installedAndSettled } from './cluster-checks';
import { defineKind } from './kind';
import { reconcileFromHistory } from './reconcile-from-history';

export const retireColour = defineKind({
  name: 'retire_colour',
  params: z.strictObject({ colour: ZColour }),
  gate: 'freeze-only',
  helmRelease: (release, p) => colourRelease(release, p.colour),
  async check(ctx) {
    installedAndSettled(ctx);
    const s = requireBlueGreen(ctx, ctx.params.colour);
    const state = await stateAtCheck(ctx, s);
    requireIdle(state, ctx.params.colour, ctx.release);
    if (!state.live)
      throw new OperationInputError([
        `router: no colour is live; retiring ${ctx.params.colour} would leave nothing to serve traffic`,
      ]);
    const place = {
      environment: ctx.environment.name,
      cluster: ctx.cluster.name,
      release: ctx.release,
    };
    const last = await lastSwitch(await getPrisma(), place);
    const since = [last?.at, state.liveSince ? new Date(state.liveSince) : null]
      .filter((d): d is Date => d instanceof Date && !Number.isNaN(d.getTime()))
      .sort((a, b) => b.getTime() - a.getTime())[0];
    const wait = parseDuration(s.retireAfter) ?? 0;
    if (since && since.getTime() + wait > Date.now())
      throw new OperationInputError([
        `params.colour: ${ctx.params.colour} can be retired from ${new Date(since.getTime() + wait).toISOString()} (retireAfter ${s.retireAfter} after the switch)`,
      ]);
    return {};
  },
  async execute(ctx) {
    const { op, params } = ctx;
    try {
      const s = blueGreenAt(op);
      if (s.retire === 'scaleToZero') {
        const scaled = await scaleReleaseToZero(
          ctx.kube,
          ctx.location.environment.namespace,
          ctx.location.release,
        );
        ctx.log.line('info', `scaled to zero: ${scaled.join(', ') || 'no Deployments found'}`);
        return {
          state: 'succeeded',
          revisionAfter: op.revisionBefore,
          details: { colour: params.colour, scaled },
        };
      }
      await helmUninstall(ctx.helmTarget(), {
        release: ctx.location.release,
        timeout: ctx.location.environment.timeout,
        description: ctx.description,
        wait: 'watcher',
      });
      return {
        state: 'succeeded',
        exitStatus: 0,
        details: { colour: params.colour, uninstalled: true },
      };
    } catch (e) {
      return strategyFailure(e);
    }
  },
  reconcile: (ctx) =>
    reconcileFromHistory(ctx, ({ op }, history) => {
      const latest = history.at(-1);
      if (!latest || latest.status === 'uninstalled') return { state: 'succeeded' };
      return {
        state: 'failed',
        revisionAfter: latest.revision,
        error: `the worker stopped; ${op.release} was not retired (scale-to-zero is safe to repeat)`,
      };
    }),
});
