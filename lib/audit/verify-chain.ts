// Re-computes every record's keyed hash and link, oldest first, and names
// the first record that does not fit: edited or re-hashed (hash differs),
// removed or reordered (prevHash differs from the hash before it). Then
// checks the chain head kept outside the database: the record it names must
// still be there with its hash, or the tail of the chain was deleted.
import { getPrisma, type PrismaClient } from '@/lib/db';
import { auditKey } from './audit-key';
import { chainHeadFile, readChainHead } from './chain-head';
import { currentDatabase, walkChain } from './chain-walk';
import { GENESIS_HASH } from './hash';

export type TAuditChainResult =
  | { ok: true; count: number; headSeq: number }
  | { ok: false; firstBrokenSeq: number; reason: string; count: number };

export async function verifyAuditChain(db?: PrismaClient): Promise<TAuditChainResult> {
  const prisma = db ?? (await getPrisma());
  const database = await currentDatabase(prisma);
  const head = readChainHead(database);
  const seen = new Map<bigint, string>();
  let lastBeforeHead = 0n;
  let firstAfterHead: bigint | undefined;
  const walk = await walkChain(prisma, {
    afterSeq: 0n,
    prevHash: GENESIS_HASH,
    key: auditKey(),
    legacyThrough: head?.legacyThrough ?? 0n,
    onRecord: (row) => {
      if (!head) return;
      if (row.seq === head.seq) seen.set(row.seq, row.hash);
      if (row.seq <= head.seq) lastBeforeHead = row.seq;
      else firstAfterHead ??= row.seq;
    },
  });
  if (!walk.ok) {
    return { ok: false, firstBrokenSeq: Number(walk.seq), reason: walk.reason, count: walk.count };
  }
  const count = walk.count;
  if (!head) {
    if (count === 0) return { ok: true, count, headSeq: 0 };
    return {
      ok: false,
      firstBrokenSeq: Number(walk.last!.seq),
      reason: `there is no chain head outside the database (${chainHeadFile(database)}), so a deleted tail cannot be ruled out; Helmdeck writes it with the first record it appends`,
      count,
    };
  }
  if (head.seq > 0n && seen.get(head.seq) !== head.hash) {
    const missing = !seen.has(head.seq);
    return {
      ok: false,
      firstBrokenSeq: Number(firstAfterHead ?? head.seq),
      reason: missing
        ? `the chain head kept outside the database is record #${head.seq}, which is gone: the records after #${lastBeforeHead} were deleted`
        : `record #${head.seq} does not match the chain head kept outside the database (the record was replaced)`,
      count,
    };
  }
  return { ok: true, count, headSeq: Number(head.seq) };
}
