// The overview as viewers get it: the production Next server (`next start`,
// the current .next build) on an embedded Postgres, a viewer's API token,
// and autocannon driving GET /api/v1/releases. Used by bench/overview.ts.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import path from 'node:path';
import autocannon from 'autocannon';
import { stringify } from 'yaml';
import { createApiToken } from '@/lib/api-tokens';
import { closeDatabase, setDatabaseUrl, startDatabase } from '@/lib/db';
import { makeTraversable } from '@/lib/db/embedded-postgres';
import { createUser, grantRole } from '@/lib/users';

const root = path.resolve(import.meta.dirname, '..');
export const BUILD_ID = path.join(root, '.next', 'BUILD_ID');

export type THttpConfig = {
  environments: {
    name: string;
    namespace: string;
    clusters: { name: string; context: string }[];
  }[];
  releases: { name: string; promotion: string[] }[];
};

export type THttpFigures = {
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  /** autocannon's own histogram (2xx only), a cross-check of the above. */
  acP50: number;
  acP97_5: number;
  non2xx: number;
  /** Connection errors, timeouts included (autocannon counts a timeout as both). */
  errors: number;
  timeouts: number;
  /** Clusters or cells not ok in a GET made right after the load. */
  nonOk: number;
  singleMs: number[];
  bodyBytes: number;
  startMs: number;
};

type TOverviewBody = {
  clusters: { cluster: string; state: string }[];
  rows: { cells: { state: string }[] }[];
};

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)] ?? 0;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer().once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

async function until<T>(
  what: string,
  ms: number,
  server: ChildProcess,
  probe: () => Promise<T | undefined>,
): Promise<T> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (server.exitCode !== null)
      throw new Error(`the Next server exited (${server.exitCode}) while waiting for ${what}`);
    const v = await probe().catch(() => undefined);
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out after ${ms / 1000} s waiting for ${what}`);
}

/** Brings up Postgres + `next start` on `dir`, loads it with `connections` viewers for `seconds`, stops everything. */
export async function httpLoad(opts: {
  dir: string;
  kubeconfig: string;
  config: THttpConfig;
  connections: number;
  seconds: number;
  log: (line: string) => void;
}): Promise<THttpFigures> {
  const stops: Array<() => Promise<unknown>> = [];
  const tail: string[] = [];
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
    await grantRole({ userId: user.id, role: 'viewer', environment: null }, actor);
    const { token } = await createApiToken({ userId: user.id, name: 'bench' });

    // Release charts are never read by the overview; an oci reference keeps the config valid without files.
    const configPath = path.join(opts.dir, 'helmdeck.yaml');
    const releases = opts.config.releases.map((r) => ({
      ...r,
      chart: 'oci://charts.bench.invalid/app',
      version: '1.0.0',
    }));
    writeFileSync(configPath, stringify({ environments: opts.config.environments, releases }));
    const dataDir = path.join(opts.dir, 'data');
    mkdirSync(dataDir, { recursive: true });

    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const t0 = performance.now();
    const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next');
    // Own process group, so stopping it also stops anything `next start` forks.
    const server = spawn(
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
          KUBECONFIG: opts.kubeconfig,
          HELMDECK_CONFIG: configPath,
          HELMDECK_DATA_DIR: dataDir,
          HELMDECK_DEMO: '0',
          NEXT_TELEMETRY_DISABLED: '1',
        },
      },
    );
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

    await until('/api/health', 120_000, server, async () =>
      (await fetch(`${url}/api/health`)).ok ? true : undefined,
    );
    const auth = { authorization: `Bearer ${token}` };
    const getOverview = async () => {
      const res = await fetch(`${url}/api/v1/releases`, { headers: auth });
      const text = await res.text();
      if (!res.ok) throw new Error(`GET /api/v1/releases: ${res.status} ${text.slice(0, 200)}`);
      return { body: JSON.parse(text) as TOverviewBody, bytes: Buffer.byteLength(text) };
    };
    // First load: every cluster LISTed and its latest revisions decoded by the server.
    await until('every cluster ok in /api/v1/releases', 180_000, server, async () => {
      const { body } = await getOverview();
      return body.clusters.length > 0 && body.clusters.every((c) => c.state === 'ok')
        ? true
        : undefined;
    });
    const startMs = performance.now() - t0;

    // Sequential requests: one viewer alone (loopback; auth, matrix, JSON and transfer).
    const singleMs: number[] = [];
    let bodyBytes = 0;
    for (let i = 0; i < 20; i++) {
      const t = performance.now();
      bodyBytes = (await getOverview()).bytes;
      singleMs.push(performance.now() - t);
    }

    opts.log(
      `autocannon: ${opts.connections} connections × ${opts.seconds} s on GET ${url}/api/v1/releases (viewer token)`,
    );
    const latencies: number[] = [];
    const result = await new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon(
        {
          url: `${url}/api/v1/releases`,
          headers: auth,
          connections: opts.connections,
          duration: opts.seconds,
          timeout: 30,
        },
        (err, r) => (err ? reject(err) : resolve(r)),
      );
      // Every response's time (ms), so p95 is computed from the samples rather than autocannon's fixed percentiles.
      instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
    });

    const { body } = await getOverview();
    const nonOk =
      body.clusters.filter((c) => c.state !== 'ok').length +
      body.rows.reduce((n, r) => n + r.cells.filter((c) => c.state !== 'ok').length, 0);
    return {
      requests: latencies.length,
      rps: result.requests.average,
      p50: pct(latencies, 50),
      p95: pct(latencies, 95),
      p99: pct(latencies, 99),
      acP50: result.latency.p50,
      acP97_5: result.latency.p97_5,
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      nonOk,
      singleMs,
      bodyBytes,
      startMs,
    };
  } catch (e) {
    if (tail.length) opts.log(`last server output:\n  ${tail.join('\n  ')}`);
    throw e;
  } finally {
    for (const s of stops.reverse())
      await s().catch((e: unknown) => opts.log(`stop: ${String(e)}`));
  }
}

export const hasBuild = () => existsSync(BUILD_ID);
