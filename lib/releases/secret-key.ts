// Whether a key (values key, Secret data key, env var name, annotation)
// names a secret: strong words anywhere in it, weak words only as whole words,
// and compound keys that only point at a secret (`secretName`) excluded.

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
