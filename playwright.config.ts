import { defineConfig, devices } from '@playwright/test';
import { chromiumPath } from './e2e/chromium';

const PORT = Number(process.env.HELMDECK_E2E_PORT ?? 3100);
const BASE_URL = `http://127.0.0.1:${PORT}`;

const CHANGES_RELEASES = ['**/release-manager-*.spec.ts', '**/tickets*.spec.ts'];

const browserUse = {
  ...devices['Desktop Chrome'],
  viewport: { width: 1440, height: 900 },
  launchOptions: {
    executablePath: chromiumPath(),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
    ],
  },
};

export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  // One server, one database: journeys run one at a time, so they are reliable on 2 cores.
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  globalSetup: './e2e/global-setup.ts',
  use: {
    baseURL: BASE_URL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    navigationTimeout: 30_000,
    actionTimeout: 15_000,
  },
  // One stack serves every journey, so journeys that change releases (operations,
  // tickets) run after the ones that read the demo's initial state.
  projects: [
    { name: 'reads', testIgnore: CHANGES_RELEASES, use: browserUse },
    { name: 'changes', testMatch: CHANGES_RELEASES, dependencies: ['reads'], use: browserUse },
  ],
  webServer: {
    // One script, so the startup can become the demo's (sandbox clusters, charts) without touching this file.
    command: 'npx tsx --conditions=react-server scripts/e2e-server.ts',
    url: `${BASE_URL}/api/health?probe=ready`,
    env: { HELMDECK_E2E_PORT: String(PORT) },
    // Includes `next build` on a cold checkout.
    timeout: 900_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 20_000 },
  },
});
