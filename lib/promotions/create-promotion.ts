// Starts a promotion: the build comes from the previous stage (exactly its
// chart version, archive digest and image tag) or, for a first stage, from
// the request; the target's gates are checked; the promotion, its waves and
// steps are written with the audit record in one transaction.
import { appendAudit, AUDIT_TX_OPTIONS, recordAudit } from '@/lib/audit';
import { chartCacheDir, resolveChart } from '@/lib/charts';
import { findEnvironment, findRelease, strategyFor } from '@/lib/config';
import { getPrisma, isUniqueViolation } from '@/lib/db';
import { env } from '@/lib/env';
import {
  ForbiddenError,
  OperationInputError,
  operationsRuntime,
  type TActor,
} from '@/lib/operations';
import { helmTarget } from '@/lib/operations/release-state';
import { decide } from '@/lib/policy';
import { hasDeliveryStrategy } from './delivery';
import { PromotionGateError, PromotionInProgressError } from './errors';
import { checkPromotionGates, type TGateRefusal } from './gates';
import { stageBuild, type TStageBuild } from './stage-build';
import { planWaves } from './waves';

export type TCreatePromotion = {
  actor: TActor;
  release: string;
  /** The stage the build comes from; the previous one in the release's promotion order by default. */
  from?: string;
  to: string;
  /** For the first stage only: the build to deploy. */
  build?: { chartVersion: string; imageTag: string };
  ticketId?: number;
};

/**
 * What a promotion would carry and which gates refuse it, without writing
 * anything but the audit record of a policy refusal: createPromotion and the
 * pipeline page's preview share it. `ticketId: null` skips the ticket gate
 * (the preview, before a ticket is chosen).
 */
export async function planPromotion(
  input: Omit<TCreatePromotion, 'ticketId'> & { ticketId?: number | null },
) {
  const { config } = operationsRuntime();
  const prisma = await getPrisma();
  const release = findRelease(config, input.release);
  const to = findEnvironment(config, input.to);
  if (!release)
    throw new OperationInputError([`release: "${input.release}" is not in the configuration`]);
  if (!to || !release.promotion.includes(to.name))
    throw new OperationInputError([
      `to: ${input.release} is not promoted to "${input.to}" (its stages are ${release.promotion.join(', ')})`,
    ]);
  const index = release.promotion.indexOf(to.name);
  const fromName = input.from ?? (index > 0 ? release.promotion[index - 1] : undefined);
  if (fromName !== undefined && release.promotion.indexOf(fromName) !== index - 1)
    throw new OperationInputError([`from: ${fromName} is not the stage before ${to.name}`]);
  if (fromName === undefined && !input.build)
    throw new OperationInputError([
      `build: ${to.name} is the first stage; give the chart version and image tag`,
    ]);
  if (fromName !== undefined && input.build)
    throw new OperationInputError([
      `build: only the first stage takes an explicit build; ${to.name} gets ${fromName}'s`,
    ]);

  const decision = decide({
    user: input.actor,
    action: 'promote',
    target: { environment: to.name, release: release.name },
  });
  const audit = {
    actor: input.actor.id,
    actorName: input.actor.name,
    environment: to.name,
    namespace: to.namespace,
    release: release.name,
  };
  if (!decision.allow) {
    await recordAudit(prisma, {
      ...audit,
      action: 'promotion.create',
      outcome: 'denied',
      error: decision.reason,
    });
    throw new ForbiddenError(decision.reason);
  }

  const cacheDir = chartCacheDir(env().HELMDECK_DATA_DIR);
  let build: TStageBuild;
  if (fromName) {
    const from = findEnvironment(config, fromName)!;
    const found = await stageBuild(prisma, {
      config,
      release,
      environment: from.name,
      helm: helmTarget({ environment: from, cluster: from.clusters[0]! }),
      cacheDir,
    });
    if (!found)
      throw new OperationInputError([`from: ${release.name} does not run in ${from.name}`]);
    build = found;
  } else {
    const b = input.build!;
    const chart = await resolveChart({
      config,
      release,
      version: b.chartVersion,
      cacheDir,
      helm: operationsRuntime().helm,
    }).catch((e: Error) => {
      throw new OperationInputError([`build.chartVersion: ${e.message}`]);
    });
    build = {
      chart: chart.ref,
      chartName: chart.name,
      chartVersion: chart.version,
      chartDigest: chart.digest,
      manifestDigest: chart.manifestDigest ?? null,
      imageTag: b.imageTag,
      verifiedAt: null,
      deployedAt: null,
    };
  }

  const refusals: TGateRefusal[] = checkPromotionGates(
    to,
    build,
    fromName
      ? { environment: fromName, verifiedAt: build.verifiedAt, deployedAt: build.deployedAt }
      : null,
    new Date(),
  );
  if (to.requireTicket && input.ticketId !== null)
    refusals.push(
      ...(await ticketRefusals(
        input.ticketId ?? undefined,
        release.name,
        to.name,
        to.clusters.map((c) => c.name),
        build,
      )),
    );
  // Each cluster is delivered by its configured strategy; one no registered strategy can deliver is refused.
  const strategies = Object.fromEntries(
    to.clusters.map((c) => [c.name, strategyFor(release, to.name, c.name).type]),
  );
  for (const [cluster, name] of Object.entries(strategies))
    if (!hasDeliveryStrategy(name))
      refusals.push({
        gate: 'strategy',
        reason: `${to.name}/${cluster} delivers ${release.name} as ${name}, which promotions cannot carry yet; use its own page`,
      });
  const waves = planWaves(to);
  const details = {
    from: fromName ?? null,
    chartVersion: build.chartVersion,
    chartDigest: build.chartDigest,
    imageTag: build.imageTag,
    waves,
  };
  return { release, to, fromName, build, refusals, audit, details, strategies };
}

export async function createPromotion(input: TCreatePromotion) {
  const prisma = await getPrisma();
  const { release, to, fromName, build, refusals, audit, details, strategies } =
    await planPromotion(input);
  if (refusals.length > 0) {
    await recordAudit(prisma, {
      ...audit,
      action: 'promotion.create',
      outcome: 'denied',
      ticketId: input.ticketId ?? null,
      error: refusals.map((r) => `${r.gate}: ${r.reason}`).join('; '),
      details: { ...details, gates: refusals.map((r) => r.gate) },
    });
    throw new PromotionGateError(refusals);
  }
  const waves = details.waves;

  try {
    return await prisma.$transaction(async (tx) => {
      const row = await tx.build.upsert({
        where: {
          release_chartDigest_imageTag: {
            release: release.name,
            chartDigest: build.chartDigest,
            imageTag: build.imageTag,
          },
        },
        create: {
          release: release.name,
          chart: build.chart,
          chartName: build.chartName,
          chartVersion: build.chartVersion,
          chartDigest: build.chartDigest,
          manifestDigest: build.manifestDigest ?? null,
          imageTag: build.imageTag,
          createdById: input.actor.id,
        },
        update: {},
      });
      const promotion = await tx.promotion.create({
        data: {
          release: release.name,
          fromEnvironment: fromName ?? null,
          toEnvironment: to.name,
          buildId: row.id,
          requestedById: input.actor.id,
          ticketId: input.ticketId ?? null,
          waves,
          steps: {
            create: waves.flatMap((clusters, wave) =>
              clusters.map((cluster) => ({
                wave,
                cluster,
                strategy: strategies[cluster] ?? 'standard',
              })),
            ),
          },
        },
        include: { steps: true, build: true },
      });
      await appendAudit(tx, {
        ...audit,
        action: 'promotion.create',
        outcome: 'intent',
        chart: build.chart,
        chartVersion: build.chartVersion,
        ticketId: input.ticketId ?? null,
        details: { ...details, promotionId: promotion.id },
      });
      return promotion;
    }, AUDIT_TX_OPTIONS);
  } catch (e) {
    if (isUniqueViolation(e)) {
      const active = await prisma.promotion.findFirst({
        where: { release: release.name, state: { in: ['pending', 'running', 'paused'] } },
      });
      if (active) throw new PromotionInProgressError(active.id, release.name);
    }
    throw e;
  }
}

async function ticketRefusals(
  ticketId: number | undefined,
  release: string,
  environment: string,
  clusters: string[],
  build: TStageBuild,
): Promise<TGateRefusal[]> {
  if (ticketId === undefined)
    return [
      {
        gate: 'ticket',
        reason: `${environment} needs an approved change ticket for this build; create one from the promotion`,
      },
    ];
  const ticket = await (await getPrisma()).changeTicket.findUnique({ where: { id: ticketId } });
  if (!ticket) return [{ gate: 'ticket', reason: `ticket #${ticketId} does not exist` }];
  const problems: string[] = [];
  if (ticket.release !== release || ticket.environment !== environment)
    problems.push(`it is for ${ticket.release} in ${ticket.environment}`);
  if (ticket.chartVersion !== build.chartVersion || ticket.imageTag !== build.imageTag)
    problems.push(
      `it names chart ${ticket.chartVersion ?? '-'} / image ${ticket.imageTag ?? '-'}, not this build's ${build.chartVersion} / ${build.imageTag}`,
    );
  const missing = clusters.filter((c) => !ticket.clusters.includes(c));
  if (missing.length > 0) problems.push(`it does not cover ${missing.join(', ')}`);
  if (ticket.state !== 'approved') problems.push(`it is ${ticket.state}, not approved`);
  return problems.length > 0
    ? [{ gate: 'ticket', reason: `ticket #${ticketId}: ${problems.join('; ')}` }]
    : [];
}
