// API tokens against a real Postgres: only a hash is stored, a token
// authenticates its own user until revoked or expired, and last use is kept.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createTestDatabase, stopTestServer, type TTestDatabase } from '@/lib/db/test-database';
import { createApiToken, listApiTokens, revokeApiToken, verifyApiToken } from './api-tokens';
import { authenticateRequest } from './authenticate';
import { ensureDemoTokens } from './demo-tokens';
import { hashApiToken } from './token';

const TIMEOUT = { timeout: 120_000 };
let db: TTestDatabase;
const dir = mkdtempSync(path.join(os.tmpdir(), 'helmdeck-tokens-'));

async function user(email: string, role?: 'viewer' | 'admin'): Promise<string> {
  const id = `u-${email}`;
  await db.prisma.user.create({ data: { id, name: email.split('@')[0]!, email } });
  if (role) await db.prisma.roleGrant.create({ data: { userId: id, role } });
  return id;
}

const bearer = (token: string) => new Headers({ authorization: `Bearer ${token}` });

before(async () => {
  db = await createTestDatabase({ asDefault: true });
});
after(async () => {
  await db?.drop();
  await stopTestServer();
  rmSync(dir, { recursive: true, force: true });
});

describe('API tokens', TIMEOUT, () => {
  test('a new token is stored only as its SHA-256 with a display prefix', async () => {
    const uid = await user('store@example.test');
    const { token, summary } = await createApiToken({ userId: uid, name: 'ci' });
    assert.match(token, /^hdk_[A-Za-z0-9_-]{43}$/);
    const row = await db.prisma.apiToken.findUniqueOrThrow({ where: { id: summary.id } });
    assert.equal(row.tokenHash, hashApiToken(token));
    assert.equal(row.tokenHash.length, 64);
    assert.ok(token.startsWith(row.prefix) && row.prefix.length < token.length / 3);
    const stored = JSON.stringify(row);
    assert.ok(
      !stored.includes(token.slice(row.prefix.length)),
      'no part of the secret beyond the prefix is stored',
    );
    const second = await createApiToken({ userId: uid, name: 'ci' });
    assert.notEqual(second.token, token);
  });

  test('a token authenticates its own user with their roles and records its last use', async () => {
    const uid = await user('viewer@example.test', 'viewer');
    const { token, summary } = await createApiToken({ userId: uid, name: 'script' });
    assert.equal(summary.lastUsedAt, null);
    const result = await authenticateRequest(bearer(token));
    assert.ok(result.ok);
    assert.equal(result.principal.id, uid);
    assert.equal(result.principal.via, 'token');
    assert.deepEqual(
      result.principal.grants.map((g) => g.role),
      ['viewer'],
    );
    const [listed] = await listApiTokens(uid);
    assert.ok(listed?.lastUsedAt instanceof Date);
  });

  test('records made with a token name its owner and the token; its own records name the owner', async () => {
    const uid = await user('named@example.test', 'viewer');
    const { token, summary } = await createApiToken({ userId: uid, name: 'nightly-report' });
    const result = await authenticateRequest(bearer(token));
    assert.ok(result.ok);
    assert.equal(result.principal.name, 'named (token "nightly-report")');
    assert.ok(await revokeApiToken(uid, summary.id));
    const audit = await db.prisma.auditRecord.findMany({
      where: { actor: uid },
      orderBy: { seq: 'asc' },
      select: { action: true, actorName: true },
    });
    assert.deepEqual(audit, [
      { action: 'api_token.create', actorName: 'named' },
      { action: 'api_token.revoke', actorName: 'named' },
    ]);
  });

  test('a revoked token no longer authenticates, and only its owner can revoke it', async () => {
    const owner = await user('owner@example.test');
    const other = await user('other@example.test');
    const { token, summary } = await createApiToken({ userId: owner, name: 'to revoke' });
    assert.equal(await revokeApiToken(other, summary.id), false);
    assert.ok(await verifyApiToken(token));
    assert.equal(await revokeApiToken(owner, summary.id), true);
    assert.equal(await revokeApiToken(owner, summary.id), false, 'already revoked');
    assert.equal(await verifyApiToken(token), null);
    const result = await authenticateRequest(bearer(token));
    assert.equal(result.ok, false);
    const [listed] = await listApiTokens(owner);
    assert.ok(listed?.revokedAt instanceof Date);
  });

  test('unknown, malformed, expired and missing credentials are refused', async () => {
    const uid = await user('expired@example.test');
    const { token } = await createApiToken({
      userId: uid,
      name: 'old',
      expiresAt: new Date(Date.now() - 1000),
    });
    assert.equal(await verifyApiToken(token), null);
    assert.equal(await verifyApiToken(`hdk_${'A'.repeat(43)}`), null);
    assert.equal(await verifyApiToken('not a token'), null);
    const malformed = await authenticateRequest(new Headers({ authorization: 'Basic abc' }));
    assert.ok(!malformed.ok && /Bearer/.test(malformed.reason));
    const none = await authenticateRequest(new Headers());
    assert.ok(!none.ok && /API token/.test(none.reason));
  });

  test('demo tokens are created once, kept 0600, and reused while active', async () => {
    await user('demo-a@example.test');
    await user('demo-b@example.test');
    const users = [{ email: 'demo-a@example.test' }, { email: 'demo-b@example.test' }];
    const first = await ensureDemoTokens(users, { dataDir: dir });
    const file = path.join(dir, 'demo', 'tokens.json');
    assert.equal(statSync(file).mode & 0o777, 0o600);
    for (const { token } of first) assert.ok(await verifyApiToken(token));
    const again = await ensureDemoTokens(users, { dataDir: dir });
    assert.deepEqual(again, first);
    // A revoked demo token is replaced by a fresh one on the next run.
    const rows = await listApiTokens('u-demo-a@example.test');
    await revokeApiToken('u-demo-a@example.test', rows[0]!.id);
    const third = await ensureDemoTokens(users, { dataDir: dir });
    assert.notEqual(third[0]!.token, first[0]!.token);
    assert.equal(third[1]!.token, first[1]!.token);
    assert.equal(JSON.parse(readFileSync(file, 'utf8'))['demo-a@example.test'], third[0]!.token);
  });
});
