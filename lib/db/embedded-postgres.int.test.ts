import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import pg from 'pg';
import { isAlive, readPostmasterPid, waitForExit } from './postgres-process';
import { startDatabase } from './start-database';
import { tempDir } from './testing/temp-dir';
import { killHard, spawnHolder } from './testing/spawn-holder';

const TIMEOUT = { timeout: 180_000 };
const MIGRATIONS = readdirSync(path.resolve('prisma/migrations'), { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

async function query<T extends pg.QueryResultRow>(
  url: string,
  sql: string,
  values: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

async function addUser(url: string, id: string): Promise<void> {
  await query(url, `INSERT INTO "user" (id, name, email) VALUES ($1, $1, $1 || '@example.test')`, [
    id,
  ]);
}

async function userIds(url: string): Promise<string[]> {
  return (await query<{ id: string }>(url, 'SELECT id FROM "user" ORDER BY id')).map((r) => r.id);
}

describe('embedded Postgres', () => {
  test(
    'keeps its data across a stop and a restart, and migrates only the first time',
    TIMEOUT,
    async () => {
      const tmp = await tempDir();
      const dataDir = path.join(tmp.dir, 'pg');
      try {
        const first = await startDatabase({ url: null, dataDir });
        assert.equal(first.embedded, true);
        assert.deepEqual(first.appliedMigrations, MIGRATIONS);
        await addUser(first.url, 'ada');
        await first.stop();

        const second = await startDatabase({ url: null, dataDir });
        try {
          assert.deepEqual(second.appliedMigrations, []);
          assert.deepEqual(await userIds(second.url), ['ada']);
        } finally {
          await second.stop();
        }
      } finally {
        await tmp.remove();
      }
    },
  );

  test(
    'a second process uses the running server instead of starting another',
    TIMEOUT,
    async () => {
      const tmp = await tempDir();
      const dataDir = path.join(tmp.dir, 'pg');
      const owner = await startDatabase({ url: null, dataDir });
      try {
        await addUser(owner.url, 'grace');
        const holder = await spawnHolder(dataDir);
        try {
          assert.equal(new URL(holder.url).port, new URL(owner.url).port);
          assert.deepEqual(await userIds(holder.url), ['grace']);
        } finally {
          await killHard(holder.child);
        }
        // The attached process going away leaves the owner's server running.
        assert.deepEqual(await userIds(owner.url), ['grace']);
      } finally {
        await owner.stop();
        await tmp.remove();
      }
    },
  );

  test(
    'starts again after its owner was killed, whether the server outlived it or not',
    TIMEOUT,
    async () => {
      const tmp = await tempDir();
      const dataDir = path.join(tmp.dir, 'pg');
      try {
        // Owner killed, server left running without it.
        const orphaning = await spawnHolder(dataDir);
        await addUser(orphaning.url, 'linus');
        await killHard(orphaning.child);
        assert.ok(
          orphaning.postmasterPid && isAlive(orphaning.postmasterPid),
          'server outlives its owner',
        );
        const afterOrphan = await startDatabase({ url: null, dataDir });
        assert.deepEqual(await userIds(afterOrphan.url), ['linus']);
        await afterOrphan.stop();

        // Owner and server both killed: postmaster.pid is left behind, and its
        // pid now belongs to another live process.
        const crashing = await spawnHolder(dataDir);
        await killHard(crashing.child);
        assert.ok(crashing.postmasterPid);
        process.kill(crashing.postmasterPid, 'SIGKILL');
        await waitForExit(crashing.postmasterPid, 30_000);
        const impostor = spawn('sleep', ['120'], { stdio: 'ignore' });
        try {
          const pidFile = path.join(dataDir, 'postmaster.pid');
          const lines = readFileSync(pidFile, 'utf8').split('\n');
          lines[0] = String(impostor.pid);
          writeFileSync(pidFile, lines.join('\n'));

          const afterCrash = await startDatabase({ url: null, dataDir });
          try {
            assert.deepEqual(await userIds(afterCrash.url), ['linus']);
            assert.notEqual(readPostmasterPid(dataDir)?.pid, impostor.pid);
          } finally {
            await afterCrash.stop();
          }
        } finally {
          impostor.kill('SIGKILL');
        }
      } finally {
        await tmp.remove();
      }
    },
  );
});
