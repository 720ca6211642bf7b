import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, describe, test } from 'node:test';
import { DatabaseError } from './database-error';
import { freePort } from './postgres-process';
import { startDatabase } from './start-database';
import { createTestDatabase, stopTestServer } from './test-database';

after(stopTestServer);

const TIMEOUT = { timeout: 180_000 };

async function startError(url: string): Promise<DatabaseError> {
  try {
    const db = await startDatabase({ url });
    await db.stop();
  } catch (e) {
    assert.ok(e instanceof DatabaseError, `expected a DatabaseError, got ${String(e)}`);
    assert.doesNotMatch(e.stack ?? '', /\n\s+at /, 'no stack trace');
    assert.doesNotMatch(e.message, /s3cret/, 'the password never appears');
    assert.match(e.message, /\nFix: /);
    return e;
  }
  assert.fail('startDatabase accepted a database it cannot use');
}

describe('DATABASE_URL that cannot be used', () => {
  test('nothing listening: names the address and the fix', TIMEOUT, async () => {
    const port = await freePort();
    const e = await startError(`postgresql://app:s3cret@127.0.0.1:${port}/helmdeck`);
    assert.match(e.message, new RegExp(`nothing accepts connections at 127\\.0\\.0\\.1:${port}`));
    assert.match(e.message, /unset it to use the embedded Postgres/);
  });

  test('wrong password and missing database are told apart', TIMEOUT, async () => {
    const db = await createTestDatabase();
    try {
      const good = new URL(db.url);
      const badPassword = new URL(db.url);
      badPassword.password = 's3cret';
      assert.match(
        (await startError(badPassword.toString())).message,
        /password for user "postgres" was refused/,
      );
      const noDatabase = new URL(good);
      noDatabase.pathname = '/no_such_db';
      const e = await startDatabase({ url: noDatabase.toString() }).then(
        () => assert.fail('accepted a missing database'),
        (err: unknown) => err as DatabaseError,
      );
      assert.match(e.message, /the database "no_such_db" does not exist/);
      assert.match(e.message, /CREATE DATABASE "no_such_db"/);
    } finally {
      await db.drop();
    }
  });

  test('npm run db:migrate prints one message and exits 1', TIMEOUT, async () => {
    const port = await freePort();
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/db-migrate.ts'], {
      env: { ...process.env, DATABASE_URL: `postgresql://app:s3cret@127.0.0.1:${port}/helmdeck` },
      encoding: 'utf8',
      timeout: 120_000,
    });
    assert.equal(run.status, 1);
    const lines = run.stderr.trim().split('\n');
    assert.equal(lines.length, 2, run.stderr);
    assert.match(lines[0]!, /^cannot reach the database at postgresql:\/\/app:\*\*\*@127\.0\.0\.1/);
    assert.match(lines[1]!, /^Fix: /);
  });
});
