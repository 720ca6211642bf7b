// Promoting into a canary environment uses its strategy: real Postgres,
// sandbox clusters, real helm, a real worker, the canary controller and a
// real Prometheus scraping the sandbox pods. A healthy build goes out as a
// canary that the controller promotes; an `errors` build's canary is aborted
// by the analysis, the step fails and the stable release keeps its build.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parseConfig } from '@/lib/config';
import { startCanaryController, type TCanaryController } from '@/lib/canary/controller';
import { stopTestServer } from '@/lib/db/test-database';
import { helmUpgrade } from '@/lib/helm';
import { createClusterClients, loadKubeConfig, type TClusterClients } from '@/lib/kube';
import { stopQueue } from '@/lib/operations/queue';
import { configureOperations } from '@/lib/operations/runtime';
import { CHART, startFixture, type TFixture } from '@/lib/operations/testing/fixture';
import { startWorker, type TWorker } from '@/lib/operations/worker';
import { releaseBuild } from '@/lib/strategies';
import {
  PROMETHEUS_MISSING,
  prometheusBinary,
  startPrometheus,
  type TPrometheus,
} from '../../../sandbox/index';
import { createPromotion, runPromotion } from '../index';

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
        environment: production
        steps: [50, 100]
        stepInterval: 5s
        failureLimit: 1
        canaryValues: { ingress: { enabled: false }, replicaCount: 1 }
metrics:
  prometheus: { url: "${promUrl}", clusterLabel: cluster, timeout: 5s }
  analysis: { window: 10s }
allowedCharts: [${path.dirname(CHART)}/*]
`;

let f: TFixture;
let worker: TWorker;
let prom: TPrometheus;
let controller: TCanaryController;
let east: TClusterClients;

/** Staging gets the build, then production takes it from staging; returns production's promotion and step. */
async function promoteThrough(imageTag: string) {
  let last;
  for (const stage of [
    { to: 'staging', build: { chartVersion: '1.4.0', imageTag } },
    { to: 'production', from: 'staging' },
  ]) {
    const p = await createPromotion({ actor: f.rita, release: 'alpha-members', ...stage });
    await runPromotion(p.id, { watchIntervalMs: 250 });
    last = await f.db.prisma.promotion.findUniqueOrThrow({
      where: { id: p.id },
      include: { steps: true },
    });
    if (stage.to === 'staging') assert.equal(last.state, 'succeeded', last.error ?? '');
  }
  return { promotion: last!, step: last!.steps[0]! };
}

describe(
  'promotions into a canary environment',
  { skip: prometheusBinary() ? false : PROMETHEUS_MISSING, timeout: 600_000 },
  () => {
    before(async () => {
      f = await startFixture({ yaml: yaml('http://127.0.0.1:1') });
      east = createClusterClients(
        loadKubeConfig({ files: [f.sandbox.kubeconfigPath] }).kubeConfig,
        'east',
      );
      // The stable release runs before any canary can start beside it.
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

    test('a healthy build goes out as a canary and is promoted by the analysis', T, async () => {
      const { promotion, step } = await promoteThrough('2.1.0');
      assert.equal(promotion.state, 'succeeded', promotion.error ?? '');
      assert.equal(step.strategy, 'canary');
      const ops = await f.db.prisma.operation.findMany({
        where: { environment: 'production', release: 'alpha-members' },
        orderBy: { id: 'asc' },
      });
      assert.deepEqual(
        ops.map((o) => [o.kind, o.state]),
        [
          ['canary_start', 'succeeded'],
          ['canary_step', 'succeeded'],
          ['canary_promote', 'succeeded'],
        ],
      );
      assert.equal((await releaseBuild(east, 'production', 'alpha-members'))!.imageTag, '2.1.0');
      assert.equal(await releaseBuild(east, 'production', 'alpha-members-canary'), null);
    });

    test(
      'an errors build is aborted by the analysis; the stable release keeps its build',
      T,
      async () => {
        const before = await releaseBuild(east, 'production', 'alpha-members');
        const { promotion, step } = await promoteThrough('2.2.0-errors');
        assert.notEqual(promotion.state, 'succeeded');
        assert.match(step.error ?? '', /the canary was aborted: analysis failed/);
        const after = await releaseBuild(east, 'production', 'alpha-members');
        assert.equal(after!.revision, before!.revision, 'the stable release never changed');
        assert.equal(after!.imageTag, before!.imageTag);
      },
    );
  },
);
