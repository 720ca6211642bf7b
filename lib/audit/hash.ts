// The audit chain's hash: an HMAC-SHA-256 (keyed, see audit-key.ts) over
// prevHash and a canonical JSON of the record (keys sorted at every level,
// absent fields as null), so the same record always hashes the same way,
// whoever wrote it and however Postgres stored its JSON. Records written
// before the chain was keyed carry the plain SHA-256 of the same text
// (legacyRecordHash); the verifier accepts it only up to the chain head's
// legacyThrough.
import { createHash, createHmac } from 'node:crypto';
import { canonicalJson } from '@/lib/values/canonical-json';

export const GENESIS_HASH = '0'.repeat(64);

/** The fields a hash covers, in stored form. */
export type THashedRecord = {
  at: Date;
  actor: string;
  actorName: string | null;
  action: string;
  outcome: string;
  environment: string | null;
  cluster: string | null;
  namespace: string | null;
  release: string | null;
  revisionBefore: number | null;
  revisionAfter: number | null;
  chart: string | null;
  chartVersion: string | null;
  valuesDigest: string | null;
  ticketId: number | null;
  operationId: number | null;
  durationMs: number | null;
  exitStatus: number | null;
  error: string | null;
  details: unknown;
};

export const HASHED_FIELDS = [
  'at',
  'actor',
  'actorName',
  'action',
  'outcome',
  'environment',
  'cluster',
  'namespace',
  'release',
  'revisionBefore',
  'revisionAfter',
  'chart',
  'chartVersion',
  'valuesDigest',
  'ticketId',
  'operationId',
  'durationMs',
  'exitStatus',
  'error',
  'details',
] as const satisfies readonly (keyof THashedRecord)[];

function hashedText(prevHash: string, record: THashedRecord): string {
  const picked = Object.fromEntries(HASHED_FIELDS.map((f) => [f, record[f] ?? null]));
  return `${prevHash}\n${canonicalJson(picked)}`;
}

/** The record's keyed hash: what Helmdeck writes. */
export function recordHash(key: Buffer, prevHash: string, record: THashedRecord): string {
  return createHmac('sha256', key).update(hashedText(prevHash, record)).digest('hex');
}

/** The unkeyed hash of records written before the chain was keyed (anyone can compute it). */
export function legacyRecordHash(prevHash: string, record: THashedRecord): string {
  return createHash('sha256').update(hashedText(prevHash, record)).digest('hex');
}
