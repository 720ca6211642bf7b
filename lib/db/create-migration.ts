// Creates a new migration from the difference between the checked-in
// migrations and schema.prisma, like `prisma migrate dev --create-only`.
// The engine replays the migrations in a shadow database, so this needs a
// Postgres server: the caller passes one (a throwaway embedded one will do).
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PoolConfig } from 'pg';
import { LOCKFILE_CONTENT, NO_FILTERS, readMigrations, readSchema } from './migrations-dir';
import { withSchemaEngine } from './schema-engine';

export interface TCreatedMigration {
  /** Directory name, `<UTC timestamp>_<name>`; undefined when nothing changed. */
  name?: string;
  sql: string;
}

export function migrationDirName(name: string, now = new Date()): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (!slug) throw new Error(`migration name "${name}" has no letters or digits`);
  const stamp = now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return `${stamp}_${slug}`;
}

/**
 * Writes prisma/migrations/<stamp>_<name>/migration.sql. With `empty`, writes
 * an empty one to fill by hand (for SQL Prisma cannot express, e.g. triggers).
 */
export async function createMigration(
  server: PoolConfig,
  name: string,
  options: {
    prismaDir: string;
    empty?: boolean;
    /** false: only compute (checks, tests) */ write?: boolean;
  },
): Promise<TCreatedMigration> {
  const [schema, migrationsList] = await Promise.all([
    readSchema(options.prismaDir),
    readMigrations(options.prismaDir),
  ]);
  let sql = '-- Hand-written migration.\n';
  if (!options.empty) {
    const result = await withSchemaEngine(server, schema, (engine) =>
      engine.diff({
        from:
          migrationsList.migrationDirectories.length === 0
            ? { tag: 'empty' }
            : { tag: 'migrations', ...migrationsList },
        to: { tag: 'schemaDatamodel', files: [schema] },
        script: true,
        exitCode: null,
        filters: NO_FILTERS,
      }),
    );
    sql = result.stdout ?? '';
    if (!/^\s*[A-Za-z]/m.test(sql)) return { sql }; // only comments: schema and migrations agree
  }
  const dirName = migrationDirName(name);
  if (options.write === false) return { name: dirName, sql };
  const dir = path.join(migrationsList.baseDir, dirName);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'migration.sql'), sql);
  const lockPath = path.join(migrationsList.baseDir, 'migration_lock.toml');
  if (!existsSync(lockPath)) await writeFile(lockPath, LOCKFILE_CONTENT);
  return { name: dirName, sql };
}
