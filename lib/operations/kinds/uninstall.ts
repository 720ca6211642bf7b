// Uninstall: every object of the release and its history leave the cluster.
// The page asks for the release name typed out.
import { z } from 'zod';
import { helmUninstall } from '@/lib/helm';
import { defineKind } from './kind';
import { reconcileFromHistory } from './reconcile-from-history';

export const uninstall = defineKind({
  name: 'uninstall',
  params: z.strictObject({}),
  gate: 'ticket',
  typedConfirmation: true,
  async execute(ctx) {
    await helmUninstall(ctx.helmTarget(), {
      release: ctx.location.release,
      timeout: ctx.location.environment.timeout,
      description: ctx.description,
      wait: 'watcher',
    });
    return { state: 'succeeded', exitStatus: 0 };
  },
  reconcile: (ctx) =>
    reconcileFromHistory(ctx, (_ctx, history) => {
      const latest = history.at(-1);
      return !latest || latest.status === 'uninstalled'
        ? { state: 'succeeded' }
        : {
            state: 'failed',
            revisionAfter: latest.revision,
            error: 'the worker stopped; the release was not uninstalled',
          };
    }),
});
