// Applies pending migrations from prisma/migrations, as `prisma migrate
// deploy` would: each once, in order, recorded in `_prisma_migrations`.
import pg from 'pg';
import { defaultPrismaDir, NO_FILTERS, readMigrations, readSchema } from './migrations-dir';
import { withSchemaEngine } from './schema-engine';

// Our own advisory lock key, so instances starting together migrate one at a
// time (distinct from any key the engine itself may take).
const MIGRATE_LOCK_KEY = 0x68656c6d; // "helm"

export interface TMigrateOptions {
  /** Folder holding schema.prisma and migrations/; default ./prisma. */
  prismaDir?: string;
  onLog?: (line: string) => void;
}

/** Applies every migration the database lacks; returns the names applied now. */
export async function migrateDatabase(
  url: string,
  options: TMigrateOptions = {},
): Promise<string[]> {
  const prismaDir = options.prismaDir ?? defaultPrismaDir();
  const [schema, migrationsList] = await Promise.all([
    readSchema(prismaDir),
    readMigrations(prismaDir),
  ]);
  const lock = new pg.Client({ connectionString: url });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATE_LOCK_KEY]);
    const out = await withSchemaEngine(
      url,
      schema,
      (engine) => engine.applyMigrations({ migrationsList, filters: NO_FILTERS }),
      options.onLog,
    );
    return out.appliedMigrationNames;
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATE_LOCK_KEY]).catch(() => {});
    await lock.end();
  }
}
