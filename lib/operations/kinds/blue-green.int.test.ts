// Blue/green through the write path: real Postgres, a sandbox cluster, real
// helm. Deploy to idle, test idle (which fails on an unready build and then
// blocks the switch), switch, switch back as a restore, retire.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { stopTestServer } from '@/lib/db/test-database';
import { helmUpgrade, helmHistory } from '@/lib/helm';
import { createClusterClients, loadKubeConfig, type TClusterClients } from '@/lib/kube';
import { readBlueGreenState, type TBlueGreenState } from '@/lib/strategies';
import { createIngress } from '@/lib/strategies/kube-calls';
import { OperationInputError } from '../errors';
import { stopQueue } from '../queue';
import { requestOperation } from '../request-operation';
import { configureOperations, operationsRuntime } from '../runtime';
import { CHART, startFixture, waitForFinal, type TFixture } from '../testing/fixture';
import { startWorker, type TWorker } from '../worker';
import { strategyFor, findRelease, type TBlueGreenStrategy } from '@/lib/config';

const T = { timeout: 600_000 };
const NS = 'production';
const east = { environment: 'production', cluster: 'east', release: 'alpha-members' };

const yaml = `
environments:
  - name: production
    clusters: [{ name: east, context: east }]
    namespace: production
    valuesFiles: [values.yaml]
    timeout: 90s
releases:
  - name: alpha-members
    chart: ${CHART}
    promotion: [production]
    strategies:
      - type: blueGreen
        environment: production
        router: { kind: ingress, name: alpha-members }
        colourValues: { track: '{colour}', ingress: { enabled: false }, replicaCount: 1 }
        retireAfter: 0s
        smokeChecks: [{ name: home page, path: /, contains: alpha-members }]
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
  // The router exists before either colour: it still points at the standard release's Service.
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

const state = (): Promise<TBlueGreenState> =>
  readBlueGreenState(kube, NS, 'alpha-members', strategy);

async function run(kind: string, params: Record<string, unknown>) {
  const op = await requestOperation({ actor: f.rita, kind: kind as never, ...east, params });
  return waitForFinal(f.db, op.id);
}

async function refused(kind: string, params: Record<string, unknown>, pattern: RegExp) {
  await assert.rejects(
    requestOperation({ actor: f.rita, kind: kind as never, ...east, params }),
    (e) => e instanceof OperationInputError && pattern.test(e.message),
  );
}

describe('blue/green operations', () => {
  test('deploy blue while nothing is live, test it, switch the router to it', T, async () => {
    const deployed = await run('deploy_idle', { colour: 'blue', imageTag: '1.0.0' });
    assert.equal(deployed.state, 'succeeded', deployed.error ?? '');
    assert.equal(deployed.release, 'alpha-members', 'the lock and audit name the logical release');
    await refused(
      'switch_traffic',
      { to: 'blue' },
      /blue revision 1 has not been tested; run Test idle first/,
    );

    const tested = await run('test_idle', { colour: 'blue' });
    assert.equal(tested.state, 'succeeded', tested.error ?? '');
    const switched = await run('switch_traffic', {
      to: 'blue',
      version: '1.4.0',
      imageTag: '1.0.0',
    });
    assert.equal(switched.state, 'succeeded', switched.error ?? '');
    const s = await state();
    assert.equal(s.live, 'blue');
    assert.ok(s.liveSince, 'Helmdeck stamps when it switched');
    await refused(
      'deploy_idle',
      { colour: 'blue', imageTag: '1.0.1' },
      /alpha-members-blue is live/,
    );
    await refused('upgrade', { imageTag: '1.0.1' }, /is blue\/green in production\/east/);
  });

  test(
    'an unready build in the idle colour fails test idle, and the switch is refused',
    T,
    async () => {
      // A build that never becomes ready, put there without waiting (as a pipeline might).
      await helmUpgrade(
        { kubeconfig: f.sandbox.kubeconfigPath, kubeContext: 'east', namespace: NS },
        {
          release: 'alpha-members-green',
          chart: CHART,
          install: true,
          wait: 'none',
          rollbackOnFailure: false,
          timeout: '60s',
          values: {
            track: 'green',
            ingress: { enabled: false },
            replicaCount: 1,
            image: { tag: 'unready' },
          },
        },
      );
      const tested = await run('test_idle', { colour: 'green' });
      assert.equal(tested.state, 'failed');
      assert.match(tested.error ?? '', /health \/health: HTTP 503/);
      await refused(
        'switch_traffic',
        { from: 'blue', to: 'green' },
        /the last test of green \(operation #\d+\) failed/,
      );
      assert.equal((await state()).live, 'blue', 'traffic stayed on blue');
    },
  );

  test(
    'a good build in green is tested, switched to, and switched back from as a restore',
    T,
    async () => {
      const deployed = await run('deploy_idle', { colour: 'green', imageTag: '1.1.0' });
      assert.equal(deployed.state, 'succeeded', deployed.error ?? '');
      await refused(
        'switch_traffic',
        { from: 'blue', to: 'green' },
        /green revision 2 has not been tested/,
      );
      assert.equal((await run('test_idle', { colour: 'green' })).state, 'succeeded');
      await refused(
        'switch_traffic',
        { from: 'blue', to: 'green', imageTag: '1.0.9' },
        /runs image 1\.1\.0, not 1\.0\.9/,
      );
      await refused('switch_traffic', { from: 'green', to: 'blue' }, /alpha-members-blue is live/);

      const switched = await run('switch_traffic', {
        from: 'blue',
        to: 'green',
        imageTag: '1.1.0',
      });
      assert.equal(switched.state, 'succeeded', switched.error ?? '');
      assert.equal((await state()).live, 'green');

      const back = await run('switch_back', { from: 'green', to: 'blue' });
      assert.equal(back.state, 'succeeded', back.error ?? '');
      assert.equal((await state()).live, 'blue');
      const gate = await f.db.prisma.auditRecord.findFirst({
        where: { action: 'gate.check', cluster: 'east' },
        orderBy: { seq: 'desc' },
      });
      assert.equal((gate?.details as { gate?: string } | null)?.gate, 'exempt-restore');
    },
  );

  test('the colour traffic left is retired; the live one cannot be', T, async () => {
    await refused('retire_colour', { colour: 'blue' }, /alpha-members-blue is live/);
    const retired = await run('retire_colour', { colour: 'green' });
    assert.equal(retired.state, 'succeeded', retired.error ?? '');
    const history = await helmHistory(
      { kubeconfig: f.sandbox.kubeconfigPath, kubeContext: 'east', namespace: NS },
      { release: 'alpha-members-green' },
    ).catch(() => []);
    assert.equal(history.length, 0, 'green is uninstalled');
    assert.equal((await state()).live, 'blue');
  });
});
