// The one entry of the write path: validate, ask policy, then write the
// Operation row and the audit intent in one transaction and enqueue the job.
// The per-release partial unique index makes "one operation per release"
// hold across every Helmdeck instance.
import { randomUUID } from 'node:crypto';
import { appendAudit, AUDIT_TX_OPTIONS, recordAudit } from '@/lib/audit';
import { parseDuration } from '@/lib/config';
import { getPrisma, isUniqueViolation, Prisma, type PrismaClient } from '@/lib/db';
import { decide } from '@/lib/policy';
import type { TActor } from './actor';
import { ForbiddenError, OperationInProgressError } from './errors';
import { enqueueOperation } from './queue';
import {
  checkAgainstCluster,
  validateRequest,
  type TOperationRequestInput,
  type TValidatedRequest,
} from './validate-request';
import { finishOperation } from './finish-operation';
import type { TJobPlan } from './job-plan';
import { kindOf, type TCheckedRequest } from './kinds';
import { recordOperationEvent } from './operation-events';
import type { TOperation } from './operation-row';
import { ticketGate, type TGateContext, type TGateVerdict } from './ticket-gate';

export type { TActor, TOperation };
/**
 * Runs inside the transaction that writes the operation, before the row is
 * inserted: the place for checks that must hold at that instant (the ticket
 * gate and freeze windows, the default). Throwing refuses the request and
 * writes nothing; a verdict with a `refusal` commits the gate's own audit
 * records, inserts no operation, then throws the refusal.
 */
export type TOperationGate = (
  tx: Prisma.TransactionClient,
  request: TCheckedRequest<unknown>,
  context: TGateContext,
) => Promise<void | TGateVerdict>;
export type TOperationRequest = TOperationRequestInput & {
  actor: TActor;
  ticketId?: number;
  /** Admin break-glass run without an approved ticket (the gate decides whether it is allowed). */
  breakGlassReason?: string;
  gate?: TOperationGate;
};
type TRowExtras = Pick<TOperationRequest, 'ticketId' | 'breakGlassReason' | 'gate'>;

/** Refuses with ForbiddenError (audited) unless policy allows the actor this kind here. */
export async function authorise(
  actor: TActor,
  v: Pick<TValidatedRequest, 'kind' | 'environment' | 'cluster' | 'release'>,
  breakGlassReason?: string,
): Promise<void> {
  const decision = decide({
    user: actor,
    action: v.kind,
    target: { environment: v.environment.name, cluster: v.cluster.name, release: v.release },
  });
  if (decision.allow) return;
  // An admin breaking the glass acts without the environment role; the gate checks the reason and audits it.
  if (
    breakGlassReason !== undefined &&
    decide({ user: actor, action: 'break-glass', target: {} }).allow
  )
    return;
  await recordAudit(await getPrisma(), {
    actor: actor.id,
    actorName: actor.name,
    action: v.kind,
    outcome: 'denied',
    environment: v.environment.name,
    cluster: v.cluster.name,
    namespace: v.environment.namespace,
    release: v.release,
    error: decision.reason,
  });
  throw new ForbiddenError(decision.reason);
}

/** Queues an operation and returns its row (state queued). */
export async function requestOperation(request: TOperationRequest): Promise<TOperation> {
  const { actor, ticketId, breakGlassReason, gate, ...rest } = request;
  const cheap = validateRequest(rest);
  await authorise(actor, cheap, breakGlassReason);
  const v = await checkAgainstCluster(cheap);
  const prisma = await getPrisma();
  // The job id is chosen here so the row carries it from its first write.
  const jobId = randomUUID();
  const op = await insertOperation(prisma, actor, v, jobId, { ticketId, breakGlassReason, gate });
  const plan: TJobPlan = {
    operationId: op.id,
    chart: v.chart?.helmRef,
    version: v.chart?.version,
    valuesFiles: v.valuesFiles ?? [],
    values: v.values ?? {},
    targetRevision: v.targetRevision,
    params: recordedParams(v),
  };
  const timeoutSeconds = (parseDuration(v.environment.timeout) ?? 300_000) / 1000;
  try {
    await enqueueOperation(plan, timeoutSeconds + 600, jobId);
    return op;
  } catch (e) {
    await finishOperation(prisma, op, {
      state: 'failed',
      error: 'the operation could not be queued; try again',
    });
    throw e;
  }
}

// The kind's params without secrets: on the row (as JSON) and in the job.
function recordedParams(v: TValidatedRequest): Record<string, unknown> | null {
  const def = kindOf(v.kind);
  if (def.record) return def.record(v.params);
  const { values: _values, ...rest } = (v.params ?? {}) as Record<string, unknown>;
  return Object.keys(rest).length > 0 ? rest : null;
}

async function insertOperation(
  prisma: PrismaClient,
  actor: TActor,
  v: TCheckedRequest<unknown>,
  jobId: string,
  extras: TRowExtras,
): Promise<TOperation> {
  try {
    const result = await prisma.$transaction(async (tx) => {
      const gate = extras.gate ?? ticketGate;
      const verdict = await gate(tx, v, {
        actor,
        ticketId: extras.ticketId,
        breakGlassReason: extras.breakGlassReason,
      });
      if (verdict?.refusal) return { refusal: verdict.refusal };
      const op = await tx.operation.create({
        data: {
          kind: v.kind,
          environment: v.environment.name,
          cluster: v.cluster.name,
          namespace: v.environment.namespace,
          release: v.release,
          revisionBefore: v.revisionBefore ?? null,
          targetRevision: v.targetRevision ?? null,
          chart: v.chart?.ref ?? null,
          chartVersion: v.chart?.version ?? null,
          imageTag: v.imageTag ?? null,
          valuesDigest: v.valuesDigest ?? null,
          params: (recordedParams(v) as Prisma.InputJsonObject | null) ?? Prisma.DbNull,
          requestedById: actor.id,
          jobId,
          ticketId: extras.ticketId ?? null,
          breakGlassReason: extras.breakGlassReason ?? null,
          progress: 'queued',
        },
      });
      await appendAudit(tx, {
        actor: actor.id,
        actorName: actor.name,
        action: v.kind,
        outcome: 'intent',
        environment: op.environment,
        cluster: op.cluster,
        namespace: op.namespace,
        release: op.release,
        revisionBefore: op.revisionBefore,
        revisionAfter: op.targetRevision,
        chart: op.chart,
        chartVersion: op.chartVersion,
        valuesDigest: op.valuesDigest,
        operationId: op.id,
        ticketId: op.ticketId,
        details: {
          imageTag: op.imageTag,
          targetRevision: op.targetRevision,
          ...(op.breakGlassReason ? { breakGlass: op.breakGlassReason } : {}),
          ...(verdict ? { gate: verdict.gate } : {}),
        },
      });
      await recordOperationEvent(tx, op, 'started', actor);
      return { op };
    }, AUDIT_TX_OPTIONS);
    if ('refusal' in result) throw result.refusal;
    return result.op;
  } catch (e) {
    if (isUniqueViolation(e)) {
      const active = await prisma.operation.findFirst({
        where: {
          cluster: v.cluster.name,
          namespace: v.environment.namespace,
          release: v.release,
          state: { in: ['queued', 'running'] },
        },
        include: { requestedBy: { select: { name: true } } },
      });
      if (active)
        throw new OperationInProgressError(
          active.id,
          active.kind,
          active.requestedBy.name || active.requestedById,
        );
    }
    throw e;
  }
}
