// Hides secret-looking values before anything reaches a page, an API answer
// or a diff. A redacted value becomes a marker derived from a keyed hash with
// a per-process random salt: equal values give equal markers, so a diff can
// still say "changed" or "unchanged", yet the marker cannot be looked up or
// brute-forced outside this process.
import { createHmac, randomBytes } from 'node:crypto';

const SALT = randomBytes(32);
const MARKER = /^\[redacted:[0-9a-f]{12}\]$/;

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

// Found inside any word: these hardly ever mean anything but a secret.
const STRONG = [
  'password',
  'passwd',
  'passphrase',
  'pwd',
  'secret',
  'token',
  'credential',
  'apikey',
  'accesskey',
  'privatekey',
  'signingkey',
  'encryptionkey',
  'connectionstring',
];
// Matched as whole words only, so `monkey` or `passenger` stay visible.
const WEAK = new Set([
  'key',
  'keys',
  'auth',
  'oauth',
  'authn',
  'authz',
  'authorization',
  'authentication',
  'cert',
  'certs',
  'certificate',
  'certificates',
  'crt',
  'pem',
  'private',
  'pass',
  'jwt',
  'salt',
  'hmac',
  'dsn',
  'kubeconfig',
]);
// A last word that makes the key name or point at a secret rather than hold
// one (`secretName`, `tokenRef`, `keyPath`); only applies to compound keys.
const REFERENCE_SUFFIX = new Set([
  'name',
  'names',
  'ref',
  'refs',
  'enabled',
  'disabled',
  'path',
  'file',
  'type',
]);

function words(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** True when a key (values key, Secret data key, env var name) looks like it holds a secret. */
export function isSecretKey(key: string): boolean {
  const w = words(key);
  if (w.length === 0) return false;
  if (w.length > 1 && REFERENCE_SUFFIX.has(w[w.length - 1] ?? '')) return false;
  const joined = w.join('');
  if (STRONG.some((s) => joined.includes(s))) return true;
  return w.some((x) => WEAK.has(x));
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function redactAll(v: unknown): unknown {
  if (v === null || v === undefined) return v;
  if (Array.isArray(v)) return v.map(redactAll);
  if (isRecord(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, redactAll(x)]));
  return redactionMarker(v);
}

function redactTree(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(redactTree);
  if (!isRecord(v)) return v;
  // `{name: DB_PASSWORD, value: ...}`: env entries in values and in pod specs.
  const secretPair = typeof v.name === 'string' && 'value' in v && isSecretKey(v.name);
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    if ((secretPair && k === 'value') || isSecretKey(k)) out[k] = redactAll(x);
    else out[k] = redactTree(x);
  }
  return out;
}

/**
 * Copy of a values tree with every scalar under a secret-looking key (the
 * whole subtree: `auth: {…}` hides all its leaves) replaced by a marker.
 */
export function redactValues<T>(tree: T): T {
  return redactTree(tree) as T;
}

/**
 * Copy of a Kubernetes object safe to show: all of a Secret's data and
 * stringData, secret-looking ConfigMap keys and secret-looking env values.
 * Kubernetes field names like `secretName` are references, so other fields stay.
 */
export function redactManifestObject<T extends Record<string, unknown>>(obj: T): T {
  const kind = obj.kind;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(obj)) {
    if (kind === 'Secret' && (k === 'data' || k === 'stringData')) out[k] = redactAll(x);
    else if (kind === 'ConfigMap' && (k === 'data' || k === 'binaryData') && isRecord(x)) {
      out[k] = Object.fromEntries(
        Object.entries(x).map(([dk, dv]) => [dk, isSecretKey(dk) ? redactAll(dv) : dv]),
      );
    } else if (k === 'metadata') out[k] = x;
    else out[k] = redactEnvPairs(x);
  }
  return out as T;
}

function redactEnvPairs(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(redactEnvPairs);
  if (!isRecord(v)) return v;
  const secretPair =
    typeof v.name === 'string' && typeof v.value !== 'undefined' && isSecretKey(v.name);
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v))
    out[k] = secretPair && k === 'value' ? redactAll(x) : redactEnvPairs(x);
  return out;
}
