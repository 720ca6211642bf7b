// Switch back: traffic returns to the colour the last switch left. Like a
// rollback it restores what already ran, so no ticket or freeze window stops
// it (audited as exempt-restore); it is verified like any switch.
import { getPrisma } from '@/lib/db';
import { colourRelease, lastSwitch } from '@/lib/strategies';
import { OperationInputError } from '../errors';
import { requireBlueGreen, requireIdle, stateAtCheck } from './blue-green';
import { installedAndSettled } from './cluster-checks';
import { defineKind } from './kind';
import { doSwitch, reconcileSwitch, ZSwitchParams } from './switch-common';

export const switchBack = defineKind({
  name: 'switch_back',
  params: ZSwitchParams,
  gate: 'restore',
  helmRelease: (release, p) => colourRelease(release, p.to),
  async check(ctx) {
    installedAndSettled(ctx);
    const { params: p, release } = ctx;
    const state = await stateAtCheck(ctx, requireBlueGreen(ctx, p.to));
    requireIdle(state, p.to, release);
    const place = { environment: ctx.environment.name, cluster: ctx.cluster.name, release };
    const last = await lastSwitch(await getPrisma(), place);
    if (!last || last.from !== p.to || last.to !== state.live)
      throw new OperationInputError([
        last?.from && last.to === state.live
          ? `params.to: the last switch came from ${last.from}, not ${p.to}`
          : `params.to: traffic did not come from ${p.to} in Helmdeck's last switch; use Switch traffic`,
      ]);
    return {};
  },
  execute: (ctx) => doSwitch(ctx, false),
  reconcile: reconcileSwitch,
});
