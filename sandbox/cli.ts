// npm run sandbox -- --clusters dev,staging --kubeconfig <file> [--port <first port>] [--state <dir>]
// Prints exactly one line, `sandbox ready: <kubeconfig path>`, once every
// cluster serves; stops cleanly on SIGINT/SIGTERM. The admin token of the
// admin endpoint is written beside the kubeconfig (`<kubeconfig>.admin-token`, by startSandbox).
import { parseArgs } from 'node:util';
import { startSandbox, validateClusterNames } from './index';

const USAGE =
  'usage: npm run sandbox -- --clusters <name,name,...> --kubeconfig <file> [--port <first port>] [--state <dir>]';

function fail(message: string): never {
  process.stderr.write(`sandbox: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function parse() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        clusters: { type: 'string' },
        kubeconfig: { type: 'string' },
        port: { type: 'string' },
        state: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    fail((e as Error).message);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  if (!values.clusters) fail('--clusters is required');
  if (!values.kubeconfig) fail('--kubeconfig is required');
  const clusters = values.clusters
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean);
  try {
    validateClusterNames(clusters);
  } catch (e) {
    fail((e as Error).message);
  }
  let firstPort = 0;
  if (values.port !== undefined) {
    firstPort = Number(values.port);
    if (!/^\d+$/.test(values.port) || firstPort > 65535)
      fail(`--port must be a port number, got "${values.port}"`);
  }
  return { clusters, kubeconfigPath: values.kubeconfig, firstPort, stateDir: values.state };
}

async function main(): Promise<void> {
  const options = parse();
  let sandbox;
  try {
    sandbox = await startSandbox(options);
  } catch (e) {
    process.stderr.write(`sandbox: ${(e as Error).message}\n`);
    process.exit(1);
  }
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    sandbox.stop().then(
      () => process.exit(0),
      (e: unknown) => {
        process.stderr.write(`sandbox: error while stopping: ${(e as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  process.stdout.write(`sandbox ready: ${sandbox.kubeconfigPath}\n`);
}

void main();
