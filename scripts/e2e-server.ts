// The server the Playwright journeys run against: the demo stack (sandbox
// clusters with a real helm history, embedded Postgres, demo users, a
// production build) on fresh state under .helmdeck/e2e. Playwright starts it
// (webServer) and stops it with SIGTERM.
// HELMDECK_E2E_SKIP_BUILD=1 reuses an existing .next build as it is.
import path from 'node:path';
import { acquireLock } from './demo/lock';
import { writeE2eConfig } from './demo/e2e-config';
import { startDemoStack } from './demo/stack';

const root = path.resolve(import.meta.dirname, '..');
const log = (line: string) => console.log(`e2e-server: ${line}`);

// One e2e stack at a time on this machine: concurrent runs would share
// .helmdeck/e2e and rebuild .next under each other.
await acquireLock(path.join(root, '.helmdeck', 'e2e.lock'), log);

const stack = await startDemoStack({
  dataDir: path.join(root, '.helmdeck', 'e2e'),
  port: Number(process.env.HELMDECK_E2E_PORT ?? 3100),
  configPath: writeE2eConfig(
    path.join(root, 'examples', 'helmdeck.yaml'),
    path.join(root, '.helmdeck', 'e2e-helmdeck.yaml'),
  ),
  fresh: true,
  skipBuild: process.env.HELMDECK_E2E_SKIP_BUILD === '1',
  log,
}).catch((e: unknown) => {
  console.error('e2e-server: failed to start:', e instanceof Error ? e.message : e);
  process.exit(1);
});
log(`ready at ${stack.url}`);

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  void stack.stop().then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
