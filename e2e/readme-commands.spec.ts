// The README's first command, `npm run demo`, run the way a new user would:
// from a folder only its owner may enter (root's clones land in /root; any
// mktemp -d folder is 0700) with a space in the path. As root the embedded
// Postgres runs as its own OS user, which cannot enter that folder.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { freePort } from '../lib/db/postgres-process';
import { demoUser } from './helpers';

const repo = path.resolve(import.meta.dirname, '..');
// Made per run or machine-local; the clone gets its own.
const NOT_COPIED = new Set(['.git', '.helmdeck', 'test-results', 'playwright-report']);

function copy(from: string, to: string, hardLinks = false): void {
  const cp = spawnSync('cp', [hardLinks ? '-al' : '-a', '--', from, to]);
  if (cp.status !== 0) throw new Error(`cp ${from}: ${cp.stderr.toString()}`);
}

/** A copy of this checkout at `target`: node_modules hard-linked (nothing writes into it), the rest copied. */
function copyCheckout(target: string): void {
  mkdirSync(target, { recursive: true });
  for (const entry of readdirSync(repo)) {
    if (NOT_COPIED.has(entry)) continue;
    if (entry === '.next') continue;
    copy(path.join(repo, entry), target, entry === 'node_modules');
  }
  mkdirSync(path.join(target, '.next'));
  for (const entry of readdirSync(path.join(repo, '.next'))) {
    if (entry === 'cache' || entry === 'standalone') continue; // not read by next start
    copy(path.join(repo, '.next', entry), path.join(target, '.next'));
  }
  // The e2e server built these sources: the demo must not build them again, even when a
  // source file was touched after that build.
  const now = new Date();
  utimesSync(path.join(target, '.next', 'BUILD_ID'), now, now);
  // The bundled helm, as npm install's postinstall left it.
  mkdirSync(path.join(target, '.helmdeck'));
  copy(path.join(repo, '.helmdeck', 'bin'), path.join(target, '.helmdeck'));
}

function waitForOutput(child: ChildProcess, text: string, output: { all: string }) {
  return new Promise<void>((resolve, reject) => {
    const onData = (d: Buffer) => {
      output.all += d.toString();
      if (output.all.includes(text)) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`demo exited (${code}):\n${output.all}`)));
  });
}

test('npm run demo starts from a folder only its owner may enter, with a space in its path', async ({
  page,
}) => {
  test.setTimeout(600_000);
  const closed = mkdtempSync(path.join(os.tmpdir(), 'helmdeck-readme-'));
  const clone = path.join(closed, 'helm deck');
  copyCheckout(clone);
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port) };
  for (const name of ['DATABASE_URL', 'KUBECONFIG', 'HELMDECK_CONFIG', 'HELMDECK_DATA_DIR'])
    delete env[name];
  const demo = spawn('npm', ['run', 'demo'], {
    cwd: clone,
    env,
    detached: true, // its own process group, so Ctrl-C reaches the whole stack
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = { all: '' };
  try {
    await waitForOutput(demo, 'Helmdeck is ready at', output);
    expect(output.all).not.toMatch(/\n\s+at .+:\d+:\d+/); // no stack trace on the way
    const ready = await fetch(`http://127.0.0.1:${port}/api/health?probe=ready`);
    expect(ready.status).toBe(200);

    // Signing in as the README's viewer shows the demo's releases.
    const viewer = demoUser('viewer');
    await page.goto(`http://127.0.0.1:${port}/sign-in`);
    await page.getByLabel('Email').fill(viewer.email);
    await page.getByLabel('Password').fill(viewer.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();
    await expect(page.getByText('alpha-members').first()).toBeVisible();
  } finally {
    const exited = new Promise((r) => demo.once('exit', r));
    if (demo.exitCode === null && demo.pid) process.kill(-demo.pid, 'SIGINT');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 30_000))]);
    if (demo.exitCode === null && demo.pid) process.kill(-demo.pid, 'SIGKILL');
    // As root the data was placed outside the clone; the marker names where.
    const marker = path.join(clone, '.helmdeck', 'pg.placed-at');
    if (existsSync(marker))
      rmSync(path.dirname(readFileSync(marker, 'utf8').trim()), { recursive: true, force: true });
    rmSync(closed, { recursive: true, force: true });
  }
});
