// Runs a promotion wave by wave from what Postgres says: the steps of a wave
// run side by side, each wave soaks before the next, the first failure stops
// it (later waves skipped), pause and abort act between waves. Called again
// after a restart it resumes at the recorded step; a step whose operation
// was cut off stops the promotion as needs_attention.
import { recordAudit } from '@/lib/audit';
import { findEnvironment, findRelease, parseDuration } from '@/lib/config';
import { getPrisma } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { ForbiddenError, operationsRuntime, type TActor } from '@/lib/operations';
import { decide } from '@/lib/policy';
import { runStep, type TStepContext } from './run-step';

export type TRunOptions = { watchIntervalMs?: number; pollMs?: number };

async function actorOf(userId: string): Promise<TActor> {
  const prisma = await getPrisma();
  const user = await prisma.user.findUnique({
    where: { id: userId },
    include: { roleGrants: true },
  });
  return { id: userId, name: user?.name ?? userId, grants: user?.roleGrants ?? [] };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs promotion `id` until it is final or paused. */
export async function runPromotion(id: number, o: TRunOptions = {}): Promise<void> {
  const prisma = await getPrisma();
  const { config } = operationsRuntime();
  let promotion = await prisma.promotion.findUniqueOrThrow({
    where: { id },
    include: { build: true },
  });
  if (!['pending', 'running'].includes(promotion.state)) return;
  const release = findRelease(config, promotion.release);
  const environment = findEnvironment(config, promotion.toEnvironment);
  const finish = async (
    state: 'succeeded' | 'failed' | 'aborted' | 'needs_attention',
    data: { error?: string; failedCluster?: string } = {},
  ) => {
    await prisma.promotionStep.updateMany({
      where: { promotionId: id, state: 'pending' },
      data: { state: 'skipped', finishedAt: new Date() },
    });
    await prisma.promotion.update({
      where: { id },
      data: { state, finishedAt: new Date(), ...data },
    });
    await recordAudit(prisma, {
      actor: promotion.requestedById,
      action: 'promotion.finish',
      outcome: state === 'succeeded' ? 'succeeded' : 'failed',
      environment: promotion.toEnvironment,
      release: promotion.release,
      chartVersion: promotion.build.chartVersion,
      ticketId: promotion.ticketId,
      error: data.error ?? (state === 'aborted' ? 'aborted' : null),
      details: { promotionId: id, state, failedCluster: data.failedCluster ?? null },
    });
  };
  if (!release || !environment)
    return finish('needs_attention', {
      error: 'the release or environment is no longer configured',
    });
  if (promotion.state === 'pending')
    promotion = await prisma.promotion.update({
      where: { id },
      data: { state: 'running', startedAt: new Date() },
      include: { build: true },
    });
  const actor = await actorOf(promotion.requestedById);
  const ctx: TStepContext = {
    promotion,
    build: promotion.build,
    release,
    environment,
    actor,
    watchIntervalMs: o.watchIntervalMs,
  };
  const soakMs = environment.waveSoak ? (parseDuration(environment.waveSoak) ?? 0) : 0;

  for (;;) {
    const steps = await prisma.promotionStep.findMany({
      where: { promotionId: id },
      orderBy: [{ wave: 'asc' }, { id: 'asc' }],
    });
    const bad = steps.find((s) => ['failed', 'rolled_back', 'needs_attention'].includes(s.state));
    if (bad)
      return finish(bad.state === 'needs_attention' ? 'needs_attention' : 'failed', {
        failedCluster: bad.cluster,
        error: `${bad.cluster}: ${bad.error ?? bad.state}`,
      });
    const open = steps.filter((s) => s.state !== 'succeeded' && s.state !== 'skipped');
    if (open.length === 0) return finish('succeeded');
    const wave = open[0]!.wave;
    const waveSteps = steps.filter((s) => s.wave === wave);
    const untouched = waveSteps.every((s) => s.state === 'pending');
    if (untouched) {
      const flags = await prisma.promotion.findUniqueOrThrow({ where: { id } });
      if (flags.abortRequested)
        return finish('aborted', { error: `aborted before wave ${wave + 1}` });
      if (flags.pauseRequested) {
        await prisma.promotion.update({ where: { id }, data: { state: 'paused' } });
        return;
      }
      // The previous wave soaks (counted from its last verification) before this one starts.
      const previous = steps.filter((s) => s.wave === wave - 1);
      const verified = Math.max(0, ...previous.map((s) => s.verifiedAt?.getTime() ?? 0));
      if (soakMs > 0 && verified > 0 && Date.now() < verified + soakMs) {
        await prisma.promotionStep.updateMany({
          where: { promotionId: id, wave: wave - 1 },
          data: { soakUntil: new Date(verified + soakMs) },
        });
        await sleep(Math.min(o.pollMs ?? 1000, verified + soakMs - Date.now()));
        continue;
      }
    }
    await Promise.all(waveSteps.map((s) => runStep(ctx, s)));
  }
}

const ACTIVE = ['pending', 'running', 'paused'];

/**
 * Pause or abort between waves; resume a paused promotion (it runs again in
 * this process). Whoever may promote into the environment may do it; a
 * refusal is audited.
 */
export async function controlPromotion(
  id: number,
  action: 'pause' | 'resume' | 'abort',
  actor: TActor,
  o: TRunOptions = {},
): Promise<void> {
  const prisma = await getPrisma();
  const p = await prisma.promotion.findUnique({ where: { id } });
  if (!p) throw new AppError('not_found', `There is no promotion #${id}.`);
  const decision = decide({
    user: actor,
    action: 'promote',
    target: { environment: p.toEnvironment, release: p.release },
  });
  if (!decision.allow) {
    await recordAudit(prisma, {
      actor: actor.id,
      actorName: actor.name,
      action: `promotion.${action}`,
      outcome: 'denied',
      environment: p.toEnvironment,
      release: p.release,
      error: decision.reason,
      details: { promotionId: id },
    });
    throw new ForbiddenError(decision.reason);
  }
  if (!ACTIVE.includes(p.state))
    throw new AppError(
      'conflict',
      `promotion #${id} is ${p.state.replace('_', ' ')}; nothing to ${action}`,
    );
  if (action === 'resume' && p.state !== 'paused' && !p.pauseRequested)
    throw new AppError('conflict', `promotion #${id} is not paused`);
  if (action === 'pause')
    await prisma.promotion.update({ where: { id }, data: { pauseRequested: true } });
  if (action === 'abort') {
    await prisma.promotion.update({ where: { id }, data: { abortRequested: true } });
    if (p.state === 'paused')
      await prisma.promotion.update({ where: { id }, data: { state: 'running' } });
  }
  if (action === 'resume')
    await prisma.promotion.update({
      where: { id },
      data: { pauseRequested: false, state: p.state === 'paused' ? 'running' : p.state },
    });
  await recordAudit(prisma, {
    actor: actor.id,
    actorName: actor.name,
    action: `promotion.${action}`,
    outcome: 'succeeded',
    environment: p.toEnvironment,
    release: p.release,
    details: { promotionId: id },
  });
  // A paused promotion has no runner: resuming (or aborting) it starts one.
  if (p.state === 'paused' && action !== 'pause')
    void runPromotion(id, o).catch((e: unknown) => console.error(`[promotions] #${id}:`, e));
}

/** After a start: continue every promotion that was running when the process died. */
export async function resumePromotions(o: TRunOptions = {}): Promise<number[]> {
  const prisma = await getPrisma();
  const running = await prisma.promotion.findMany({
    where: { state: 'running' },
    select: { id: true },
  });
  for (const p of running)
    void runPromotion(p.id, o).catch((e: unknown) => console.error(`[promotions] #${p.id}:`, e));
  return running.map((p) => p.id);
}
