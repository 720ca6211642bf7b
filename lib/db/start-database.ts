// Brings the database up for this process: DATABASE_URL when set, else the
// embedded Postgres under HELMDECK_DATA_DIR/pg; then applies pending migrations.
import path from 'node:path';
import pg from 'pg';
import { env } from '../env';
import { DatabaseError, redactUrl, unreachableError } from './database-error';
import { migrateDatabase } from './migrate';

export interface TDatabase {
  /** Connection URL; hand it to child processes as DATABASE_URL. */
  url: string;
  /** True when we started (or attached to) the embedded Postgres. */
  embedded: boolean;
  /** Migrations applied by this start (empty when already up to date). */
  appliedMigrations: string[];
  /** Stops the embedded Postgres if this process started it; otherwise a no-op. */
  stop(): Promise<void>;
}

export interface TStartDatabaseOptions {
  /** Overrides DATABASE_URL (tests, scripts); null ignores it and uses the embedded Postgres. */
  url?: string | null;
  /** Embedded data directory; default `<HELMDECK_DATA_DIR>/pg`. */
  dataDir?: string;
  /** Fixed port for the embedded Postgres; default a free one. */
  port?: number;
  /** Default true. */
  migrate?: boolean;
  /** Folder holding schema.prisma and migrations/; default ./prisma. */
  prismaDir?: string;
  onLog?: (line: string) => void;
  /** Embedded only: do not keep this process alive (see TEmbeddedPostgresOptions). */
  unref?: boolean;
}

export async function startDatabase(options: TStartDatabaseOptions = {}): Promise<TDatabase> {
  const external = options.url === null ? undefined : (options.url ?? env().DATABASE_URL);
  let url: string;
  let stop = async () => {};
  if (external) {
    await checkReachable(external);
    url = external;
  } else {
    const { startEmbeddedPostgres } = await import('./embedded-postgres');
    const dataDir = options.dataDir ?? path.resolve(env().HELMDECK_DATA_DIR, 'pg');
    try {
      const server = await startEmbeddedPostgres({
        dataDir,
        port: options.port,
        onLog: options.onLog,
        unref: options.unref,
      });
      url = server.url;
      stop = server.stop;
    } catch (e) {
      throw new DatabaseError(
        `${e instanceof Error ? e.message : String(e)}\n` +
          `Fix: check that ${path.dirname(dataDir)} is writable, or set DATABASE_URL to an external Postgres.`,
      );
    }
  }
  let appliedMigrations: string[] = [];
  if (options.migrate !== false) {
    try {
      appliedMigrations = await migrateDatabase(url, {
        prismaDir: options.prismaDir,
        onLog: options.onLog,
      });
    } catch (e) {
      await stop();
      const reason = e instanceof Error ? e.message.split('\n')[0] : String(e);
      throw new DatabaseError(
        `applying migrations to ${redactUrl(url)} failed: ${reason}\n` +
          'Fix: resolve the failed migration (see the _prisma_migrations table), then start again.',
      );
    }
  }
  return { url, embedded: !external, appliedMigrations, stop };
}

async function checkReachable(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  client.on('error', () => {}); // a dropped connection after the check is not ours to report
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (e) {
    throw unreachableError(url, e);
  } finally {
    await client.end().catch(() => {});
  }
}
