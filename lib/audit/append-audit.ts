// Writes one audit record, chained to the one before. A transaction-scoped
// advisory lock serialises writers across every Helmdeck instance, so two
// records never share a prevHash (the chain never forks); the lock is held
// only until the caller's transaction commits. Under the same lock the
// chain head kept outside the database moves up to the newest committed
// record (publish-head.ts).
import type { Prisma, PrismaClient } from '@/lib/db';
import { redactText, redactValues } from '@/lib/releases/redact';
import { auditKey } from './audit-key';
import { GENESIS_HASH, recordHash, type THashedRecord } from './hash';
import {
  advanceChainHead,
  AUDIT_LOCK_KEY,
  publishChainHead,
  schedulePublish,
} from './publish-head';

export type TAuditOutcome = 'intent' | 'succeeded' | 'failed' | 'denied';

export type TAuditInput = {
  /** User id, or a system actor like `system:reconcile`. */
  actor: string;
  actorName?: string | null;
  action: string;
  outcome: TAuditOutcome;
  environment?: string | null;
  cluster?: string | null;
  namespace?: string | null;
  release?: string | null;
  revisionBefore?: number | null;
  revisionAfter?: number | null;
  chart?: string | null;
  chartVersion?: string | null;
  valuesDigest?: string | null;
  ticketId?: number | null;
  operationId?: number | null;
  durationMs?: number | null;
  exitStatus?: number | null;
  error?: string | null;
  /** Free-form context; secret-looking keys and credential-shaped values are redacted before storing. */
  details?: Record<string, unknown> | null;
};

type TTx = Prisma.TransactionClient;

/** Generous: on a loaded machine waiting for the lock and a connection can take a while. */
export const AUDIT_TX_OPTIONS = { maxWait: 30_000, timeout: 60_000 } as const;

const MAX_ERROR = 2000;

/** Appends a record in its own transaction (for records that go with no other write). */
export async function recordAudit(
  prisma: PrismaClient,
  input: TAuditInput,
): Promise<{ seq: bigint; hash: string }> {
  const written = await prisma.$transaction((tx) => appendAudit(tx, input), AUDIT_TX_OPTIONS);
  await publishChainHead(prisma).catch((e: unknown) =>
    console.error(
      `[audit] publishing the chain head failed: ${e instanceof Error ? e.message : e}`,
    ),
  );
  return written;
}

// A transaction's client still answers `$transaction` at run time, but has no `$connect`.
const isClient = (db: TTx | PrismaClient): db is PrismaClient =>
  typeof (db as { $connect?: unknown }).$connect === 'function';

/**
 * Appends a record inside the caller's transaction; it lands only if that
 * commits. Returns its seq and hash. Given the plain client instead of a
 * transaction, it opens one of its own: outside a transaction the writers'
 * lock would be released at once, and two writers racing would both link
 * to the same predecessor (a fork `audit:verify` reports as a broken link).
 */
export async function appendAudit(
  db: TTx | PrismaClient,
  input: TAuditInput,
): Promise<{ seq: bigint; hash: string }> {
  if (isClient(db)) return recordAudit(db, input);
  await db.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY}::bigint)`;
  const key = auditKey();
  await advanceChainHead(db, true);
  const last = await db.auditRecord.findFirst({ orderBy: { seq: 'desc' }, select: { hash: true } });
  const prevHash = last?.hash ?? GENESIS_HASH;
  // A round trip through JSON gives the form jsonb will hand back (no undefined, no Dates).
  const details = input.details
    ? (JSON.parse(JSON.stringify(redactValues(input.details))) as Record<string, unknown>)
    : null;
  const record: THashedRecord = {
    // Postgres keeps milliseconds: hash exactly what is stored.
    at: new Date(),
    actor: input.actor,
    actorName: input.actorName ?? null,
    action: input.action,
    outcome: input.outcome,
    environment: input.environment ?? null,
    cluster: input.cluster ?? null,
    namespace: input.namespace ?? null,
    release: input.release ?? null,
    revisionBefore: input.revisionBefore ?? null,
    revisionAfter: input.revisionAfter ?? null,
    chart: input.chart ?? null,
    chartVersion: input.chartVersion ?? null,
    valuesDigest: input.valuesDigest ?? null,
    ticketId: input.ticketId ?? null,
    operationId: input.operationId ?? null,
    durationMs: input.durationMs == null ? null : Math.round(input.durationMs),
    exitStatus: input.exitStatus ?? null,
    error: input.error == null ? null : redactText(input.error).slice(0, MAX_ERROR),
    details,
  };
  const hash = recordHash(key, prevHash, record);
  const row = await db.auditRecord.create({
    data: {
      ...record,
      outcome: input.outcome,
      details: (details ?? undefined) as Prisma.InputJsonObject | undefined,
      prevHash,
      hash,
    },
    select: { seq: true },
  });
  schedulePublish();
  return { seq: row.seq, hash };
}
