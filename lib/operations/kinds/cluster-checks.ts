// Checks of a release's state before an operation is written, shared by the
// kinds: each refuses with a message naming the release, where, and what to do.
import { strategyFor } from '@/lib/config';
import { OperationInputError } from '../errors';
import { isPending } from '../release-state';
import type { TCheckContext, TCheckResult } from './kind';

export function refuseInstalled(ctx: TCheckContext<unknown>): void {
  if (ctx.latest && ctx.latest.status !== 'uninstalled')
    throw new OperationInputError([
      `release: ${ctx.helmRelease} is already installed in ${ctx.where}; upgrade it instead`,
    ]);
}

export function requireInstalled(ctx: TCheckContext<unknown>): void {
  if (!ctx.latest)
    throw new OperationInputError([`release: ${ctx.helmRelease} is not installed in ${ctx.where}`]);
}

export function refusePending(ctx: TCheckContext<unknown>): void {
  if (ctx.latest && isPending(ctx.latest.status))
    throw new OperationInputError([
      `release: ${ctx.helmRelease} in ${ctx.where} is stuck in ${ctx.latest.status}; recover it first`,
    ]);
}

/** The check of a kind that does not say otherwise: the release is installed and not stuck. */
export function installedAndSettled(ctx: TCheckContext<unknown>): TCheckResult {
  requireInstalled(ctx);
  refusePending(ctx);
  return {};
}

/** A plain install or upgrade where the release is blue/green would bypass the router: refused. */
export function refuseBlueGreenPlace(ctx: TCheckContext<unknown>): void {
  const s = strategyFor(ctx.configured, ctx.environment.name, ctx.cluster.name);
  if (s.type === 'blueGreen' && ctx.helmRelease === ctx.release)
    throw new OperationInputError([
      `release: ${ctx.release} is blue/green in ${ctx.where}: deploy to the idle colour on its blue/green page`,
    ]);
}
