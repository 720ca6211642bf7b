// Reading operations for the pages, the REST API and the progress stream:
// the row, its log after a given line, and its audit records. A user sees an
// operation only where policy lets them view its environment.
import { z } from 'zod';
import { getPrisma } from '@/lib/db';
import { decide, viewableEnvironments, type TPolicyUser } from '@/lib/policy';
import { toOperationView, type TOperationView } from './operation-view';

export type TLogLine = { id: number; at: string; stream: string; line: string };
export type TOperationAuditRef = {
  seq: number;
  at: string;
  outcome: string;
  actorName: string | null;
  actor: string;
  error: string | null;
  details: unknown;
};
export type TOperationDetail = {
  operation: TOperationView;
  logs: TLogLine[];
  audit: TOperationAuditRef[];
  /** True when helm's rollback-on-failure restored the previous revision. */
  rolledBack: boolean;
};

const withName = { requestedBy: { select: { name: true } } } as const;

const mayView = (user: TPolicyUser, environment: string) =>
  decide({ user, action: 'view', target: { environment } }).allow;

/** The operation with its log after `afterLogId`, or null when absent or not visible to `user`. */
export async function getOperationDetail(
  user: TPolicyUser,
  id: number,
  afterLogId = 0,
): Promise<TOperationDetail | null> {
  const prisma = await getPrisma();
  const op = await prisma.operation.findUnique({ where: { id }, include: withName });
  if (!op || !mayView(user, op.environment)) return null;
  const [logs, audit] = await Promise.all([
    prisma.operationLog.findMany({
      where: { operationId: id, id: { gt: BigInt(afterLogId) } },
      orderBy: { id: 'asc' },
      take: 2000,
    }),
    prisma.auditRecord.findMany({ where: { operationId: id }, orderBy: { seq: 'asc' } }),
  ]);
  const outcome = audit.find((a) => a.outcome !== 'intent');
  const details = (outcome?.details ?? {}) as { rolledBack?: unknown };
  return {
    operation: toOperationView(op),
    logs: logs.map((l) => ({
      id: Number(l.id),
      at: l.at.toISOString(),
      stream: l.stream,
      line: l.line,
    })),
    audit: audit.map((a) => ({
      seq: Number(a.seq),
      at: a.at.toISOString(),
      outcome: a.outcome,
      actorName: a.actorName,
      actor: a.actor,
      error: a.error,
      details: a.details,
    })),
    rolledBack: details.rolledBack === true,
  };
}

export const ZOperationFilters = z.object({
  environment: z.string().trim().min(1).max(63).optional(),
  cluster: z.string().trim().min(1).max(63).optional(),
  release: z.string().trim().min(1).max(63).optional(),
  state: z
    .enum(['queued', 'running', 'succeeded', 'failed', 'needs_recovery', 'cancelled', 'active'])
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type TOperationFilters = z.input<typeof ZOperationFilters>;

/**
 * Newest first, only in environments `user` may view. The visibility is
 * part of the query, so a page holds `limit` rows whenever that many exist.
 */
export async function listOperations(
  user: TPolicyUser,
  filters: TOperationFilters = {},
): Promise<TOperationView[]> {
  const f = ZOperationFilters.parse(filters);
  const scope = viewableEnvironments(user);
  if (f.environment !== undefined && !mayView(user, f.environment)) return [];
  const prisma = await getPrisma();
  const rows = await prisma.operation.findMany({
    where: {
      environment: f.environment ?? (scope === 'all' ? undefined : { in: [...scope] }),
      cluster: f.cluster,
      release: f.release,
      state: f.state === 'active' ? { in: ['queued', 'running'] } : f.state,
    },
    orderBy: { id: 'desc' },
    take: f.limit,
    include: withName,
  });
  return rows.map(toOperationView);
}
