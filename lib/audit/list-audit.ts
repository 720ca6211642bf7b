// Reading the audit log: filters for the audit page and the CSV export.
import { z } from 'zod';
import { getPrisma, type Prisma } from '@/lib/db';
import type { TViewScope } from '@/lib/policy/read-access';
import type { THashedRecord } from './hash';

export const ZAuditFilters = z.object({
  /** Actor id or display name (substring, case-insensitive). */
  who: z.string().trim().min(1).max(200).optional(),
  action: z.string().trim().min(1).max(100).optional(),
  environment: z.string().trim().min(1).max(100).optional(),
  release: z.string().trim().min(1).max(100).optional(),
  outcome: z.enum(['intent', 'succeeded', 'failed', 'denied']).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  operationId: z.coerce.number().int().positive().optional(),
});
export type TAuditFilters = z.input<typeof ZAuditFilters>;

export const ZAuditPage = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export type TAuditPage = z.input<typeof ZAuditPage>;

/** One record as pages and the API see it (seq as a number: JSON has no bigint). */
export type TAuditEntry = THashedRecord & {
  seq: number;
  outcome: 'intent' | 'succeeded' | 'failed' | 'denied';
  hash: string;
  prevHash: string;
};

/**
 * The records matching `input` within `scope`: a reader limited to some
 * environments sees only their records, not those of no environment
 * (sign-ins, user management), which only a reader of every environment sees.
 */
export function auditWhere(
  input: TAuditFilters,
  scope: TViewScope = 'all',
): Prisma.AuditRecordWhereInput {
  const f = ZAuditFilters.parse(input);
  const where: Prisma.AuditRecordWhereInput = {};
  if (scope !== 'all') where.AND = [{ environment: { in: [...scope] } }];
  if (f.who) {
    where.OR = [
      { actor: { contains: f.who, mode: 'insensitive' } },
      { actorName: { contains: f.who, mode: 'insensitive' } },
    ];
  }
  if (f.action) where.action = f.action;
  if (f.environment) where.environment = f.environment;
  if (f.release) where.release = f.release;
  if (f.outcome) where.outcome = f.outcome;
  if (f.operationId) where.operationId = f.operationId;
  if (f.from || f.to)
    where.at = { ...(f.from ? { gte: f.from } : {}), ...(f.to ? { lte: f.to } : {}) };
  return where;
}

export function toEntry(r: Omit<TAuditEntry, 'seq'> & { seq: bigint }): TAuditEntry {
  return { ...r, seq: Number(r.seq) };
}

/** Newest first, one page at a time. */
export async function listAudit(
  filters: TAuditFilters = {},
  paging: TAuditPage = {},
  scope: TViewScope = 'all',
): Promise<{ records: TAuditEntry[]; total: number; page: number; pageSize: number }> {
  const prisma = await getPrisma();
  const { page, pageSize } = ZAuditPage.parse(paging);
  const where = auditWhere(filters, scope);
  const [rows, total] = await Promise.all([
    prisma.auditRecord.findMany({
      where,
      orderBy: { seq: 'desc' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    }),
    prisma.auditRecord.count({ where }),
  ]);
  return { records: rows.map(toEntry), total, page, pageSize };
}

/** One record by its sequence number, when it is within `scope`. */
export async function getAuditRecord(
  seq: number,
  scope: TViewScope = 'all',
): Promise<TAuditEntry | null> {
  const prisma = await getPrisma();
  const row = await prisma.auditRecord.findUnique({ where: { seq: BigInt(seq) } });
  if (!row) return null;
  if (scope !== 'all' && (row.environment === null || !scope.includes(row.environment)))
    return null;
  return toEntry(row);
}
