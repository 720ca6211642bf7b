// The server the Playwright journeys run against: a production build of the
// app on a fresh embedded Postgres, examples/helmdeck.yaml, demo users
// seeded. Playwright starts it (webServer) and stops it with SIGTERM.
// Set HELMDECK_E2E_SKIP_BUILD=1 to reuse an existing .next build.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const port = process.env.HELMDECK_E2E_PORT ?? '3100';
const dataDir = path.join(root, '.helmdeck', 'e2e');
const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next');

// A fresh data directory: every run starts from an empty database.
rmSync(dataDir, { recursive: true, force: true });
mkdirSync(dataDir, { recursive: true });
// No clusters yet: an empty kubeconfig makes every cluster "unreachable" instead of
// reaching whatever the developer's own KUBECONFIG points at.
const kubeconfig = path.join(dataDir, 'kubeconfig');
writeFileSync(kubeconfig, 'apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n');

const env: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: 'production',
  HELMDECK_CONFIG: path.join(root, 'examples', 'helmdeck.yaml'),
  HELMDECK_DATA_DIR: dataDir,
  HELMDECK_DEMO: '1',
  KUBECONFIG: kubeconfig,
  PORT: port,
  HELMDECK_URL: `http://127.0.0.1:${port}`,
  NEXT_TELEMETRY_DISABLED: '1',
};
delete env.DATABASE_URL; // never a shared database: the embedded one under dataDir

if (process.env.HELMDECK_E2E_SKIP_BUILD !== '1') {
  console.log('e2e-server: next build');
  const build = spawnSync(process.execPath, [nextBin, 'build'], {
    cwd: root,
    env,
    stdio: 'inherit',
  });
  if (build.status !== 0) {
    console.error('e2e-server: next build failed');
    process.exit(build.status ?? 1);
  }
}

console.log(`e2e-server: next start on 127.0.0.1:${port}`);
const server = spawn(process.execPath, [nextBin, 'start', '-H', '127.0.0.1', '-p', port], {
  cwd: root,
  env,
  stdio: 'inherit',
});
const stop = (signal: NodeJS.Signals) => {
  if (server.exitCode === null) server.kill(signal);
};
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
