// Moves the chain head kept outside the database forward to the newest
// committed record, under the audit writers' lock (so the newest record is
// stable and two publishers never race). It moves only over records that
// verify from the current head; a gone head record or a bad record leaves
// it where it is and says so, and `npm run audit:verify` names the record.
import { currentPrisma, type Prisma, type PrismaClient } from '@/lib/db';
import { auditKey } from './audit-key';
import { readChainHead, writeChainHead, type TChainHead } from './chain-head';
import { currentDatabase, walkChain } from './chain-walk';
import { GENESIS_HASH, legacyRecordHash } from './hash';

/** An arbitrary constant: the lock id every audit writer takes. */
export const AUDIT_LOCK_KEY = 4_807_112_301;

type TTx = Prisma.TransactionClient;

const warned = new Set<string>();
function warnOnce(message: string): void {
  if (warned.has(message)) return;
  warned.add(message);
  console.error(`[audit] ${message}; run \`npm run audit:verify\``);
}

/** The newest record, leaving out the caller's own transaction's (not committed yet). */
async function newestCommitted(
  tx: TTx,
  ownTx: boolean,
): Promise<{ seq: bigint; hash: string } | null> {
  const rows = ownTx
    ? await tx.$queryRaw<{ seq: bigint; hash: string }[]>`
        SELECT seq, hash FROM audit_record
        WHERE xmin::text::bigint <> txid_current() % 4294967296
        ORDER BY seq DESC LIMIT 1`
    : await tx.$queryRaw<{ seq: bigint; hash: string }[]>`
        SELECT seq, hash FROM audit_record ORDER BY seq DESC LIMIT 1`;
  return rows[0] ?? null;
}

/** First head of a database: records already there that carry the unkeyed hash are legacy. */
async function firstHead(tx: TTx, database: string, newest: { seq: bigint; hash: string } | null) {
  let legacyThrough = 0n;
  if (newest) {
    await walkChain(tx, {
      afterSeq: 0n,
      prevHash: GENESIS_HASH,
      throughSeq: newest.seq,
      key: auditKey(),
      // Accept everything while looking; only the unkeyed hashes count.
      legacyThrough: newest.seq,
      onRecord: (row) => {
        if (legacyRecordHash(row.prevHash, row) === row.hash) legacyThrough = row.seq;
      },
    });
  }
  const head: TChainHead = {
    database,
    seq: newest?.seq ?? 0n,
    hash: newest?.hash ?? GENESIS_HASH,
    legacyThrough,
  };
  writeChainHead(head);
}

/**
 * Advances the head inside a transaction that holds the audit lock. With
 * `ownTx`, records this transaction wrote are left for a later publish.
 */
export async function advanceChainHead(tx: TTx, ownTx: boolean): Promise<void> {
  const database = await currentDatabase(tx);
  const head = readChainHead(database);
  const newest = await newestCommitted(tx, ownTx);
  if (!head) return firstHead(tx, database, newest);
  const newestSeq = newest?.seq ?? 0n;
  if (newestSeq < head.seq) {
    warnOnce(
      `the newest audit record is #${newestSeq}, but the chain head outside the database is #${head.seq}: records were deleted`,
    );
    return;
  }
  if (!newest || newest.seq === head.seq) return;
  if (head.seq > 0n) {
    const at = await tx.auditRecord.findUnique({
      where: { seq: head.seq },
      select: { hash: true },
    });
    if (at?.hash !== head.hash) {
      warnOnce(
        `audit record #${head.seq}, the chain head outside the database, is gone or replaced`,
      );
      return;
    }
  }
  const walk = await walkChain(tx, {
    afterSeq: head.seq,
    prevHash: head.hash,
    throughSeq: newest.seq,
    key: auditKey(),
    legacyThrough: head.legacyThrough,
  });
  if (!walk.ok) {
    warnOnce(`audit record #${walk.seq} does not verify (${walk.reason})`);
    return;
  }
  writeChainHead({ ...head, seq: newest.seq, hash: newest.hash });
}

/** Advances the head to the newest committed record, in a transaction of its own. */
export async function publishChainHead(prisma: PrismaClient): Promise<void> {
  await prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY}::bigint)`;
      await advanceChainHead(tx, false);
    },
    { maxWait: 30_000, timeout: 60_000 },
  );
}

let scheduled: NodeJS.Timeout | undefined;

/**
 * After a record appended inside a caller's transaction: publish once that
 * has committed (a moment later, and again later for slow transactions), on
 * this process's client. Failures are logged, never thrown at the writer.
 */
export function schedulePublish(): void {
  if (scheduled) return;
  const run = (retries: number) => {
    scheduled = setTimeout(
      () => {
        scheduled = undefined;
        const prisma = currentPrisma();
        if (!prisma) return;
        void prisma
          .then((p) => publishChainHead(p))
          .catch((e: unknown) =>
            console.error(
              `[audit] publishing the chain head failed: ${e instanceof Error ? e.message : e}`,
            ),
          )
          .finally(() => {
            if (retries > 0 && !scheduled) run(retries - 1);
          });
      },
      retries === 1 ? 200 : 5_000,
    );
    scheduled.unref();
  };
  run(1);
}
