// Brings the database up for this process: DATABASE_URL when set, else the
// embedded Postgres under HELMDECK_DATA_DIR/pg; then applies pending
// migrations as the owner and hands out the app role's URL (roles.ts).
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { env } from '../env';
import { DatabaseError, redactUrl, unreachableError } from './database-error';
import { migrateDatabase } from './migrate';
import { APP_ROLE, appRoleProblems, grantAppRole, roleOfUrl, urlAsRole } from './roles';

export interface TDatabase {
  /** Connection URL (the app role); hand it to child processes as DATABASE_URL. */
  url: string;
  /** The owner's URL when this process knows it (embedded, or DATABASE_OWNER_URL): for schema set-up only. */
  ownerUrl?: string;
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
  let ownerUrl: string | undefined;
  let appRole: { name: string; password?: string; create: boolean } | undefined;
  let stop = async () => {};
  if (external) {
    await checkReachable(external);
    url = external;
    ownerUrl = options.url === undefined ? env().DATABASE_OWNER_URL : undefined;
    if (ownerUrl) {
      await checkReachable(ownerUrl);
      appRole = { ...roleOfUrl(external), create: false };
    }
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
      ownerUrl = server.url;
      appRole = { name: APP_ROLE, password: appPassword(dataDir), create: true };
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
      appliedMigrations = await migrateDatabase(ownerUrl ?? url, {
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
  if (ownerUrl && appRole && options.migrate !== false) {
    try {
      await grantAppRole(ownerUrl, appRole, { createRole: appRole.create });
    } catch (e) {
      await stop();
      throw new DatabaseError(
        `setting up the database role ${appRole.name} failed: ${e instanceof Error ? e.message : String(e)}\n` +
          'Fix: create the role (see `npm run db:roles`), or let DATABASE_OWNER_URL name a role that may grant on every table.',
      );
    }
    if (!external) url = urlAsRole(url, appRole);
  } else if (external && options.migrate !== false) {
    const problems = await appRoleProblems(url).catch(() => []);
    if (problems.length > 0) {
      console.warn(
        `helmdeck: database: DATABASE_URL's role ${roleOfUrl(url).name} ${problems.join('; ')}: ` +
          'someone with its password can rewrite the audit log. Run Helmdeck as a role that owns nothing ' +
          '(DATABASE_OWNER_URL for migrations, `npm run db:roles` to set it up; README "Database roles").',
      );
    }
  }
  return { url, ownerUrl, embedded: !external, appliedMigrations, stop };
}

/** The app role's password, generated with the data directory and kept next to it (0600). */
function appPassword(dataDir: string): string {
  const file = `${dataDir}.app-password`;
  if (!existsSync(file)) {
    try {
      writeFileSync(file, randomBytes(18).toString('base64url') + '\n', {
        mode: 0o600,
        flag: 'wx',
      });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  return readFileSync(file, 'utf8').trim();
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
