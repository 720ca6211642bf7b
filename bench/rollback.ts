// Benchmark: Helmdeck's rollback, from requestOperation to the recorded
// outcome (validation, policy, Operation + audit transaction, queue, worker,
// helm, outcome + audit), beside the same `helm rollback --wait` run
// directly, alternating in the same run against one sandbox cluster.
// Ends with: rollback: helmdeck_ms=<n> helm_ms=<n> ratio=<n> (medians).
// Run: npm run bench:rollback [-- rounds]
import { stopTestServer } from '../lib/db/test-database';
import { helmRollback } from '../lib/helm';
import {
  configureOperations,
  listenProgress,
  requestOperation,
  startWorker,
  stopQueue,
} from '../lib/operations';
import { startFixture, waitForFinal } from '../lib/operations/testing/fixture';

const rounds = Number(process.argv[2] ?? 7);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

const f = await startFixture();
const worker = await startWorker({ concurrency: 2 });
const where = { environment: 'staging', cluster: 'staging', release: 'alpha-members' };
const finished = new Map<number, () => void>();
const stopListening = await listenProgress(f.db.url, (id) => finished.get(id)?.());

async function helmdeckRollback(): Promise<number> {
  const start = performance.now();
  const op = await requestOperation({ actor: f.rita, kind: 'rollback', ...where });
  // Woken by the NOTIFY that commits with the outcome; each wake-up checks the row.
  await new Promise<void>((resolve) => {
    const check = async () => {
      const row = await f.db.prisma.operation.findUniqueOrThrow({
        where: { id: op.id },
        select: { state: true },
      });
      if (row.state !== 'queued' && row.state !== 'running') resolve();
    };
    finished.set(op.id, () => void check());
    void check();
  });
  const ms = performance.now() - start;
  finished.delete(op.id);
  const row = await f.db.prisma.operation.findUniqueOrThrow({ where: { id: op.id } });
  if (row.state !== 'succeeded') throw new Error(`helmdeck rollback failed: ${row.error}`);
  return ms;
}

async function directRollback(): Promise<number> {
  const start = performance.now();
  await helmRollback(
    { kubeconfig: f.sandbox.kubeconfigPath, kubeContext: 'staging', namespace: 'staging' },
    { release: 'alpha-members', timeout: '90s', historyMax: 4, wait: 'watcher' },
  );
  return performance.now() - start;
}

try {
  for (const [kind, tag] of [
    ['install', '2.3.0'],
    ['upgrade', '2.3.1'],
  ] as const) {
    const op = await requestOperation({ actor: f.rita, kind, ...where, params: { imageTag: tag } });
    const done = await waitForFinal(f.db, op.id);
    if (done.state !== 'succeeded') throw new Error(`${kind} failed: ${done.error}`);
  }
  await helmdeckRollback(); // warm-up: clients, connections, page cache
  await directRollback();
  const helmdeck: number[] = [];
  const helm: number[] = [];
  for (let i = 0; i < rounds; i++) {
    helmdeck.push(await helmdeckRollback());
    helm.push(await directRollback());
  }
  const h = median(helmdeck);
  const d = median(helm);
  console.log(`helmdeck samples: ${helmdeck.map((x) => x.toFixed(0)).join(' ')}`);
  console.log(`helm samples:     ${helm.map((x) => x.toFixed(0)).join(' ')}`);
  console.log(
    `rollback: helmdeck_ms=${h.toFixed(0)} helm_ms=${d.toFixed(0)} ratio=${(h / d).toFixed(2)}`,
  );
} finally {
  await stopListening();
  await worker.stop();
  await stopQueue();
  await f.db.drop();
  await stopTestServer();
  await f.stop();
  configureOperations({});
}
