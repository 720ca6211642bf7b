// What switch traffic and switch back share: their params, the switch with
// its verification, and how a switch is settled after a crash.
import { z } from 'zod';
import { switchRouter, verifySwitch } from '@/lib/strategies';
import type { TOutcome } from '../finish-operation';
import { blueGreenAt, strategyFailure, ZColour } from './blue-green';
import { ZDeliveryRef } from './delivery-ref';
import type { TExecuteContext, TReconcileContext } from './kind';

export const ZSwitchParams = z.strictObject({
  /** The live colour the page showed: a switch from anything else is refused (stale page). */
  from: ZColour.optional(),
  to: ZColour,
  /** The build `to` runs (chart version, image tag), as the ticket names it. */
  version: z.string().max(128).optional(),
  imageTag: z.string().max(128).optional(),
  ...ZDeliveryRef,
});
export type TSwitchParams = z.output<typeof ZSwitchParams>;

const VERIFY_MS = 30_000;

/** One guarded PATCH of the router, then verification; `restoreOnFailure` puts traffic back when it fails. */
export async function doSwitch(
  ctx: TExecuteContext<TSwitchParams>,
  restoreOnFailure: boolean,
): Promise<TOutcome> {
  const { op, params, log } = ctx;
  try {
    const s = blueGreenAt(op);
    const ns = ctx.location.environment.namespace;
    const switched = await switchRouter(ctx.kube, ns, op.release, s, params.to);
    log.line(
      'info',
      `${s.router.kind} ${s.router.name}: ${switched.from ?? 'no colour'} -> ${params.to} (one PATCH)`,
    );
    const verified = await verifySwitch(ctx.kube, ns, op.release, s, params.to, {
      timeoutMs: VERIFY_MS,
    });
    log.line('info', `verification: ${verified.detail}`);
    const details = { from: switched.from, to: params.to, verification: verified };
    if (verified.ok) return { state: 'succeeded', revisionAfter: op.revisionBefore, details };
    if (restoreOnFailure && switched.from) {
      await switchRouter(ctx.kube, ns, op.release, s, switched.from);
      log.line('info', `traffic put back on ${switched.from}`);
    }
    return {
      state: 'failed',
      revisionAfter: op.revisionBefore,
      error: `the switch to ${params.to} did not verify (${verified.detail})${restoreOnFailure && switched.from ? `; traffic is back on ${switched.from}` : ''}`,
      details,
    };
  } catch (e) {
    return strategyFailure(e);
  }
}

/** After a crash: the router says whether the switch happened. */
export async function reconcileSwitch(ctx: TReconcileContext<TSwitchParams>): Promise<TOutcome> {
  const { op, params } = ctx;
  try {
    const s = blueGreenAt(op);
    const v = await verifySwitch(
      ctx.kube,
      ctx.location.environment.namespace,
      op.release,
      s,
      params.to,
      {
        timeoutMs: 0,
      },
    );
    return v.routed
      ? {
          state: 'succeeded',
          revisionAfter: op.revisionBefore,
          details: { to: params.to, verification: v },
        }
      : {
          state: 'failed',
          revisionAfter: op.revisionBefore,
          error: 'the worker stopped before the router was switched',
        };
  } catch (e) {
    return strategyFailure(e);
  }
}
