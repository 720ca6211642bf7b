// Checks of a release's state before an operation is written, shared by the
// kinds: each refuses with a message naming the release, where, and what to do.
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
