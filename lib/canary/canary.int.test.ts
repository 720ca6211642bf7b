// Canaries through the write path and the controller: real Postgres, sandbox
// clusters, real helm, and a real Prometheus scraping the sandbox pods'
// request metrics. A healthy build steps to 100 % and is promoted; an
// `errors` build is aborted by the analysis at its first step and the stable
// release never changes.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { findRelease, parseConfig, strategyFor, type TCanaryStrategy } from '@/lib/config';
import { stopTestServer } from '@/lib/db/test-database';
import { helmHistory, helmUpgrade } from '@/lib/helm';
import { createClusterClients, loadKubeConfig, type TClusterClients } from '@/lib/kube';
import { OperationInputError } from '@/lib/operations/errors';
import { stopQueue } from '@/lib/operations/queue';
import { requestOperation } from '@/lib/operations/request-operation';
import { configureOperations, operationsRuntime } from '@/lib/operations/runtime';
import {
  CHART,
  startFixture,
  waitFor,
  waitForFinal,
  type TFixture,
} from '@/lib/operations/testing/fixture';
import { startWorker, type TWorker } from '@/lib/operations/worker';
import { readCanaryTraffic, releaseBuild } from '@/lib/strategies';
import {
  PROMETHEUS_MISSING,
  prometheusBinary,
  startPrometheus,
  type TPrometheus,
} from '../../sandbox/index';
import { startCanaryController, type TCanaryController } from './controller';

const T = { timeout: 600_000 };

const yaml = (promUrl: string) => `
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
        environment: staging
        steps: [50, 100]
        stepInterval: 5s
        failureLimit: 1
        canaryValues: { ingress: { enabled: false }, replicaCount: 1 }
      - type: canary
        environment: production
        steps: [25, 50, 100]
        stepInterval: 5s
        failureLimit: 1
        canaryValues: { ingress: { enabled: false }, replicaCount: 1 }
metrics:
  prometheus: { url: "${promUrl}", clusterLabel: cluster, timeout: 5s }
  analysis: { window: 10s }
allowedCharts: [${path.dirname(CHART)}/*]
`;

const staging = { environment: 'staging', cluster: 'staging', release: 'alpha-members' };
const production = { environment: 'production', cluster: 'east', release: 'alpha-members' };

let f: TFixture;
let worker: TWorker;
let prom: TPrometheus;
let controller: TCanaryController;
const kube: Record<string, TClusterClients> = {};

const strategy = (environment: string, cluster: string): TCanaryStrategy => {
  const s = strategyFor(
    findRelease(operationsRuntime().config, 'alpha-members')!,
    environment,
    cluster,
  );
  assert.ok(s.type === 'canary');
  return s;
};

async function installStable(context: string, namespace: string) {
  await helmUpgrade(
    { kubeconfig: f.sandbox.kubeconfigPath, kubeContext: context, namespace },
    {
      release: 'alpha-members',
      chart: CHART,
      install: true,
      createNamespace: true,
      wait: 'watcher',
      timeout: '60s',
      values: {
        replicaCount: 1,
        image: { tag: '2.0.0' },
        ingress: { enabled: true, host: `${namespace}.example.com` },
      },
    },
  );
}

describe(
  'canary with metric analysis from a real Prometheus',
  { skip: prometheusBinary() ? false : PROMETHEUS_MISSING, timeout: 600_000 },
  () => {
    before(async () => {
      f = await startFixture({ yaml: yaml('http://127.0.0.1:1') });
      for (const c of ['staging', 'east'])
        kube[c] = createClusterClients(
          loadKubeConfig({ files: [f.sandbox.kubeconfigPath] }).kubeConfig,
          c,
        );
      await Promise.all([installStable('staging', 'staging'), installStable('east', 'production')]);
      prom = await startPrometheus({
        sandbox: f.sandbox,
        dataDir: path.join(f.dir, 'prom'),
        scrapeInterval: '1s',
      });
      configureOperations({
        config: parseConfig(yaml(prom.url), f.configPath),
        kubeconfig: f.sandbox.kubeconfigPath,
      });
      worker = await startWorker({ concurrency: 2 });
      controller = startCanaryController({ intervalMs: 1000 });
    });
    after(async () => {
      await controller?.stop();
      await worker?.stop();
      await stopQueue();
      await prom?.stop();
      await f?.db.drop();
      await stopTestServer();
      await f?.stop();
      configureOperations({});
    });

    async function start(place: typeof staging, imageTag: string) {
      const op = await requestOperation({
        actor: f.rita,
        kind: 'canary_start',
        ...place,
        params: { imageTag },
      });
      return waitForFinal(f.db, op.id);
    }

    // The operations the controller asked for, each waited for until it finished.
    async function finishedOps(place: typeof staging) {
      const ops = await f.db.prisma.operation.findMany({
        where: { ...place, kind: { not: 'canary_start' } },
        orderBy: { id: 'asc' },
      });
      return Promise.all(ops.map((o) => waitForFinal(f.db, o.id)));
    }

    const canaryRow = (place: typeof staging) =>
      f.db.prisma.canary.findFirstOrThrow({
        where: place,
        orderBy: { id: 'desc' },
        include: { analyses: { orderBy: { id: 'asc' } } },
      });

    test('a healthy build steps to 100 % by analysis and is promoted', T, async () => {
      const started = await start(staging, '2.1.0');
      assert.equal(started.state, 'succeeded', started.error ?? '');
      const s = strategy('staging', 'staging');
      const traffic = await readCanaryTraffic(kube.staging!, 'staging', 'alpha-members', s);
      assert.equal(traffic.weight, 50, 'the first step is read back from the canary Ingress');
      assert.deepEqual(traffic.backends, ['alpha-members-canary']);
      await assert.rejects(
        requestOperation({ actor: f.rita, kind: 'canary_start', ...staging, params: {} }),
        (e) => e instanceof OperationInputError && /is in progress at 50 %/.test(e.message),
      );
      await assert.rejects(
        requestOperation({
          actor: f.rita,
          kind: 'canary_step',
          ...staging,
          params: { weight: 25 },
        }),
        (e) => e instanceof OperationInputError && /the next step is 100 %/.test(e.message),
      );

      const done = await waitFor(
        'the canary to be promoted',
        async () => {
          const row = await canaryRow(staging);
          return row.state === 'promoted' || row.state === 'aborted' ? row : null;
        },
        300_000,
      );
      assert.equal(done.state, 'promoted', done.reason ?? '');
      const passedAt = new Set(
        done.analyses.filter((a) => a.verdict === 'pass').map((a) => a.weight),
      );
      assert.ok(passedAt.has(50) && passedAt.has(100), `passed at ${[...passedAt].join(', ')}`);
      const steps = await finishedOps(staging);
      assert.deepEqual(
        steps.map((o) => [o.kind, o.state, o.requestedById]),
        [
          ['canary_step', 'succeeded', f.rita.id],
          ['canary_promote', 'succeeded', f.rita.id],
        ],
      );
      const stable = await releaseBuild(kube.staging!, 'staging', 'alpha-members');
      assert.equal(stable?.imageTag, '2.1.0', 'the stable release took the canary build');
      const after = await readCanaryTraffic(kube.staging!, 'staging', 'alpha-members', s);
      assert.equal(after.exists, false, 'the canary Ingress is gone');
      const canary = await helmHistory(
        { kubeconfig: f.sandbox.kubeconfigPath, kubeContext: 'staging', namespace: 'staging' },
        { release: 'alpha-members-canary' },
      ).catch(() => []);
      assert.equal(canary.length, 0, 'the canary release is uninstalled');
      const audited = await f.db.prisma.auditRecord.count({
        where: { action: 'canary.analysis', environment: 'staging' },
      });
      assert.ok(audited >= 2, 'every analysis is audited');
    });

    test(
      'an errors build is aborted by the analysis at its first step; stable never changes',
      T,
      async () => {
        const before = await releaseBuild(kube.east!, 'production', 'alpha-members');
        const started = await start(production, '2.1.0-errors');
        assert.equal(started.state, 'succeeded', started.error ?? '');
        const done = await waitFor(
          'the canary to end',
          async () => {
            const row = await canaryRow(production);
            return row.state === 'promoted' || row.state === 'aborted' ? row : null;
          },
          300_000,
        );
        assert.equal(done.state, 'aborted');
        assert.match(
          done.reason ?? '',
          /failureLimit 1\): error-rate: 0\.0\d+ is above the maximum 0\.05/,
        );
        const failed = done.analyses.find((a) => a.verdict === 'fail')!;
        assert.equal(failed.weight, 25, 'aborted at the first step');
        const errorRate = (
          failed.result as { metrics: { metric: string; value: number }[] }
        ).metrics.find((m) => m.metric === 'error-rate')!;
        assert.ok(errorRate.value > 0.05 && errorRate.value < 0.12, `5xx ratio ${errorRate.value}`);
        const ops = await finishedOps(production);
        assert.deepEqual(
          ops.map((o) => [o.kind, o.state]),
          [['canary_abort', 'succeeded']],
        );
        const stable = await releaseBuild(kube.east!, 'production', 'alpha-members');
        assert.equal(stable?.revision, before?.revision, 'the stable release is untouched');
        assert.equal(stable?.imageTag, '2.0.0');
        const traffic = await readCanaryTraffic(
          kube.east!,
          'production',
          'alpha-members',
          strategy('production', 'east'),
        );
        assert.equal(traffic.exists, false);
        const gate = await f.db.prisma.auditRecord.findFirst({
          where: { action: 'gate.check', cluster: 'east' },
          orderBy: { seq: 'desc' },
        });
        assert.equal((gate?.details as { gate?: string } | null)?.gate, 'exempt-restore');
      },
    );
  },
);
