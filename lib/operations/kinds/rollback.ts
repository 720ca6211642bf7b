// Rollback: back to a kept revision (the previous one by default). A restore:
// it puts back what already ran, so no ticket or freeze window stops it.
import { z } from 'zod';
import { diffReleases } from '@/lib/releases/diff';
import { helmRollback } from '@/lib/helm';
import { OperationInputError } from '../errors';
import { installedAndSettled } from './cluster-checks';
import { defineKind } from './kind';
import { notInstalled, storedRevision } from './release-diff';

export const rollback = defineKind({
  name: 'rollback',
  params: z.strictObject({
    /** Rollback target; the previous revision when omitted. */
    revision: z.number().int().positive().optional(),
  }),
  gate: 'restore',
  check(ctx) {
    installedAndSettled(ctx);
    const { revisions, latest, where, helmRelease } = ctx;
    const wanted = ctx.params.revision;
    if (wanted === undefined) {
      const previous = revisions.at(-2)?.revision;
      if (previous === undefined)
        throw new OperationInputError([
          `release: ${helmRelease} has no earlier revision to roll back to`,
        ]);
      return { targetRevision: previous };
    }
    if (!revisions.some((r) => r.revision === wanted)) {
      const oldest = revisions[0]?.revision ?? 0;
      const why = wanted < oldest ? 'it was pruned by the history limit' : 'it does not exist';
      throw new OperationInputError([
        `params.revision: ${helmRelease} has no revision ${wanted} in ${where} (${why}; kept: ${revisions.map((r) => r.revision).join(', ')})`,
      ]);
    }
    if (wanted === latest?.revision)
      throw new OperationInputError([`params.revision: ${wanted} is the current revision`]);
    return { targetRevision: wanted };
  },
  async preview(ctx) {
    const loc = ctx.location;
    const current = ctx.revisionBefore ? await storedRevision(loc, ctx.revisionBefore) : null;
    const from = current ?? notInstalled(loc);
    const target = await storedRevision(loc, ctx.targetRevision!);
    if (!target)
      throw new OperationInputError([`params.revision: revision ${ctx.targetRevision} is gone`]);
    return {
      kind: 'rollback',
      ...diffReleases(from, target, {
        from: `revision ${from.revision} (live)`,
        to: `revision ${target.revision}`,
      }),
    };
  },
  async execute(ctx) {
    const env = ctx.location.environment;
    await helmRollback(ctx.helmTarget(), {
      release: ctx.location.release,
      revision: ctx.plan.targetRevision,
      timeout: env.timeout,
      historyMax: env.historyMax,
      wait: 'watcher',
    });
    const revisionAfter = (await ctx.revisions()).at(-1)?.revision ?? null;
    return { state: 'succeeded', revisionAfter, exitStatus: 0 };
  },
});
