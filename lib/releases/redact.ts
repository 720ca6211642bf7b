// Hides secret-looking values before anything reaches a page, an API answer,
// a diff, a log line or the audit log. A redacted value becomes a marker
// derived from a keyed hash with a per-process random salt: equal values give
// equal markers, so a diff can still say "changed" or "unchanged", yet the
// marker cannot be looked up or brute-forced outside this process.
//
// Three rules, applied everywhere a value can appear:
// - by key: everything under a secret-looking key (`password`, `apiKey`,
//   env entries named `DB_PASSWORD`, annotations, any map), and all of a
//   Secret's data;
// - by shape: credentials inside any string (credentials.ts);
// - by origin: the secret values of a release's own values wherever the chart
//   templated them, whatever the field is called (`secretsOf`).
import { createHmac, randomBytes } from 'node:crypto';
import { maskCredentials } from './credentials';
import { isSecretKey } from './secret-key';

export { isSecretKey } from './secret-key';

const SALT = randomBytes(32);
const MARKER = /^\[redacted:[0-9a-f]{12}\]$/;
const MARKER_INSIDE = /\[redacted:[0-9a-f]{12}\]/;

/** Exact secret strings to mask wherever they appear (see secretsOf). */
export type TKnownSecrets = readonly string[];

/** A stable stand-in for a secret value; equal inputs give equal markers within this process. */
export function redactionMarker(value: unknown): string {
  // JSON keeps 1 and "1" apart; the salt keeps markers unguessable.
  const digest = createHmac('sha256', SALT)
    .update(JSON.stringify(value) ?? 'undefined')
    .digest('hex');
  return `[redacted:${digest.slice(0, 12)}]`;
}

export function isRedactionMarker(value: unknown): value is string {
  return typeof value === 'string' && MARKER.test(value);
}

/** True when a string is or contains a marker. */
export function containsRedaction(value: string): boolean {
  return MARKER_INSIDE.test(value);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

// Shorter values are too likely to occur by chance ("true", "admin", a port).
const MIN_KNOWN_SECRET = 6;

/**
 * The secret strings of values trees, longest first: scalars held directly
 * under a secret-looking key, and credential-shaped parts of any string.
 * Masking these in a manifest catches a secret whatever field the chart put it in.
 */
export function secretsOf(...trees: unknown[]): string[] {
  const found = new Set<string>();
  const add = (s: string) => {
    if (s.length >= MIN_KNOWN_SECRET && !MARKER.test(s)) found.add(s);
  };
  const visit = (v: unknown, secretKey: boolean): void => {
    if (Array.isArray(v)) for (const x of v) visit(x, secretKey);
    else if (isRecord(v)) {
      const pair = typeof v.name === 'string' && isSecretKey(v.name);
      for (const [k, x] of Object.entries(v)) visit(x, isSecretKey(k) || (pair && k === 'value'));
    } else if (typeof v === 'string') {
      if (secretKey) add(v);
      maskCredentials(v, (part) => {
        add(part);
        return part;
      });
    } else if (secretKey && typeof v === 'number') add(String(v));
  };
  for (const t of trees) visit(t, false);
  return [...found].sort((a, b) => b.length - a.length);
}

/** `text` with known secrets and credential-shaped parts replaced by markers. */
export function redactText(text: string, known: TKnownSecrets = []): string {
  let out = text;
  for (const s of known) if (out.includes(s)) out = out.split(s).join(redactionMarker(s));
  return maskCredentials(out, redactionMarker);
}

function redactAll(v: unknown): unknown {
  if (v === null || v === undefined) return v;
  if (Array.isArray(v)) return v.map(redactAll);
  if (isRecord(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, redactAll(x)]));
  return redactionMarker(v);
}

type TRules = {
  known: TKnownSecrets;
  /** Keys that look secret but are schema fields (Kubernetes' `secretName`, `topologyKey`...). */
  schemaField?: (key: string) => boolean;
};

function redactString(s: string, rules: TRules): string {
  // JSON inside a string (e.g. kubectl's last-applied-configuration annotation) is a tree of its own.
  if (/^\s*[{[]/.test(s)) {
    try {
      const parsed: unknown = JSON.parse(s);
      if (typeof parsed === 'object' && parsed !== null) {
        const red = JSON.stringify(redactTree(parsed, rules));
        if (red !== JSON.stringify(parsed)) return red;
      }
    } catch {
      // not JSON: treated as text
    }
  }
  return redactText(s, rules.known);
}

function redactTree(v: unknown, rules: TRules): unknown {
  if (typeof v === 'string') return redactString(v, rules);
  if (Array.isArray(v)) return v.map((x) => redactTree(x, rules));
  if (!isRecord(v)) return v;
  // `{name: DB_PASSWORD, value: ...}`: env entries in values and in pod specs.
  const secretPair = typeof v.name === 'string' && 'value' in v && isSecretKey(v.name);
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    const byKey = isSecretKey(k) && !rules.schemaField?.(k);
    if ((secretPair && k === 'value') || byKey) out[k] = redactAll(x);
    else out[k] = redactTree(x, rules);
  }
  return out;
}

/**
 * Copy of a values tree with every scalar under a secret-looking key (the
 * whole subtree: `auth: {…}` hides all its leaves) replaced by a marker, and
 * credentials and `known` secrets masked inside every other string.
 */
export function redactValues<T>(tree: T, known: TKnownSecrets = []): T {
  return redactTree(tree, { known }) as T;
}

// Kubernetes field names that look secret but name or configure something:
// their subtree is still walked, it is just not hidden for the key alone.
const KUBERNETES_FIELDS = new Set([
  'key',
  'topologyKey',
  'secret',
  'secrets',
  'secretName',
  'secretRef',
  'secretKeyRef',
  'imagePullSecrets',
  'automountServiceAccountToken',
  'serviceAccountToken',
  'tokenRequests',
  'tls',
]);
const kubernetesField = (key: string) => KUBERNETES_FIELDS.has(key);

/**
 * Copy of a Kubernetes object safe to show: all of a Secret's data and
 * stringData; anywhere else (env values, args, annotations, ConfigMap data,
 * custom resources) values under secret-looking keys, credential-shaped
 * strings and the `known` secrets of the release's values.
 */
export function redactManifestObject<T extends Record<string, unknown>>(
  obj: T,
  known: TKnownSecrets = [],
): T {
  const rules: TRules = { known, schemaField: kubernetesField };
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(obj)) {
    if (obj.kind === 'Secret' && (k === 'data' || k === 'stringData')) out[k] = redactAll(x);
    else if (k === 'metadata' && isRecord(x)) {
      // Names stay as they are; annotations and labels are maps like any other.
      out[k] = Object.fromEntries(
        Object.entries(x).map(([mk, mv]) => [
          mk,
          mk === 'annotations' || mk === 'labels' ? redactTree(mv, rules) : mv,
        ]),
      );
    } else out[k] = redactTree(x, rules);
  }
  return out as T;
}
