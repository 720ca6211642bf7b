// API token material: 256 random bits, shown to the user once; the database
// keeps only a SHA-256 of it (a slow hash buys nothing against a secret this
// long) and a short prefix to tell tokens apart in lists.
import { createHash, randomBytes } from 'node:crypto';

export const TOKEN_PREFIX = 'hdk_';
const PREFIX_SHOWN = TOKEN_PREFIX.length + 6;

/** A new token: `hdk_` plus 43 base64url characters (32 random bytes). */
export function generateApiToken(): string {
  return `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/** Hex SHA-256 of a token, the only form stored. */
export function hashApiToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The part of a token shown in lists ("hdk_AbC123…"). */
export function displayPrefix(token: string): string {
  return token.slice(0, PREFIX_SHOWN);
}

/** Whether a string has the shape of one of our tokens, before any database lookup. */
export function looksLikeApiToken(value: string): boolean {
  return /^hdk_[A-Za-z0-9_-]{43}$/.test(value);
}
