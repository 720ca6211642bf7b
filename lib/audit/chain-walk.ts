// Walks the audit chain oldest first and checks each record: its prevHash is
// the hash before it, and its hash is the keyed hash of its content (or, for
// records from before the chain was keyed, the plain SHA-256 one).
import type { Prisma } from '@/lib/db';
import { legacyRecordHash, recordHash, type THashedRecord } from './hash';

export type TAuditReader = Pick<Prisma.TransactionClient, 'auditRecord' | '$queryRaw'>;

type TRow = THashedRecord & { seq: bigint; prevHash: string; hash: string };

export type TWalkStart = {
  /** Check records after this seq (0: from the start). */
  afterSeq: bigint;
  /** The hash the first checked record must link to. */
  prevHash: string;
  /** Check records up to this seq; default all. */
  throughSeq?: bigint;
  key: Buffer;
  /** Up to this seq the plain SHA-256 of a record is accepted. */
  legacyThrough: bigint;
  /** Called for every record that checks out. */
  onRecord?: (row: TRow) => void;
};

export type TWalkResult =
  | { ok: true; count: number; last: { seq: bigint; hash: string } | null }
  | { ok: false; seq: bigint; reason: string; count: number };

const BATCH = 2000;

/** Why the record does not fit after `prev`, or null when it does. */
export function recordProblem(
  row: TRow,
  prev: string,
  w: TWalkStart,
  first: boolean,
): string | null {
  if (row.prevHash !== prev) {
    return first && w.afterSeq === 0n
      ? 'the first record does not start the chain (records before it were removed)'
      : 'its link to the previous record is broken (a record before it was removed, inserted or changed)';
  }
  if (recordHash(w.key, row.prevHash, row) === row.hash) return null;
  if (row.seq <= w.legacyThrough && legacyRecordHash(row.prevHash, row) === row.hash) return null;
  return row.seq <= w.legacyThrough
    ? 'its content does not match its hash (the record was changed)'
    : 'its content does not match its keyed hash (the record was changed, or re-hashed without the key)';
}

export async function walkChain(db: TAuditReader, w: TWalkStart): Promise<TWalkResult> {
  let prev = w.prevHash;
  let after = w.afterSeq;
  let count = 0;
  let last: { seq: bigint; hash: string } | null = null;
  for (;;) {
    const rows = (await db.auditRecord.findMany({
      where: { seq: w.throughSeq === undefined ? { gt: after } : { gt: after, lte: w.throughSeq } },
      orderBy: { seq: 'asc' },
      take: BATCH,
    })) as TRow[];
    for (const row of rows) {
      const problem = recordProblem(row, prev, w, count === 0);
      if (problem) return { ok: false, seq: row.seq, reason: problem, count };
      w.onRecord?.(row);
      prev = row.hash;
      last = { seq: row.seq, hash: row.hash };
      count++;
    }
    if (rows.length < BATCH) return { ok: true, count, last };
    after = rows.at(-1)!.seq;
  }
}

export async function currentDatabase(db: TAuditReader): Promise<string> {
  const [row] = await db.$queryRaw<{ name: string }[]>`SELECT current_database() AS name`;
  return row!.name;
}
