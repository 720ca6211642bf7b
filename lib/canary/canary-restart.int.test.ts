// A canary is restart-safe: a worker in its own process, killed with SIGKILL
// while it moves the canary's weight, leaves an operation that reconcile
// settles from the canary Ingress, so the canary's row in Postgres and the
// weight the cluster serves agree, and the next step runs as usual.
import assert from 'node:assert/strict';
import { killCrashables, kill9, startCrashable } from '@/lib/testing/crashable-process';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { findRelease, strategyFor, type TCanaryStrategy } from '@/lib/config';
import { stopTestServer } from '@/lib/db/test-database';
import { helmUpgrade } from '@/lib/helm';
import { createClusterClients, loadKubeConfig, type TClusterClients } from '@/lib/kube';
import { stopQueue } from '@/lib/operations/queue';
import { reconcileOperations } from '@/lib/operations/reconcile';
import { requestOperation } from '@/lib/operations/request-operation';
import { configureOperations, operationsRuntime } from '@/lib/operations/runtime';
import {
  CHART,
  startFixture,
  waitFor,
  waitForFinal,
  type TFixture,
} from '@/lib/operations/testing/fixture';
import { startWorker } from '@/lib/operations/worker';
import { readCanaryTraffic } from '@/lib/strategies';

const T = { timeout: 600_000 };
const east = { environment: 'production', cluster: 'east', release: 'alpha-members' };
const yaml = `
environments:
  - name: staging
    clusters: [{ name: staging, context: staging }]
    namespace: staging
    timeout: 90s
  - name: production
    clusters: [{ name: east, context: east }]
    namespace: production
    timeout: 90s
releases:
  - name: alpha-members
    chart: ${CHART}
    promotion: [staging, production]
    strategies:
      - type: canary
        environment: production
        steps: [10, 50, 100]
        automatic: false
        canaryValues: { ingress: { enabled: false }, replicaCount: 1 }
allowedCharts: [${path.dirname(CHART)}/*]
`;

let f: TFixture;
let kube: TClusterClients;
let strategy: TCanaryStrategy;

before(async () => {
  f = await startFixture({ yaml });
  kube = createClusterClients(
    loadKubeConfig({ files: [f.sandbox.kubeconfigPath] }).kubeConfig,
    'east',
  );
  const s = strategyFor(
    findRelease(operationsRuntime().config, 'alpha-members')!,
    'production',
    'east',
  );
  assert.ok(s.type === 'canary');
  strategy = s;
  await helmUpgrade(
    { kubeconfig: f.sandbox.kubeconfigPath, kubeContext: 'east', namespace: 'production' },
    {
      release: 'alpha-members',
      chart: CHART,
      install: true,
      createNamespace: true,
      wait: 'watcher',
      timeout: '60s',
      values: { replicaCount: 1, image: { tag: '2.0.0' } },
    },
  );
});
after(async () => {
  killCrashables();
  f?.sandbox.clearFaults();
  await stopQueue();
  await f?.db.drop();
  await stopTestServer();
  await f?.stop();
  configureOperations({});
});

/** The operations worker in a process of its own, to be killed like a crash. */
const spawnWorker = () =>
  startCrashable('lib/operations/testing/worker-process.ts', [
    f.db.url,
    f.configPath,
    f.sandbox.kubeconfigPath,
  ]);

const canaryRow = () =>
  f.db.prisma.canary.findFirstOrThrow({ where: east, orderBy: { id: 'desc' } });

const step = (weight: number) =>
  requestOperation({ actor: f.rita, kind: 'canary_step', ...east, params: { weight } });

describe('canary restart safety', () => {
  test(
    'a worker killed during a canary step: Postgres and the canary Ingress agree after reconcile, and the canary carries on',
    T,
    async (t) => {
      const worker = await startWorker({ concurrency: 1 });
      try {
        const op = await requestOperation({
          actor: f.rita,
          kind: 'canary_start',
          ...east,
          params: { imageTag: '2.1.0' },
        });
        const started = await waitForFinal(f.db, op.id);
        assert.equal(started.state, 'succeeded', started.error ?? '');
      } finally {
        await worker.stop();
      }
      assert.equal((await canaryRow()).weight, 10);

      const child = await spawnWorker();
      // Every answer of the cluster is slow, so the worker is inside the step when it dies.
      f.sandbox.setFault('east', { kind: 'latency', ms: 3000 });
      const op = await step(50);
      await waitFor('the step to be running in the worker process', async () => {
        const row = await f.db.prisma.operation.findUniqueOrThrow({ where: { id: op.id } });
        return row.state === 'running';
      });
      await new Promise((r) => setTimeout(r, 1000));
      await kill9(child);
      f.sandbox.clearFaults('east');

      await waitFor("the dead worker's operation lock to be released", async () => {
        await reconcileOperations();
        const row = await f.db.prisma.operation.findUniqueOrThrow({ where: { id: op.id } });
        return row.state !== 'running' && row.state !== 'queued';
      });
      const settled = await f.db.prisma.operation.findUniqueOrThrow({ where: { id: op.id } });
      assert.ok(['succeeded', 'failed'].includes(settled.state), settled.state);
      const traffic = await readCanaryTraffic(kube, 'production', 'alpha-members', strategy);
      const row = await canaryRow();
      t.diagnostic(
        `the killed step settled ${settled.state}; the Ingress serves ${traffic.weight} %`,
      );
      assert.equal(row.state, 'running');
      assert.equal(row.weight, traffic.weight, 'Postgres has the weight the Ingress serves');
      assert.equal(
        traffic.weight,
        settled.state === 'succeeded' ? 50 : 10,
        `settled ${settled.state}: ${settled.error ?? ''}`,
      );
      assert.equal(row.stepIndex, strategy.steps.indexOf(traffic.weight));

      // A fresh worker takes the next step from where the cluster is.
      const next = strategy.steps[row.stepIndex + 1]!;
      const again = await startWorker({ concurrency: 1 });
      try {
        const done = await waitForFinal(f.db, (await step(next)).id);
        assert.equal(done.state, 'succeeded', done.error ?? '');
      } finally {
        await again.stop();
      }
      const now = await readCanaryTraffic(kube, 'production', 'alpha-members', strategy);
      assert.equal(now.weight, next);
      assert.equal((await canaryRow()).weight, next);
    },
  );
});
