// Everything `npm run demo` runs, as one start/stop pair so the Playwright
// journeys can start the same stack: sandbox clusters, Postgres, demo users,
// a real helm history, and the Next.js server.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { loadConfig, type THelmdeckConfig } from '@/lib/config';
import { setAuditDir } from '@/lib/audit/audit-key';
import { startDatabase, setDatabaseUrl, closeDatabase } from '@/lib/db';
import { ensureDemoTokens } from '@/lib/api-tokens';
import { seedDemoUsers, type TDemoUser } from '@/lib/users';
import { startSandbox, type TSandbox } from '@/sandbox/index';
import { seedDemoHistory } from './history';
import { startDemoSso } from './sso';
import { pointWebhooksAt, startWebhookReceiver } from './webhook-receiver';

const root = path.resolve(import.meta.dirname, '..', '..');

export type TDemoOptions = {
  dataDir: string;
  port: number;
  configPath: string;
  /** Start from empty state (e2e runs). */
  fresh?: boolean;
  /** Skip `next build` even when sources look newer than the build. */
  skipBuild?: boolean;
  log: (line: string) => void;
};

export type TDemoStack = {
  url: string;
  kubeconfigPath: string;
  config: THelmdeckConfig;
  sandbox: TSandbox;
  users: readonly TDemoUser[];
  /** A ready REST API token per demo user (`Authorization: Bearer <token>`). */
  tokens: Array<{ email: string; token: string }>;
  /** The demo's identity provider, when the configuration has auth.oidc. */
  sso?: { issuer: string };
  /** Where the demo's webhooks post (loopback); GET it to see what arrived. */
  webhookReceiver: string;
  stop(): Promise<void>;
};

function clusterContexts(config: THelmdeckConfig): string[] {
  return config.environments.flatMap((e) => e.clusters.map((c) => c.context));
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** A build is reused when it is newer than every source file that goes into it. */
function buildIsCurrent(): boolean {
  const buildId = path.join(root, '.next', 'BUILD_ID');
  if (!existsSync(buildId)) return false;
  const built = statSync(buildId).mtimeMs;
  return ['app', 'components', 'lib'].every((d) => newestMtime(path.join(root, d)) < built);
}

const nextBin = () => createRequire(import.meta.url).resolve('next/dist/bin/next');

async function waitForHealth(url: string, server: ChildProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null)
      throw new Error(`the Helmdeck server exited with code ${server.exitCode}`);
    const ok = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the Helmdeck server did not answer ${url}/api/health within 120 s`);
}

export async function startDemoStack(opts: TDemoOptions): Promise<TDemoStack> {
  const config = loadConfig(opts.configPath);
  const demoDir = path.join(opts.dataDir, 'demo');
  if (opts.fresh) rmSync(opts.dataDir, { recursive: true, force: true });
  mkdirSync(demoDir, { recursive: true });
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const s of stops.reverse())
      await s().catch((e: unknown) => opts.log(`stop: ${String(e)}`));
  };

  try {
    const sandbox = await startSandbox({
      clusters: clusterContexts(config),
      kubeconfigPath: path.join(demoDir, 'kubeconfig'),
      stateDir: path.join(demoDir, 'sandbox'),
    });
    stops.push(() => sandbox.stop());
    opts.log(`sandbox clusters: ${sandbox.clusters.map((c) => `${c.name} ${c.url}`).join(', ')}`);
    // Nothing leaves the machine: the configured webhooks post here instead.
    const receiver = await startWebhookReceiver();
    stops.push(() => receiver.stop());
    // For tests (e2e-info.json) that fault a cluster through the sandbox's admin endpoint,
    // and that read what the webhook receiver got.
    const info = {
      kubeconfigPath: sandbox.kubeconfigPath,
      adminToken: sandbox.adminToken,
      clusters: sandbox.clusters.map(({ name, url }) => ({ name, url })),
      webhookReceiver: receiver.url,
    };
    writeFileSync(path.join(demoDir, 'e2e-info.json'), JSON.stringify(info, null, 2), {
      mode: 0o600,
    });

    const db = await startDatabase({ dataDir: path.join(opts.dataDir, 'pg') });
    stops.push(() => db.stop());
    // What this process audits (demo users) is keyed and headed like the server's records.
    setAuditDir(path.resolve(opts.dataDir));
    await setDatabaseUrl(db.url);
    stops.push(() => closeDatabase());
    const users = await seedDemoUsers();
    const tokens = await ensureDemoTokens(users, { dataDir: opts.dataDir });

    const seededMarker = path.join(demoDir, 'history-seeded');
    if (!existsSync(seededMarker)) {
      opts.log('installing the demo releases with real helm (first run only)');
      await seedDemoHistory({
        config,
        kubeconfig: sandbox.kubeconfigPath,
        workDir: path.join(demoDir, 'charts'),
        log: opts.log,
      });
      writeFileSync(seededMarker, new Date().toISOString());
    }

    // --- single sign-on: the demo's own identity provider ---
    const sso = await startDemoSso({
      configPath: opts.configPath,
      demoDir,
      helmdeckUrl: `http://127.0.0.1:${opts.port}`,
    });
    if (sso) {
      stops.push(() => sso.stop());
      opts.log(`identity provider for single sign-on: ${sso.issuer}`);
    }
    // --- end single sign-on ---
    const serverConfig =
      pointWebhooksAt(
        sso?.configPath ?? path.resolve(opts.configPath),
        path.join(demoDir, 'helmdeck-webhooks.yaml'),
        receiver.url,
      ) ??
      sso?.configPath ??
      path.resolve(opts.configPath);
    opts.log(`webhook receiver (what the demo's webhooks send): ${receiver.url}`);

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...sso?.env,
      NODE_ENV: 'production',
      DATABASE_URL: db.url,
      // Migrations and the queue's tables are the owner's; the server itself runs as the app role.
      DATABASE_OWNER_URL: db.ownerUrl,
      KUBECONFIG: sandbox.kubeconfigPath,
      HELMDECK_CONFIG: serverConfig,
      HELMDECK_DATA_DIR: path.resolve(opts.dataDir),
      HELMDECK_DEMO: '1',
      PORT: String(opts.port),
      HELMDECK_URL: `http://127.0.0.1:${opts.port}`,
      NEXT_TELEMETRY_DISABLED: '1',
    };
    if (!opts.skipBuild && !buildIsCurrent()) {
      opts.log('building the dashboard (next build; later runs reuse it)');
      const build = spawnSync(process.execPath, [nextBin(), 'build'], {
        cwd: root,
        env,
        stdio: 'inherit',
      });
      if (build.status !== 0) throw new Error('next build failed');
    }
    const server = spawn(
      process.execPath,
      [nextBin(), 'start', '-H', '127.0.0.1', '-p', String(opts.port)],
      {
        cwd: root,
        env,
        stdio: 'inherit',
      },
    );
    stops.push(async () => {
      if (server.exitCode !== null) return;
      const exited = new Promise((r) => server.once('exit', r));
      server.kill('SIGTERM');
      await exited;
    });
    const url = `http://127.0.0.1:${opts.port}`;
    await waitForHealth(url, server);
    return {
      url,
      kubeconfigPath: sandbox.kubeconfigPath,
      config,
      sandbox,
      users,
      tokens,
      sso: sso ? { issuer: sso.issuer } : undefined,
      webhookReceiver: receiver.url,
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}
