// Values as a release manager types them: YAML text, parsed with limits
// (size, nesting, aliases) and errors that say where the problem is.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { LineCounter, parseDocument } from 'yaml';
import { canonicalJson } from '@/lib/audit/hash';
import { depthOf, MAX_VALUES_BYTES, MAX_VALUES_DEPTH } from '@/lib/helm';

// Helm keeps each revision in one Kubernetes Secret, which holds at most
// 1 MiB: the release JSON (values, chart, rendered manifest), gzipped and
// base64-encoded. Values that alone take more than half of it cannot make a
// release; refusing them here beats a failed apply that leaves the release failed.
const SECRET_LIMIT_BYTES = 1024 * 1024;
export const MAX_STORED_VALUES_BYTES = SECRET_LIMIT_BYTES / 2;

/** The bytes `values` take in helm's release Secret: gzip, then base64. */
function storedSize(values: unknown): number {
  return Math.ceil(gzipSync(JSON.stringify(values)).length / 3) * 4;
}

export type TValuesResult =
  { ok: true; values: Record<string, unknown> } | { ok: false; problem: string };

/** Parses values YAML; an empty text means no values. */
export function parseValuesYaml(text: string): TValuesResult {
  if (Buffer.byteLength(text) > MAX_VALUES_BYTES) {
    return { ok: false, problem: `values: larger than ${MAX_VALUES_BYTES / 1024 / 1024} MB` };
  }
  if (text.trim() === '') return { ok: true, values: {} };
  const lines = new LineCounter();
  // maxAliasCount stops "billion laughs" documents from expanding in memory.
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: true });
  const error = doc.errors[0];
  if (error) {
    const pos = error.linePos?.[0];
    const first = (error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
    return {
      ok: false,
      problem: `values: YAML ${pos ? `line ${pos.line}, column ${pos.col}` : ''}: ${first}`.replace(
        ' :',
        ':',
      ),
    };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    return {
      ok: false,
      problem: `values: ${e instanceof Error ? e.message.split('\n')[0] : 'cannot be read'}`,
    };
  }
  if (data === null || data === undefined) return { ok: true, values: {} };
  if (typeof data !== 'object' || Array.isArray(data)) {
    return {
      ok: false,
      problem: 'values: must be a mapping of keys to values (got a list or a single value)',
    };
  }
  if (depthOf(data, MAX_VALUES_DEPTH) > MAX_VALUES_DEPTH) {
    return { ok: false, problem: `values: nested deeper than ${MAX_VALUES_DEPTH} levels` };
  }
  const stored = storedSize(data);
  if (stored > MAX_STORED_VALUES_BYTES) {
    return {
      ok: false,
      problem: `values: too large for a Helm release: compressed they take ${Math.ceil(stored / 1024)} KiB; helm keeps a release in one Kubernetes Secret of at most 1 MiB, so values may take at most ${MAX_STORED_VALUES_BYTES / 1024} KiB of it`,
    };
  }
  return { ok: true, values: data as Record<string, unknown> };
}

/** SHA-256 of the canonical values: recorded instead of the values themselves. */
export function valuesDigest(values: Record<string, unknown>): string {
  return createHash('sha256').update(canonicalJson(values)).digest('hex');
}
