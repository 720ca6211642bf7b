// Canary delivery: start a canary of the build; the canary controller then
// steps, promotes or aborts it on its analysis (or a person does on the
// canary page), and the step waits for how the canary ended. Promoted: the
// step verifies and watches the stable release. Aborted: the stable release
// never changed, so the step fails with the abort's reason.
import { getPrisma } from '@/lib/db';
import { buildLabel, buildParams } from './build-params';
import { standard } from './standard';
import type { TDeliveryStrategy, TDeliveryTarget } from './types';

const POLL_MS = 1000;

const placeOf = (target: TDeliveryTarget) => ({
  environment: target.environment.name,
  cluster: target.cluster.name,
  release: target.release.name,
});

/** The canary the step's canary_start made (the place's newest since then), once it has ended. */
async function endedCanary(target: TDeliveryTarget, startedAt: Date) {
  const prisma = await getPrisma();
  for (;;) {
    const row = await prisma.canary.findFirst({
      where: { ...placeOf(target), createdAt: { gte: startedAt } },
      orderBy: { id: 'desc' },
    });
    if (!row) return null;
    if (row.state === 'promoted' || row.state === 'aborted') return row;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

export const canary: TDeliveryStrategy = {
  name: 'canary',
  async next(target, history) {
    const name = target.release.name;
    const start = history.find((h) => h.action.kind === 'canary_start');
    if (!start)
      return {
        next: {
          kind: 'canary_start',
          release: name,
          label: `start a canary of ${buildLabel(target)}`,
          params: buildParams(target),
        },
      };
    if (start.state !== 'succeeded')
      return { failed: `canary_start (operation #${start.operationId}) ${start.state}` };
    const op = await (
      await getPrisma()
    ).operation.findUniqueOrThrow({
      where: { id: start.operationId },
    });
    const ended = await endedCanary(target, op.createdAt);
    if (!ended) return { failed: `the canary of operation #${start.operationId} is not recorded` };
    if (ended.state === 'aborted')
      return { failed: `the canary was aborted: ${ended.reason ?? 'by hand'}` };
    const promoted = await (
      await getPrisma()
    ).operation.findFirst({
      where: { ...placeOf(target), kind: 'canary_promote', state: 'succeeded' },
      orderBy: { id: 'desc' },
    });
    return {
      done: true,
      watch: { helmRelease: name, revision: promoted?.revisionAfter ?? null },
    };
  },
  // After a promotion the stable release took the build: put back its revision from before.
  restore: standard.restore,
};
