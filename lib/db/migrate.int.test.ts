import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import pg from 'pg';
import { createMigration } from './create-migration';
import { migrateDatabase } from './migrate';
import { defaultPrismaDir } from './migrations-dir';
import { createTestDatabase, stopTestServer } from './test-database';

after(stopTestServer);

const TIMEOUT = { timeout: 180_000 };
const MIGRATIONS = readdirSync(path.resolve('prisma/migrations'), { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function emptyDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  // A test database comes migrated; drop its schema to start from nothing.
  const db = await createTestDatabase();
  await db.prisma.$disconnect();
  await withClient(db.url, (c) => c.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public'));
  return db;
}

describe('migrations', () => {
  test('apply in order once, and a second run applies nothing', TIMEOUT, async () => {
    const db = await emptyDatabase();
    try {
      assert.deepEqual(await migrateDatabase(db.url), MIGRATIONS);
      assert.deepEqual(await migrateDatabase(db.url), []);
      const rows = await withClient(db.url, (c) =>
        c.query<{ migration_name: string; finished: boolean }>(
          'SELECT migration_name, finished_at IS NOT NULL AS finished FROM _prisma_migrations ORDER BY migration_name',
        ),
      );
      assert.deepEqual(
        rows.rows,
        MIGRATIONS.map((migration_name) => ({ migration_name, finished: true })),
      );
    } finally {
      await db.drop();
    }
  });

  test('two instances starting together apply each migration once', TIMEOUT, async () => {
    const db = await emptyDatabase();
    try {
      const [a, b] = await Promise.all([migrateDatabase(db.url), migrateDatabase(db.url)]);
      assert.deepEqual([...a, ...b].sort(), MIGRATIONS);
      const count = await withClient(db.url, (c) =>
        c.query('SELECT count(*)::int AS n FROM _prisma_migrations'),
      );
      assert.equal(count.rows[0].n, MIGRATIONS.length);
    } finally {
      await db.drop();
    }
  });

  test(
    'the checked-in migrations match schema.prisma (no migration left to create)',
    TIMEOUT,
    async () => {
      const db = await createTestDatabase();
      try {
        const { hostname, port, username, password } = new URL(db.url);
        const created = await createMigration(
          {
            host: hostname,
            port: Number(port),
            user: username,
            password: decodeURIComponent(password),
            database: 'postgres',
          },
          'drift',
          { prismaDir: defaultPrismaDir(), write: false },
        );
        assert.equal(
          created.name,
          undefined,
          `schema.prisma changed without a migration:\n${created.sql}`,
        );
      } finally {
        await db.drop();
      }
    },
  );
});
