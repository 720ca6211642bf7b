// One canonical JSON: the same data gives the same text, whatever the key
// order. The audit chain hashes it, and a values digest is its SHA-256, so
// a ticket, an operation and an audit record agree on what they name.
import { createHash } from 'node:crypto';

/** JSON with object keys sorted recursively; undefined becomes null, a Date its ISO string. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** SHA-256 (hex) of the canonical JSON of `value`. */
export function canonicalDigest(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

/** SHA-256 of the canonical values: recorded instead of the values themselves. */
export function valuesDigest(values: Record<string, unknown>): string {
  return canonicalDigest(values);
}
