// Promoting into a blue/green environment uses its strategy: real Postgres,
// sandbox clusters, real helm, a real worker. Each promotion deploys the
// build to the idle colour, tests it and switches the router to it; the
// colour that was live keeps running for a switch back.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { findRelease, strategyFor, type TBlueGreenStrategy } from '@/lib/config';
import { stopTestServer } from '@/lib/db/test-database';
import { createClusterClients, loadKubeConfig, type TClusterClients } from '@/lib/kube';
import { stopQueue } from '@/lib/operations/queue';
import { configureOperations, operationsRuntime } from '@/lib/operations/runtime';
import { CHART, startFixture, type TFixture } from '@/lib/operations/testing/fixture';
import { startWorker, type TWorker } from '@/lib/operations/worker';
import { readBlueGreenState, releaseBuild } from '@/lib/strategies';
import { createIngress } from '@/lib/strategies/kube-calls';
import { createPromotion, runPromotion } from '../index';

const T = { timeout: 600_000 };
const NS = 'production';
const yaml = `
environments:
  - name: staging
    clusters: [{ name: staging, context: staging }]
    namespace: staging
    valuesFiles: [values.yaml, values-staging.yaml]
    timeout: 90s
  - name: production
    clusters: [{ name: east, context: east }]
    namespace: production
    valuesFiles: [values.yaml]
    timeout: 90s
releases:
  - name: alpha-members
    chart: ${CHART}
    promotion: [staging, production]
    strategies:
      - type: blueGreen
        environment: production
        router: { kind: ingress, name: alpha-members }
        colourValues: { track: '{colour}', ingress: { enabled: false }, replicaCount: 1 }
allowedCharts: [${path.dirname(CHART)}/*]
`;

let f: TFixture;
let worker: TWorker;
let kube: TClusterClients;
let strategy: TBlueGreenStrategy;

before(async () => {
  f = await startFixture({ yaml });
  worker = await startWorker({ concurrency: 2 });
  kube = createClusterClients(
    loadKubeConfig({ files: [f.sandbox.kubeconfigPath] }).kubeConfig,
    'east',
  );
  const s = strategyFor(
    findRelease(operationsRuntime().config, 'alpha-members')!,
    'production',
    'east',
  );
  assert.ok(s.type === 'blueGreen');
  strategy = s;
  await kube.core.createNamespace({ body: { metadata: { name: NS } } });
  // The router exists before either colour, pointing at no colour yet.
  await createIngress(kube, NS, {
    metadata: { name: 'alpha-members' },
    spec: {
      rules: [
        {
          host: 'members.example.com',
          http: {
            paths: [
              {
                path: '/',
                pathType: 'Prefix',
                backend: { service: { name: 'alpha-members', port: { name: 'http' } } },
              },
            ],
          },
        },
      ],
    },
  });
});
after(async () => {
  await worker?.stop();
  await stopQueue();
  await f?.db.drop();
  await stopTestServer();
  await f?.stop();
  configureOperations({});
});

/** Staging gets the build, then production takes it from staging; both must succeed. */
async function promoteThrough(imageTag: string) {
  const ids: number[] = [];
  for (const stage of [
    { to: 'staging', build: { chartVersion: '1.4.0', imageTag } },
    { to: 'production', from: 'staging' },
  ]) {
    const p = await createPromotion({ actor: f.rita, release: 'alpha-members', ...stage });
    await runPromotion(p.id, { watchIntervalMs: 250 });
    const done = await f.db.prisma.promotion.findUniqueOrThrow({
      where: { id: p.id },
      include: { steps: true },
    });
    assert.equal(done.state, 'succeeded', `${stage.to}: ${done.error ?? ''}`);
    ids.push(p.id);
  }
  const step = await f.db.prisma.promotionStep.findFirstOrThrow({
    where: { promotionId: ids[1]! },
  });
  const ops = await f.db.prisma.operation.findMany({
    where: { id: { in: step.operationIds } },
    orderBy: { id: 'asc' },
  });
  return { step, ops };
}

describe('promotions into a blue/green environment', () => {
  test(
    'each promotion deploys to the idle colour, tests it and switches traffic to it',
    T,
    async () => {
      const first = await promoteThrough('1.2.0');
      assert.equal(first.step.strategy, 'blueGreen');
      assert.deepEqual(
        first.ops.map((o) => [o.kind, o.state, (o.params as { colour?: string }).colour]),
        [
          ['deploy_idle', 'succeeded', 'blue'],
          ['test_idle', 'succeeded', 'blue'],
          ['switch_traffic', 'succeeded', undefined],
        ],
      );
      let state = await readBlueGreenState(kube, NS, 'alpha-members', strategy);
      assert.equal(state.live, 'blue');
      assert.equal((await releaseBuild(kube, NS, 'alpha-members-blue'))!.imageTag, '1.2.0');
      assert.equal(await releaseBuild(kube, NS, 'alpha-members'), null, 'no plain release');

      const second = await promoteThrough('1.3.0');
      assert.deepEqual(
        second.ops.map((o) => o.kind),
        ['deploy_idle', 'test_idle', 'switch_traffic'],
      );
      state = await readBlueGreenState(kube, NS, 'alpha-members', strategy);
      assert.equal(state.live, 'green', 'traffic moved to the colour that got the build');
      assert.equal((await releaseBuild(kube, NS, 'alpha-members-green'))!.imageTag, '1.3.0');
      assert.equal(
        (await releaseBuild(kube, NS, 'alpha-members-blue'))!.imageTag,
        '1.2.0',
        'the old colour keeps running for a switch back',
      );
      const switches = await f.db.prisma.auditRecord.findMany({
        where: { action: 'switch_traffic', outcome: 'succeeded', environment: 'production' },
      });
      assert.equal(switches.length, 2, 'each switch is audited');
    },
  );
});
