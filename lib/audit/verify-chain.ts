// Re-computes every record's hash and link, oldest first, and names the
// first record that does not fit: edited (hash differs), removed or
// reordered (prevHash differs from the hash before it).
import { getPrisma, type PrismaClient } from '@/lib/db';
import { GENESIS_HASH, recordHash } from './hash';

export type TAuditChainResult =
  | { ok: true; count: number }
  | { ok: false; firstBrokenSeq: number; reason: string; count: number };

const BATCH = 2000;

export async function verifyAuditChain(db?: PrismaClient): Promise<TAuditChainResult> {
  const prisma = db ?? (await getPrisma());
  let prev = GENESIS_HASH;
  let count = 0;
  let after = -1n;
  for (;;) {
    const rows = await prisma.auditRecord.findMany({
      where: { seq: { gt: after } },
      orderBy: { seq: 'asc' },
      take: BATCH,
    });
    for (const row of rows) {
      const seq = Number(row.seq);
      if (row.prevHash !== prev) {
        const reason =
          count === 0 && prev === GENESIS_HASH
            ? 'the first record does not start the chain (records before it were removed)'
            : 'its link to the previous record is broken (a record before it was removed, inserted or changed)';
        return { ok: false, firstBrokenSeq: seq, reason, count };
      }
      if (recordHash(row.prevHash, row) !== row.hash) {
        return {
          ok: false,
          firstBrokenSeq: seq,
          reason: 'its content does not match its hash (the record was changed)',
          count,
        };
      }
      prev = row.hash;
      count++;
    }
    if (rows.length < BATCH) return { ok: true, count };
    after = rows.at(-1)!.seq;
  }
}
