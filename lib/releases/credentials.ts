// Credentials recognised by their shape, whatever key holds them: URLs with
// a password, `password=`/`token:` pairs inside text, private keys, bearer
// tokens, JWTs and the token formats of well-known services. Only the secret
// part is replaced, so `postgres://app:…@db:5432/shop` still says where it points.
import { isSecretKey } from './secret-key';

type TMask = (secret: string) => string;

// Whole token shapes: the match is the secret.
const TOKEN_SHAPES: RegExp[] = [
  /-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY( BLOCK)?-----[\s\S]*?(?:-----END \1PRIVATE KEY\2-----|$)/g,
  /\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9_-]{12,}/g, // AWS access key ids
  /\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{20,}/g, // GitHub tokens
  /\bgithub_pat_[A-Za-z0-9_]{20,}/g,
  /\bglpat-[A-Za-z0-9_-]{16,}/g, // GitLab
  /\bxox[abposr]-[A-Za-z0-9-]{8,}/g, // Slack
  /\bhooks\.slack\.com\/services\/[A-Za-z0-9/]+/g,
  /\b[sr]k_(?:live|test)_[A-Za-z0-9]{16,}/g, // Stripe
  /\bAIza[0-9A-Za-z_-]{30,}/g, // Google API keys
  /\bnpm_[A-Za-z0-9]{30,}/g,
  /\bhdk_[A-Za-z0-9_-]{43}/g, // Helmdeck's own API tokens
  /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, // JWTs
];

// scheme://user:password@host: only the password goes.
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/:@'"]*):([^\s/@'"]+)@/gi;
// Authorization header values.
const AUTH_SCHEME = /\b(bearer|basic|token)(\s+)([A-Za-z0-9._~+/=-]{8,})/gi;
// key=value, key: value, "key": "value", --key=value, ?key=value&… where the key looks secret.
const PAIR =
  /(?<![\w.])([A-Za-z_][\w.-]*)(["']?)(\s*[:=]\s*)(?!\/\/)(?:"((?:[^"\\\n]|\\.)*)"|'([^'\n]*)'|([^\s"',;&)\]}]+))/g;

const MARKER_TEXT = /^\[redacted:[0-9a-f]{12}/;

/** `text` with every credential-shaped part replaced by `mask(part)`. */
export function maskCredentials(text: string, mask: TMask): string {
  if (text.length < 6) return text;
  let out = text;
  for (const re of TOKEN_SHAPES) out = out.replace(re, (m) => mask(m));
  out = out.replace(URL_PASSWORD, (m, scheme: string, user: string, pass: string) =>
    MARKER_TEXT.test(pass) ? m : `${scheme}${user}:${mask(pass)}@`,
  );
  out = out.replace(AUTH_SCHEME, (m, scheme: string, space: string, token: string) =>
    MARKER_TEXT.test(token) || !/[0-9]/.test(token) ? m : `${scheme}${space}${mask(token)}`,
  );
  out = out.replace(
    PAIR,
    (
      m,
      key: string,
      close: string,
      sep: string,
      dq: string | undefined,
      sq: string | undefined,
      bare: string | undefined,
    ) => {
      const value = dq ?? sq ?? bare ?? '';
      if (value === '' || MARKER_TEXT.test(value) || !isSecretKey(key)) return m;
      const quote = dq !== undefined ? '"' : sq !== undefined ? "'" : '';
      return `${key}${close}${sep}${quote}${mask(value)}${quote}`;
    },
  );
  return out;
}

/** The credential-shaped parts of `text` (what maskCredentials would replace). */
export function credentialsIn(text: string): string[] {
  const found: string[] = [];
  maskCredentials(text, (s) => {
    found.push(s);
    return s;
  });
  return found;
}
