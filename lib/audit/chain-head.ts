// The chain head (the newest record's seq and hash) kept outside the
// database, in a 0600 file per database in the audit folder. Whoever can
// rewrite the audit table cannot move it, so the verifier detects a deleted
// tail: the record the head names must still be there with that hash.
// The head only moves forward, and only over records that verify.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { auditDir } from './audit-key';

export type TChainHead = {
  database: string;
  seq: bigint;
  hash: string;
  /** Records up to this seq were written before the chain was keyed (plain SHA-256 accepted). */
  legacyThrough: bigint;
};

export function chainHeadFile(database: string): string {
  return path.join(auditDir(), `audit-head.${encodeURIComponent(database)}.json`);
}

export function readChainHead(database: string): TChainHead | null {
  let text: string;
  try {
    text = readFileSync(chainHeadFile(database), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  const raw = JSON.parse(text) as Record<string, unknown>;
  if (
    raw.database !== database ||
    typeof raw.seq !== 'string' ||
    typeof raw.hash !== 'string' ||
    typeof raw.legacyThrough !== 'string'
  ) {
    throw new Error(`the audit chain head ${path.basename(chainHeadFile(database))} is malformed`);
  }
  return {
    database,
    seq: BigInt(raw.seq),
    hash: raw.hash,
    legacyThrough: BigInt(raw.legacyThrough),
  };
}

/** Replaces the head atomically (write, then rename), so a reader never sees half a file. */
export function writeChainHead(head: TChainHead): void {
  const file = chainHeadFile(head.database);
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  const body = {
    database: head.database,
    seq: head.seq.toString(),
    hash: head.hash,
    legacyThrough: head.legacyThrough.toString(),
    writtenAt: new Date().toISOString(),
  };
  writeFileSync(tmp, JSON.stringify(body, null, 2) + '\n', { mode: 0o600 });
  renameSync(tmp, file);
}
