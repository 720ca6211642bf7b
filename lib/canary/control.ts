// Pause and resume of a canary: a paused canary keeps its weight and is not
// analysed or stepped by the controller; Next step, Promote and Abort still
// work by hand. Authorised as a canary step, audited either way.
import { recordAudit } from '@/lib/audit';
import { getPrisma } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { authorise, type TActor } from '@/lib/operations';
import { findCluster, findEnvironment } from '@/lib/config';
import { operationsRuntime } from '@/lib/operations/runtime';
import { z } from 'zod';
import { activeCanary } from './store';

export const ZCanaryControl = z.strictObject({
  environment: z.string().min(1).max(63),
  cluster: z.string().min(1).max(63),
  release: z.string().min(1).max(63),
  action: z.enum(['pause', 'resume']),
});

export async function controlCanary(actor: TActor, input: unknown): Promise<{ state: string }> {
  const parsed = ZCanaryControl.safeParse(input);
  if (!parsed.success)
    throw new AppError(
      'invalid',
      parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; '),
    );
  const { action, ...place } = parsed.data;
  const environment = findEnvironment(operationsRuntime().config, place.environment);
  const cluster = environment && findCluster(environment, place.cluster);
  if (!environment || !cluster)
    throw new AppError('not_found', `${place.environment}/${place.cluster} is not configured`);
  await authorise(actor, { kind: 'canary_step', environment, cluster, release: place.release });
  const prisma = await getPrisma();
  const row = await activeCanary(prisma, place);
  const from = action === 'pause' ? 'running' : 'paused';
  if (!row || row.state !== from)
    throw new AppError(
      'conflict',
      `${place.release} has no ${from} canary in ${place.environment}/${place.cluster}`,
    );
  const state = action === 'pause' ? 'paused' : 'running';
  // Resuming starts the step's interval again: the analysis must pass for it from now.
  await prisma.canary.update({
    where: { id: row.id },
    data: { state, ...(action === 'resume' ? { stepStartedAt: new Date() } : {}) },
  });
  await recordAudit(prisma, {
    actor: actor.id,
    actorName: actor.name,
    action: `canary.${action}`,
    outcome: 'succeeded',
    environment: place.environment,
    cluster: place.cluster,
    namespace: environment.namespace,
    release: place.release,
    details: { canaryId: row.id, weight: row.weight },
  });
  return { state };
}
