// The container image's files, booted without a Docker engine: the runtime
// stage's COPY lines are laid out under a temp root from this build
// (.next/standalone, .next/static, helm), and `node server.js` runs there
// with the image's environment. It answers /api/health, migrates its
// database, and a real Prometheus scrapes its request durations by route.
import { spawn, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { imagePath, readDockerfile } from '../deploy/dockerfile';
import { startPrometheus, type TPrometheus } from '../lib/metrics/testing/prometheus';

const repo = path.resolve(import.meta.dirname, '..');
const TOKEN = 'standalone-metrics-token-0123';
const children: ChildProcess[] = [];
let prometheus: TPrometheus | undefined;
let root = '';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

function start(command: string, args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv }) {
  const child = spawn(command, args, { ...opts, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += String(d)));
  child.stderr!.on('data', (d: Buffer) => (output += String(d)));
  return { child, output: () => output };
}

test.afterAll(async () => {
  await prometheus?.stop();
  for (const child of children.reverse()) {
    if (child.exitCode !== null) continue;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  if (root) rmSync(root, { recursive: true, force: true });
});

test("the image's standalone server boots, migrates, answers /api/health and is scraped by route", async () => {
  test.setTimeout(240_000);
  const stages = readDockerfile();
  const runtime = stages.at(-1)!;
  root = mkdtempSync(path.join(os.tmpdir(), 'helmdeck-image-'));
  chmodSync(root, 0o755); // as root, the embedded Postgres runs as its own user
  for (const copy of runtime.copies) {
    for (const source of copy.sources) {
      const from = path.join(repo, path.posix.relative('/src', source));
      expect(existsSync(from), `${source} was built`).toBe(true);
      const to = imagePath(root, runtime, copy.dest);
      mkdirSync(path.dirname(to), { recursive: true });
      cpSync(from, to, { recursive: true });
    }
  }

  const sandbox = start(
    process.execPath,
    [
      '--import',
      'tsx',
      'sandbox/cli.ts',
      '--clusters',
      'ops',
      '--kubeconfig',
      path.join(root, 'kubeconfig'),
    ],
    { cwd: repo, env: process.env },
  );
  await expect.poll(() => sandbox.output(), { timeout: 60_000 }).toContain('sandbox ready');

  // The database the image is given (DATABASE_URL), empty: the server migrates it at start.
  const database = start(
    process.execPath,
    ['--import', 'tsx', 'deploy/testing/database-process.ts', path.join(root, 'pg')],
    { cwd: repo, env: process.env },
  );
  await expect.poll(() => database.output(), { timeout: 60_000 }).toMatch(/ready \S+/);
  const databaseUrl = /ready (\S+)/.exec(database.output())![1];

  const config = path.join(root, 'etc', 'helmdeck', 'helmdeck.yaml');
  mkdirSync(path.dirname(config), { recursive: true });
  writeFileSync(
    config,
    `environments:\n  - name: ops\n    namespace: ops\n    clusters: [{ name: ops, context: ops }]\nmetricsEndpoint: { bearerToken: true }\n`,
  );
  const port = await freePort();
  const inImage = (p: string) => path.join(root, p);
  // The image's environment, its paths moved under the temp root, and what the chart adds.
  const env: NodeJS.ProcessEnv = {
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    ...runtime.env,
    PATH: process.env.PATH,
    HOME: inImage('data'),
    PORT: String(port),
    HOSTNAME: '127.0.0.1',
    HELM_BIN: inImage(runtime.env.HELM_BIN!),
    HELMDECK_DATA_DIR: inImage(runtime.env.HELMDECK_DATA_DIR!),
    HELMDECK_CONFIG: config,
    KUBECONFIG: path.join(root, 'kubeconfig'),
    HELMDECK_METRICS_TOKEN: TOKEN,
  };
  mkdirSync(env.HELMDECK_DATA_DIR!, { recursive: true });
  const app = imagePath(root, runtime, '.');
  const server = start(process.execPath, runtime.cmd!.slice(1), { cwd: app, env });
  const url = `http://127.0.0.1:${port}`;
  await expect
    .poll(
      () =>
        fetch(`${url}/api/health`).then(
          (r) => r.status,
          () => 0,
        ),
      {
        message: `the standalone server answers /api/health:\n${server.output().slice(-3000)}`,
        timeout: 150_000,
      },
    )
    .toBe(200);
  expect(server.output()).toContain(`(HELM_BIN: ${env.HELM_BIN})`);

  const ready = await fetch(`${url}/api/health?probe=ready`);
  expect(ready.status).toBe(200);
  expect(((await ready.json()) as { checks: { database: string } }).checks.database).toBe('ok');
  expect((await fetch(`${url}/api/metrics`)).status).toBe(401);
  expect((await fetch(`${url}/sign-in`)).status).toBe(200);

  prometheus = await startPrometheus([
    {
      job: 'helmdeck',
      target: `127.0.0.1:${port}`,
      metricsPath: '/api/metrics',
      bearerToken: TOKEN,
    },
  ]);
  const count = async (selector: string) =>
    (await prometheus!.query(`helmdeck_http_request_duration_seconds_count{${selector}}`))[0]
      ?.value ?? 0;
  await expect
    .poll(() => count('route="/api/health",method="GET",status="200"'), { timeout: 30_000 })
    .toBeGreaterThanOrEqual(2);
  await expect
    .poll(() => count('route="/sign-in",method="GET",status="200"'), { timeout: 30_000 })
    .toBeGreaterThanOrEqual(1);
  await expect
    .poll(() => count('route="/api/metrics",status="401"'), { timeout: 30_000 })
    .toBeGreaterThanOrEqual(1);
});
