// Recover a release stuck in pending-* (helm stopped mid-change): back to the
// last revision that was deployed, or uninstalled when none ever was. A
// restore, never run automatically.
import { z } from 'zod';
import { helmRollback, helmUninstall } from '@/lib/helm';
import { OperationInputError } from '../errors';
import { isPending } from '../release-state';
import { defineKind } from './kind';

export const recover = defineKind({
  name: 'recover',
  params: z.strictObject({}),
  gate: 'restore',
  check(ctx) {
    if (!ctx.latest || !isPending(ctx.latest.status))
      throw new OperationInputError([
        `release: ${ctx.helmRelease} in ${ctx.where} is not stuck in a pending state; nothing to recover`,
      ]);
    return {};
  },
  async execute(ctx) {
    const { location: loc, log } = ctx;
    const target = ctx.helmTarget();
    const revisions = await ctx.revisions();
    const latest = revisions.at(-1);
    if (!latest || !isPending(latest.status))
      return {
        state: 'succeeded',
        revisionAfter: latest?.revision ?? null,
        details: { action: 'none' },
      };
    const good = revisions
      .filter(
        (r) =>
          r.revision < latest.revision && (r.status === 'deployed' || r.status === 'superseded'),
      )
      .at(-1);
    if (!good) {
      log.line('info', `no revision was ever deployed: uninstalling ${loc.release}`);
      await helmUninstall(target, { release: loc.release, timeout: loc.environment.timeout });
      return { state: 'succeeded', exitStatus: 0, details: { action: 'uninstall' } };
    }
    log.line('info', `rolling back to revision ${good.revision}, the last one deployed`);
    await helmRollback(target, {
      release: loc.release,
      revision: good.revision,
      timeout: loc.environment.timeout,
      wait: 'watcher',
    });
    return {
      state: 'succeeded',
      revisionAfter: (await ctx.revisions()).at(-1)?.revision ?? null,
      exitStatus: 0,
      details: { action: 'rollback', targetRevision: good.revision },
    };
  },
});
