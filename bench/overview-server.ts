// The Helmdeck server as viewers get it, for the benchmarks: embedded
// Postgres, a viewer with an API token, helmdeck.yaml for the bench's
// clusters, and `next start` on the current .next build in its own process
// group (so its RSS and CPU are measured apart from the bench's).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import path from 'node:path';
import { stringify } from 'yaml';
import { createApiToken } from '@/lib/api-tokens';
import { closeDatabase, setDatabaseUrl, startDatabase } from '@/lib/db';
import { makeTraversable } from '@/lib/db/embedded-postgres';
import { createUser, grantRole } from '@/lib/users';

const root = path.resolve(import.meta.dirname, '..');
export const BUILD_ID = path.join(root, '.next', 'BUILD_ID');
export const hasBuild = () => existsSync(BUILD_ID);

export type TBenchConfig = {
  environments: {
    name: string;
    namespace: string;
    clusters: { name: string; context: string }[];
    valuesFiles?: string[];
  }[];
  /** A release without `chart` gets a placeholder the overview never reads. */
  releases: { name: string; promotion: string[]; chart?: string }[];
  allowedCharts?: string[];
};

export type TBenchServer = {
  url: string;
  token: string;
  /** When `next start` was spawned (performance.now()). */
  spawnedAt: number;
  exited: () => boolean;
  /** RSS of the server's whole process group, in MB. */
  rssMb: () => number;
  stop: () => Promise<void>;
  tail: string[];
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer().once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

function groupRssMb(pgid: number): number {
  const out = execFileSync('ps', ['-o', 'rss=', '-g', String(pgid)], { encoding: 'utf8' });
  return out
    .split('\n')
    .map((l) => Number(l.trim()))
    .filter((n) => n > 0)
    .reduce((a, b) => a + b / 1024, 0);
}

/** Starts Postgres, a viewer and `next start` against `kubeconfig`; stop() ends all of it. */
export async function startBenchServer(opts: {
  dir: string;
  kubeconfig: string;
  config: TBenchConfig;
  /** The bench user's role in every environment (viewer unless it runs operations). */
  role?: 'viewer' | 'release_manager';
  /** Port for `next start`; a free one when omitted. */
  port?: number;
}): Promise<TBenchServer> {
  const stops: Array<() => Promise<unknown>> = [];
  const stopAll = async () => {
    for (const s of stops.reverse()) await s().catch(() => undefined);
  };
  try {
    await makeTraversable(opts.dir); // the postgres OS user must reach pg/ when we run as root
    const db = await startDatabase({ url: null, dataDir: path.join(opts.dir, 'pg') });
    stops.push(() => db.stop());
    await setDatabaseUrl(db.url);
    stops.push(() => closeDatabase());
    const actor = { id: 'system:bench', name: 'bench' };
    const user = await createUser(
      { name: 'Bench Viewer', email: 'viewer@bench.invalid', password: 'bench-viewer-pw' },
      actor,
    );
    await grantRole({ userId: user.id, role: opts.role ?? 'viewer', environment: null }, actor);
    const { token } = await createApiToken({ userId: user.id, name: 'bench' });

    // Release charts are never read by the overview; an oci reference keeps the config valid without files.
    const configPath = path.join(opts.dir, 'helmdeck.yaml');
    const releases = opts.config.releases.map((r) =>
      r.chart ? r : { ...r, chart: 'oci://charts.bench.invalid/app', version: '1.0.0' },
    );
    const { allowedCharts } = opts.config;
    writeFileSync(
      configPath,
      stringify({
        environments: opts.config.environments,
        releases,
        ...(allowedCharts ? { allowedCharts } : {}),
      }),
    );
    const dataDir = path.join(opts.dir, 'data');
    mkdirSync(dataDir, { recursive: true });

    const port = opts.port ?? (await freePort());
    const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next');
    const spawnedAt = performance.now();
    const server: ChildProcess = spawn(
      process.execPath,
      [nextBin, 'start', '-H', '127.0.0.1', '-p', String(port)],
      {
        cwd: root,
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {
          ...process.env,
          NODE_ENV: 'production',
          DATABASE_URL: db.url,
          DATABASE_OWNER_URL: db.ownerUrl,
          KUBECONFIG: opts.kubeconfig,
          HELMDECK_CONFIG: configPath,
          HELMDECK_DATA_DIR: dataDir,
          HELMDECK_DEMO: '0',
          NEXT_TELEMETRY_DISABLED: '1',
        },
      },
    );
    const tail: string[] = [];
    const keep = (b: Buffer) => {
      tail.push(...b.toString().split('\n').filter(Boolean));
      if (tail.length > 40) tail.splice(0, tail.length - 40);
    };
    server.stdout!.on('data', keep);
    server.stderr!.on('data', keep);
    stops.push(async () => {
      if (server.exitCode !== null || server.signalCode !== null) return;
      const exited = new Promise((r) => server.once('exit', r));
      process.kill(-server.pid!, 'SIGTERM');
      const timer = setTimeout(() => process.kill(-server.pid!, 'SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    });
    return {
      url: `http://127.0.0.1:${port}`,
      token,
      spawnedAt,
      exited: () => server.exitCode !== null,
      rssMb: () => groupRssMb(server.pid!),
      stop: stopAll,
      tail,
    };
  } catch (e) {
    await stopAll();
    throw e;
  }
}
