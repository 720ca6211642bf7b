// helm test: runs the chart's test hooks and keeps the test pods' logs.
// Changes no revision; freeze windows apply, tickets do not.
import { z } from 'zod';
import { helmTest } from '@/lib/helm';
import { defineKind } from './kind';
import { reconcileFromHistory } from './reconcile-from-history';

export const test = defineKind({
  name: 'test',
  params: z.strictObject({}),
  gate: 'freeze-only',
  async execute(ctx) {
    const { op, log } = ctx;
    const r = await helmTest(ctx.helmTarget(), {
      release: ctx.location.release,
      timeout: ctx.location.environment.timeout,
      logs: true,
    });
    if (!r.passed)
      for (const l of r.output.split('\n').slice(-200)) if (l.trim()) log.line('helm-stdout', l);
    return r.passed
      ? { state: 'succeeded', revisionAfter: op.revisionBefore, exitStatus: 0 }
      : {
          state: 'failed',
          revisionAfter: op.revisionBefore,
          error: "helm test failed: see the test pods' logs",
          exitStatus: 1,
        };
  },
  reconcile: (ctx) =>
    reconcileFromHistory(ctx, ({ op }) => ({
      state: 'failed',
      revisionAfter: op.revisionBefore,
      error: 'the worker stopped during helm test; run it again',
    })),
});
