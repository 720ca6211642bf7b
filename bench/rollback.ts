// bench:rollback — a rollback as a CI pipeline gets it, through HTTP against
// `next start`: from `POST /api/v1/operations` to `GET /api/v1/operations/{id}`
// reporting it finished (polled every 10 ms), beside the same
// `helm rollback --wait` run by hand, alternating, against one sandbox
// cluster. Needs a current `npm run build`. Prints figures only.
//   npm run bench:rollback [-- --rounds 7 --port 3000]
// Ends with: rollback: helmdeck_ms=<n> helm_ms=<n> ratio=<n> (medians), after
// a line that splits Helmdeck's time by the operation's own timestamps.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { helmRollback } from '../lib/helm';
import { startSandbox } from '../sandbox/index';
import { median, printComparison, requireBuild, sleep, waitUntilUp } from './http-bench';
import { startBenchServer } from './overview-server';

const { values: args } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    rounds: { type: 'string', default: '7' },
    port: { type: 'string' },
  },
});
const rounds = Number(args.rounds);
const CHART = path.resolve('examples/charts/alpha-members');

type TOperationBody = {
  state: string;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
};

requireBuild('bench:rollback');
const dir = mkdtempSync(path.join(os.tmpdir(), 'helmdeck-bench-rollback-'));
const sandbox = await startSandbox({
  clusters: ['staging'],
  kubeconfigPath: path.join(dir, 'kubeconfig'),
});
const server = await startBenchServer({
  dir,
  kubeconfig: sandbox.kubeconfigPath,
  role: 'release_manager',
  port: args.port ? Number(args.port) : undefined,
  config: {
    environments: [
      {
        name: 'staging',
        namespace: 'staging',
        clusters: [{ name: 'staging', context: 'staging' }],
      },
    ],
    releases: [{ name: 'alpha-members', chart: CHART, promotion: ['staging'] }],
    allowedCharts: [`${path.dirname(CHART)}/*`],
  },
});
const headers = { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' };
const where = { environment: 'staging', cluster: 'staging', release: 'alpha-members' };

async function operation(id: number): Promise<TOperationBody> {
  const res = await fetch(`${server.url}/api/v1/operations/${id}?afterLogId=999999999999`, {
    headers,
  });
  if (!res.ok) throw new Error(`GET operation ${id}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { operation: TOperationBody }).operation;
}

/** Client-timed, POST to the first GET that says finished; with the row's own timestamps. */
async function viaHttp(kind: string, params: Record<string, unknown> = {}) {
  const start = performance.now();
  const res = await fetch(`${server.url}/api/v1/operations`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ kind, ...where, params }),
  });
  if (res.status !== 202) throw new Error(`POST ${kind}: ${res.status} ${await res.text()}`);
  const { operation: queued } = (await res.json()) as { operation: { id: number } };
  for (;;) {
    const op = await operation(queued.id);
    if (op.state !== 'queued' && op.state !== 'running') {
      const ms = performance.now() - start;
      if (op.state !== 'succeeded') throw new Error(`${kind} ${op.state}: ${op.error}`);
      const at = (s: string | null) => (s ? Date.parse(s) : NaN);
      return {
        ms,
        queueMs: at(op.startedAt) - at(op.createdAt),
        runMs: at(op.finishedAt) - at(op.startedAt),
        outsideMs: ms - (at(op.finishedAt) - at(op.createdAt)),
      };
    }
    await sleep(10);
  }
}

async function byHand(): Promise<number> {
  const start = performance.now();
  await helmRollback(
    { kubeconfig: sandbox.kubeconfigPath, kubeContext: 'staging', namespace: 'staging' },
    { release: 'alpha-members', timeout: '5m', wait: 'watcher' },
  );
  return performance.now() - start;
}

try {
  await waitUntilUp(server);
  await viaHttp('install', { imageTag: '2.3.0' });
  await viaHttp('upgrade', { imageTag: '2.3.1' });
  await viaHttp('rollback'); // warm-up: routes compiled into memory, clients, connections
  await byHand();
  const helmdeck: Awaited<ReturnType<typeof viaHttp>>[] = [];
  const helm: number[] = [];
  for (let i = 0; i < rounds; i++) {
    helmdeck.push(await viaHttp('rollback'));
    helm.push(await byHand());
  }
  printComparison(
    'rollback',
    { helmdeckMs: helmdeck.map((x) => x.ms), helmMs: helm },
    `rollback split (medians): queue_ms=${median(helmdeck.map((x) => x.queueMs)).toFixed(0)} run_ms=${median(helmdeck.map((x) => x.runMs)).toFixed(0)} outside_ms=${median(helmdeck.map((x) => x.outsideMs)).toFixed(0)}`,
  );
} finally {
  await server.stop();
  await sandbox.stop();
  rmSync(dir, { recursive: true, force: true });
}
