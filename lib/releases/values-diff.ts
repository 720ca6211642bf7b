// Values trees: helm's computed values and a path-by-path diff that never
// shows a secret, only that it was added, removed or changed.
import { containsRedaction, redactValues, type TKnownSecrets } from './redact';

export type TValueChange = {
  /** Dotted path, e.g. `image.tag`, `env[0].value`, `annotations["a.b/c"]`. */
  path: string;
  change: 'added' | 'removed' | 'changed';
  /** True when either side is secret: `from`/`to` are then left out. */
  secret: boolean;
  from?: unknown;
  to?: unknown;
};

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Chart defaults overlaid with user values the way helm coalesces them:
 * maps merge deeply, anything else replaces, and a user `null` deletes the key.
 */
export function computeValues(
  chartValues: Record<string, unknown>,
  config: Record<string, unknown>,
) {
  const out: Record<string, unknown> = { ...chartValues };
  for (const [k, v] of Object.entries(config)) {
    if (v === null) delete out[k];
    else {
      const base = out[k];
      out[k] = isRecord(base) && isRecord(v) ? computeValues(base, v) : v;
    }
  }
  return out;
}

const PLAIN_KEY = /^[A-Za-z_$][\w$-]*$/;

function child(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  if (PLAIN_KEY.test(key)) return path ? `${path}.${key}` : key;
  return `${path}[${JSON.stringify(key)}]`;
}

function hasMarker(v: unknown): boolean {
  if (typeof v === 'string') return containsRedaction(v);
  if (Array.isArray(v)) return v.some(hasMarker);
  if (isRecord(v)) return Object.values(v).some(hasMarker);
  return false;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function push(
  out: TValueChange[],
  path: string,
  change: TValueChange['change'],
  from: unknown,
  to: unknown,
) {
  const secret = hasMarker(from) || hasMarker(to);
  const entry: TValueChange = { path, change, secret };
  if (!secret) {
    if (change !== 'added') entry.from = from;
    if (change !== 'removed') entry.to = to;
  }
  out.push(entry);
}

function walk(a: unknown, b: unknown, path: string, out: TValueChange[]): void {
  if (isRecord(a) && isRecord(b)) {
    for (const [k, av] of Object.entries(a)) {
      if (k in b) walk(av, b[k], child(path, k), out);
      else push(out, child(path, k), 'removed', av, undefined);
    }
    for (const [k, bv] of Object.entries(b))
      if (!(k in a)) push(out, child(path, k), 'added', undefined, bv);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const common = Math.min(a.length, b.length);
    for (let i = 0; i < common; i++) walk(a[i], b[i], child(path, i), out);
    for (let i = common; i < a.length; i++) push(out, child(path, i), 'removed', a[i], undefined);
    for (let i = common; i < b.length; i++) push(out, child(path, i), 'added', undefined, b[i]);
    return;
  }
  if (!sameValue(a, b)) push(out, path || '(root)', 'changed', a, b);
}

/** Changes from `left` to `right` at dotted paths; both trees are redacted first. */
export function diffValues(
  left: unknown,
  right: unknown,
  known: TKnownSecrets = [],
): TValueChange[] {
  const out: TValueChange[] = [];
  walk(redactValues(left ?? {}, known), redactValues(right ?? {}, known), '', out);
  return out;
}
