import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';

const BROKEN = `environments:
  - name: Bad_Name
    clusters: []
    namespace: dev
releases: []
`;

/** Starts the built app (the e2e server already ran `next build`) and waits for it to exit. */
function startAndWaitForExit(
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; output: string }> {
  const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [nextBin, 'start', '-H', '127.0.0.1', '-p', '0'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, output }));
  });
}

test('Helmdeck refuses to start on a broken helmdeck.yaml and names each bad field', async () => {
  test.setTimeout(120_000);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'helmdeck-bad-config-'));
  try {
    const file = path.join(dir, 'helmdeck.yaml');
    writeFileSync(file, BROKEN);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      HELMDECK_CONFIG: file,
      HELMDECK_DATA_DIR: dir,
      HELMDECK_DEMO: '0',
    };
    delete env.DATABASE_URL; // the config check must stop it before any database is touched
    const { code, output } = await startAndWaitForExit(env);
    expect(code).toBe(1);
    expect(output).toContain('helmdeck: cannot start');
    expect(output).toContain('environments[0].name');
    expect(output).toContain('environments[0].clusters: at least one cluster');
    expect(output).not.toMatch(/\n\s+at .+:\d+:\d+/); // a message, not a stack trace
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

const EXAMPLE_CONFIG = path.resolve('examples', 'helmdeck.yaml');
const E2E_KUBECONFIG = path.resolve('.helmdeck', 'e2e', 'demo', 'kubeconfig');

/** Starts the app with one thing wrong and returns what it printed as it refused. */
async function refusedStart(wrong: Record<string, string>): Promise<string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'helmdeck-bad-start-'));
  try {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      HELMDECK_CONFIG: EXAMPLE_CONFIG,
      HELMDECK_DATA_DIR: dir,
      HELMDECK_DEMO: '0',
      // the example signs in with SSO; its client secret is set so only `wrong` is wrong
      HELMDECK_OIDC_CLIENT_SECRET: 'example-client-secret',
      ...wrong,
    };
    delete env.DATABASE_URL;
    const { code, output } = await startAndWaitForExit(env);
    expect(code).toBe(1);
    expect(output).toContain('helmdeck: cannot start');
    expect(output).not.toMatch(/\n\s+at .+:\d+:\d+/);
    return output;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('Helmdeck refuses to start when helmdeck.yaml names kube contexts the kubeconfig lacks', async () => {
  test.setTimeout(120_000);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'helmdeck-kubeconfig-'));
  try {
    const kubeconfig = path.join(dir, 'kubeconfig');
    writeFileSync(
      kubeconfig,
      'apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n',
    );
    const output = await refusedStart({ KUBECONFIG: kubeconfig });
    expect(output).toContain('production/east -> "east"');
    expect(output).toContain('Fix helmdeck.yaml or KUBECONFIG');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('Helmdeck refuses to start when HELM_BIN is missing or not helm', async () => {
  test.setTimeout(120_000);
  const missing = await refusedStart({ KUBECONFIG: E2E_KUBECONFIG, HELM_BIN: '/nonexistent/helm' });
  expect(missing).toContain('helm: HELM_BIN=/nonexistent/helm does not exist or is not executable');
  const notHelm = await refusedStart({ KUBECONFIG: E2E_KUBECONFIG, HELM_BIN: '/bin/true' });
  expect(notHelm).toMatch(/helm: HELM_BIN=\/bin\/true (did not answer|printed an unknown version)/);
});
