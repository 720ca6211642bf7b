// The key of the audit chain's HMAC. It never goes into the database, so
// someone who can rewrite the audit table cannot re-hash what they rewrote:
// HELMDECK_AUDIT_KEY, else a 0600 file in the audit folder, generated on
// first use (the same folder keeps the chain head, see chain-head.ts).
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { env } from '@/lib/env';

type TAuditKeyState = { dir?: string; key?: { dir: string; value: Buffer } };
const state: TAuditKeyState = ((
  globalThis as { __helmdeckAuditKey?: TAuditKeyState }
).__helmdeckAuditKey ??= {});

/** Points the audit key and chain head at another folder (tests: one per test server). */
export function setAuditDir(dir: string | undefined): void {
  state.dir = dir;
  state.key = undefined;
}

/** Where the key file and chain heads live: HELMDECK_AUDIT_DIR, else HELMDECK_DATA_DIR. */
export function auditDir(): string {
  return path.resolve(state.dir ?? env().HELMDECK_AUDIT_DIR ?? env().HELMDECK_DATA_DIR);
}

export const AUDIT_KEY_FILE = 'audit.key';

function readOrCreateKeyFile(dir: string): Buffer {
  const file = path.join(dir, AUDIT_KEY_FILE);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  try {
    // 'wx': of two processes starting at once, one creates it and both read it.
    writeFileSync(file, randomBytes(32).toString('base64url') + '\n', { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  const text = readFileSync(file, 'utf8').trim();
  if (text.length < 32) throw new Error(`the audit key file ${AUDIT_KEY_FILE} is truncated`);
  return Buffer.from(text, 'utf8');
}

/** The HMAC key of the audit chain. */
export function auditKey(): Buffer {
  const fromEnv = env().HELMDECK_AUDIT_KEY;
  if (fromEnv) return Buffer.from(fromEnv, 'utf8');
  const dir = auditDir();
  if (state.key?.dir !== dir) state.key = { dir, value: readOrCreateKeyFile(dir) };
  return state.key.value;
}
