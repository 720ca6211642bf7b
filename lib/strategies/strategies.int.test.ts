// Blue/green routers and canary weights against a sandbox cluster, with the
// colour releases made by real helm and hand-made changes made by real
// kubectl: the live colour and the weight always come from the cluster.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import type { TBlueGreenStrategy, TCanaryStrategy } from '@/lib/config';
import { bundledToolPath, helmUpgrade, resolveHelm, type THelmBinary } from '@/lib/helm';
import { createClusterClients, loadKubeConfig, type TClusterClients } from '@/lib/kube';
import { startSandbox, type TSandbox } from '../../sandbox/index';
import { createIngress, patchObject, StrategyError, getObject } from './kube-calls';
import {
  readBlueGreenState,
  readCanaryTraffic,
  removeCanaryTraffic,
  setCanaryWeight,
  switchPatch,
  switchRouter,
  verifySwitch,
} from './index';

const run = promisify(execFile);
const CHART = path.resolve('examples/charts/alpha-members');
const NS = 'production';
const dir = mkdtempSync(path.join(os.tmpdir(), 'helmdeck-strategies-'));
let sandbox: TSandbox;
let kube: TClusterClients;
let helm: THelmBinary;

const blueGreen = (router: TBlueGreenStrategy['router']): TBlueGreenStrategy => ({
  type: 'blueGreen',
  environment: 'production',
  colours: ['blue', 'green'],
  router,
  colourService: '{release}',
  colourValues: {},
  retireAfter: '30m',
  retire: 'uninstall',
  healthPath: '/health',
  smokeChecks: [],
});
const viaIngress = blueGreen({ kind: 'ingress', name: 'alpha-members' });

async function install(
  release: string,
  values: Record<string, unknown>,
  wait = true,
  namespace = NS,
) {
  await helmUpgrade(
    { helm, kubeconfig: sandbox.kubeconfigPath, kubeContext: 'east', namespace },
    {
      release,
      chart: CHART,
      install: true,
      createNamespace: true,
      wait: wait ? 'watcher' : 'none',
      rollbackOnFailure: wait,
      timeout: '60s',
      values,
    },
  );
}

const kubectl = (namespace: string, ...args: string[]) =>
  run(bundledToolPath('kubectl'), [
    '--kubeconfig',
    sandbox.kubeconfigPath,
    '--context',
    'east',
    '-n',
    namespace,
    ...args,
  ]);

const routerIngress = (service: string) => ({
  metadata: { name: 'alpha-members' },
  spec: {
    ingressClassName: 'nginx',
    rules: [
      {
        host: 'members.example.com',
        http: {
          paths: [
            {
              path: '/',
              pathType: 'Prefix',
              backend: { service: { name: service, port: { name: 'http' } } },
            },
          ],
        },
      },
    ],
  },
});

before(async () => {
  sandbox = await startSandbox({
    clusters: ['east'],
    kubeconfigPath: path.join(dir, 'kubeconfig'),
  });
  const { kubeConfig } = loadKubeConfig({ files: [sandbox.kubeconfigPath] });
  kube = createClusterClients(kubeConfig, 'east');
  helm = await resolveHelm();
  const colour = (track: string) => ({ track, ingress: { enabled: false }, replicaCount: 1 });
  await Promise.all([
    install('alpha-members-blue', colour('blue')),
    install('alpha-members-green', colour('green')),
  ]);
  await createIngress(kube, NS, routerIngress('alpha-members-blue'));
});

after(async () => {
  await sandbox?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('blue/green against a cluster', () => {
  test('the live colour is read from the router, and a kubectl switch shows up', async () => {
    const state = await readBlueGreenState(kube, NS, 'alpha-members', viaIngress);
    assert.equal(state.router.exists, true);
    assert.equal(state.live, 'blue');
    assert.equal(state.idle, 'green');
    assert.equal(state.liveSince, null, 'never switched by Helmdeck');
    assert.ok(state.colours.every((c) => c.serviceExists && c.readyEndpoints === 1));

    await kubectl(
      NS,
      'patch',
      'ingress',
      'alpha-members',
      '--type=json',
      '-p=[{"op":"replace","path":"/spec/rules/0/http/paths/0/backend/service/name","value":"alpha-members-green"}]',
    );
    const after = await readBlueGreenState(kube, NS, 'alpha-members', viaIngress);
    assert.equal(after.live, 'green');
    assert.equal(after.idle, 'blue');
  });

  test('switch traffic is one guarded PATCH, verified, and stamped with since when', async () => {
    const at = new Date('2026-11-30T10:00:00Z');
    const before = await readBlueGreenState(kube, NS, 'alpha-members', viaIngress);
    const to = before.idle!;
    const result = await switchRouter(kube, NS, 'alpha-members', viaIngress, to, at);
    assert.equal(result.from, before.live);
    const verified = await verifySwitch(kube, NS, 'alpha-members', viaIngress, to);
    assert.equal(verified.ok, true, verified.detail);
    const state = await readBlueGreenState(kube, NS, 'alpha-members', viaIngress);
    assert.equal(state.live, to);
    assert.equal(state.liveSince, at.toISOString());
    await assert.rejects(
      switchRouter(kube, NS, 'alpha-members', viaIngress, to),
      (e) => e instanceof StrategyError && /already sends traffic/.test(e.message),
    );
  });

  test('a switch computed from a stale read is refused, not overwritten', async () => {
    const stale = (await getObject(kube, 'ingress', NS, 'alpha-members'))!;
    const state = await readBlueGreenState(kube, NS, 'alpha-members', viaIngress);
    const ops = switchPatch(viaIngress, 'alpha-members', stale, state.idle!);
    await switchRouter(kube, NS, 'alpha-members', viaIngress, state.idle!);
    await assert.rejects(
      patchObject(kube, 'ingress', NS, 'alpha-members', ops),
      (e) => e instanceof StrategyError && e.code === 'conflict',
    );
  });

  test('a Service router switches its selector; verification needs ready endpoints', async () => {
    await kube.core.createNamespacedService({
      namespace: NS,
      body: {
        metadata: { name: 'members-router' },
        spec: {
          selector: { 'app.kubernetes.io/instance': 'alpha-members-blue' },
          ports: [{ name: 'http', port: 80, targetPort: 'http' as never }],
        },
      },
    });
    const viaService = blueGreen({
      kind: 'service',
      name: 'members-router',
      label: 'app.kubernetes.io/instance',
      value: '{release}',
    });
    assert.equal((await readBlueGreenState(kube, NS, 'alpha-members', viaService)).live, 'blue');
    await switchRouter(kube, NS, 'alpha-members', viaService, 'green');
    const verified = await verifySwitch(kube, NS, 'alpha-members', viaService, 'green');
    assert.equal(verified.ok, true, verified.detail);
  });

  test('verification fails when the new colour has no ready pods', async () => {
    // A fresh unready build: helm does not wait, the switch lands, traffic has nowhere to go.
    await install(
      'other-green',
      { track: 'green', ingress: { enabled: false }, replicaCount: 1, image: { tag: 'unready' } },
      false,
    );
    await kube.core.createNamespacedService({
      namespace: NS,
      body: {
        metadata: { name: 'other-router' },
        spec: {
          selector: { 'app.kubernetes.io/instance': 'other-blue' },
          ports: [{ name: 'http', port: 80, targetPort: 'http' as never }],
        },
      },
    });
    const viaService = blueGreen({
      kind: 'service',
      name: 'other-router',
      label: 'app.kubernetes.io/instance',
      value: '{release}',
    });
    await switchRouter(kube, NS, 'other', viaService, 'green');
    const failed = await verifySwitch(kube, NS, 'other', viaService, 'green', { timeoutMs: 1500 });
    assert.equal(failed.ok, false);
    assert.equal(failed.routed, true);
    assert.match(failed.detail, /no ready endpoints/);
  });
});

describe('canary traffic against a cluster', () => {
  const CANARY_NS = 'staging';
  const canary: TCanaryStrategy = {
    type: 'canary',
    environment: 'production',
    steps: [10, 50, 100],
    stepInterval: '1m',
    automatic: true,
    ingress: 'alpha-members',
    canaryService: '{release}',
    canaryValues: {},
    failureLimit: 2,
  };

  test('the weight is a canary Ingress beside the stable one, read back from its annotation', async () => {
    await install('alpha-members', { replicaCount: 1 }, true, CANARY_NS);
    await install(
      'alpha-members-canary',
      { replicaCount: 1, ingress: { enabled: false } },
      true,
      CANARY_NS,
    );
    assert.equal((await readCanaryTraffic(kube, CANARY_NS, 'alpha-members', canary)).exists, false);

    const first = await setCanaryWeight(kube, CANARY_NS, 'alpha-members', canary, 10);
    assert.deepEqual(
      {
        exists: first.exists,
        managed: first.managed,
        weight: first.weight,
        backends: first.backends,
      },
      { exists: true, managed: true, weight: 10, backends: ['alpha-members-canary'] },
    );
    await kubectl(
      CANARY_NS,
      'annotate',
      '--overwrite',
      'ingress',
      'alpha-members-canary',
      'nginx.ingress.kubernetes.io/canary-weight=30',
    );
    assert.equal((await readCanaryTraffic(kube, CANARY_NS, 'alpha-members', canary)).weight, 30);
    assert.equal((await setCanaryWeight(kube, CANARY_NS, 'alpha-members', canary, 50)).weight, 50);
    await assert.rejects(
      setCanaryWeight(kube, CANARY_NS, 'alpha-members', canary, 101),
      /whole percentage/,
    );

    await removeCanaryTraffic(kube, CANARY_NS, 'alpha-members', canary);
    const gone = await readCanaryTraffic(kube, CANARY_NS, 'alpha-members', canary);
    assert.deepEqual([gone.exists, gone.weight], [false, 0]);
    const stable = await getObject(kube, 'ingress', CANARY_NS, 'alpha-members');
    assert.ok(stable, 'the stable Ingress stays');
  });

  test('an Ingress of the canary name that Helmdeck did not make is never touched', async () => {
    const other = { ...canary, ingress: 'gamma' };
    await createIngress(kube, CANARY_NS, {
      ...routerIngress('x'),
      metadata: { name: 'gamma-canary' },
    });
    await assert.rejects(
      setCanaryWeight(kube, CANARY_NS, 'alpha-members', other, 10),
      (e) => e instanceof StrategyError && /not made by Helmdeck/.test(e.message),
    );
    await assert.rejects(
      removeCanaryTraffic(kube, CANARY_NS, 'alpha-members', other),
      /not made by Helmdeck/,
    );
    assert.ok(await getObject(kube, 'ingress', CANARY_NS, 'gamma-canary'));
  });
});
