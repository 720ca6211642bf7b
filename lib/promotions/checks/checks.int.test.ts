// The pre-deploy checklist and the post-deploy verification against a
// sandbox cluster with real helm 4 and helm 3: everything passes on a ready
// namespace, and each item fails (or warns) for its own reason.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { resolveChart } from '@/lib/charts';
import { parseConfig } from '@/lib/config';
import {
  bundledToolPath,
  helmInstall,
  inspectHelm,
  type THelmBinary,
  type THelmTarget,
} from '@/lib/helm';
import { createClusterClients, loadKubeConfig, type TClusterClients } from '@/lib/kube';
import { startSandbox, type TSandbox } from '../../../sandbox/index';
import { writeMiniChart } from '../testing/mini-chart';
import {
  runPreDeployChecks,
  verifyDeployment,
  type TCheckItem,
  type TPreDeployInput,
} from './index';

const dir = mkdtempSync(path.join(os.tmpdir(), 'helmdeck-checks-'));
const chartDir = writeMiniChart(path.join(dir, 'web'));
let sandbox: TSandbox;
let kube: TClusterClients;
let archive: string;

before(async () => {
  sandbox = await startSandbox({
    clusters: ['staging'],
    kubeconfigPath: path.join(dir, 'kubeconfig'),
  });
  kube = createClusterClients(
    loadKubeConfig({ files: [sandbox.kubeconfigPath] }).kubeConfig,
    'staging',
  );
  const config = parseConfig(
    `environments: [{ name: s, clusters: [{ name: staging, context: staging }], namespace: s }]\nreleases: [{ name: web, chart: ${chartDir}, promotion: [s] }]\n`,
    path.join(dir, 'helmdeck.yaml'),
  );
  archive = (
    await resolveChart({
      config,
      release: config.releases[0]!,
      cacheDir: path.join(dir, 'cache'),
      helm: await inspectHelm(bundledToolPath('helm')),
    })
  ).archive;
});
after(async () => {
  await sandbox?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const item = (items: TCheckItem[], name: string) => {
  const found = items.find((i) => i.name === name);
  assert.ok(found, `item ${name} in ${items.map((i) => i.name).join(', ')}`);
  return found;
};

async function namespace(name: string) {
  await kube.core.createNamespace({ body: { metadata: { name } } });
}

for (const tool of ['helm', 'helm3'] as const) {
  describe(`pre-deploy checklist and verification with ${tool}`, () => {
    let helm: THelmBinary;
    const target = (ns: string): THelmTarget => ({
      helm,
      kubeconfig: sandbox.kubeconfigPath,
      kubeContext: 'staging',
      namespace: ns,
    });
    const input = (ns: string, o: Partial<TPreDeployInput> = {}): TPreDeployInput => ({
      release: 'web',
      namespace: ns,
      archive,
      valuesFiles: [],
      values: { secretRef: 'db-credentials', configMapRef: 'flags' },
      helm: target(ns),
      kube,
      environment: { networkPolicy: 'warn' },
      dependencies: [
        { name: 'database', service: 'postgres', port: 'http', healthPath: '/health' },
      ],
      ...o,
    });
    const install = (ns: string, release: string, values: Record<string, unknown>, wait = true) =>
      helmInstall(target(ns), {
        release,
        chart: archive,
        createNamespace: true,
        wait: wait ? 'watcher' : 'none',
        timeout: '1m',
        values,
      });

    before(async () => {
      helm = await inspectHelm(bundledToolPath(tool));
    });

    test('release manager sees every item pass on a ready namespace', async () => {
      const ns = `ready-${tool}`;
      await namespace(ns);
      await kube.core.createNamespacedSecret({
        namespace: ns,
        body: { metadata: { name: 'db-credentials' }, stringData: { password: 'x' } },
      });
      await kube.core.createNamespacedConfigMap({
        namespace: ns,
        body: { metadata: { name: 'flags' }, data: { A: '1' } },
      });
      await kube.networking.createNamespacedNetworkPolicy({
        namespace: ns,
        body: {
          metadata: { name: 'web-only' },
          spec: {
            podSelector: { matchLabels: { 'app.kubernetes.io/name': 'web' } },
            policyTypes: ['Ingress'],
          },
        },
      });
      await kube.core.createNamespacedResourceQuota({
        namespace: ns,
        body: {
          metadata: { name: 'team' },
          spec: { hard: { 'requests.cpu': '1', 'limits.memory': '1Gi', pods: '10' } },
        },
      });
      await install(ns, 'postgres', {});
      const items = await runPreDeployChecks(
        input(ns, {
          changeManagement: async () => ({ verdict: 'pass', reason: 'ticket #4 approved' }),
        }),
      );
      for (const i of items) assert.equal(i.verdict, 'pass', `${i.name}: ${i.reason}`);
      assert.deepEqual(
        items.map((i) => i.name),
        [
          'lint',
          'template',
          'schema',
          'namespace',
          'references',
          'quota',
          'networkPolicy',
          'dependency:database',
          'changeManagement',
        ],
      );
    });

    test('a template that does not render fails lint and template', async () => {
      const items = await runPreDeployChecks(
        input(`none-${tool}`, { values: { broken: true }, dependencies: [] }),
      );
      assert.equal(item(items, 'lint').verdict, 'fail');
      assert.equal(item(items, 'template').verdict, 'fail');
      assert.match(item(items, 'template').reason, /deployment\.yaml:15/);
    });

    test('values against the schema fail the schema item, naming the field', async () => {
      const items = await runPreDeployChecks(
        input(`none-${tool}`, { values: { replicas: 0 }, dependencies: [] }),
      );
      const schema = item(items, 'schema');
      assert.equal(schema.verdict, 'fail');
      assert.match(schema.reason, /replicas/);
    });

    test('a missing namespace warns that it will be created; missing references fail, naming them', async () => {
      const items = await runPreDeployChecks(input(`absent-${tool}`, { dependencies: [] }));
      assert.equal(item(items, 'namespace').verdict, 'warn');
      const refs = item(items, 'references');
      assert.equal(refs.verdict, 'fail');
      assert.match(
        refs.reason,
        /Secret db-credentials \(Deployment\/web container web env DB_PASSWORD\)/,
      );
      assert.match(refs.reason, /ConfigMap flags/);
    });

    test('a quota without room fails; no NetworkPolicy warns, or fails where the environment blocks', async () => {
      const ns = `tight-${tool}`;
      await namespace(ns);
      await kube.core.createNamespacedResourceQuota({
        namespace: ns,
        body: { metadata: { name: 'small' }, spec: { hard: { 'requests.cpu': '150m' } } },
      });
      const items = await runPreDeployChecks(input(ns, { values: {}, dependencies: [] }));
      assert.equal(item(items, 'quota').verdict, 'fail');
      assert.match(
        item(items, 'quota').reason,
        /requests\.cpu: needs 0\.2, room for 0\.15 of 150m/,
      );
      assert.equal(item(items, 'networkPolicy').verdict, 'warn');
      const blocked = await runPreDeployChecks(
        input(ns, { values: {}, dependencies: [], environment: { networkPolicy: 'block' } }),
      );
      assert.equal(item(blocked, 'networkPolicy').verdict, 'fail');
      assert.equal(item(blocked, 'networkPolicy').blocking, true);
    });

    test('a dependency that is absent or has no ready endpoints fails', async () => {
      const ns = `deps-${tool}`;
      await install(ns, 'cache', { image: { tag: 'unready' } }, false);
      const items = await runPreDeployChecks(
        input(ns, {
          values: {},
          dependencies: [
            { name: 'redis', service: 'redis' },
            { name: 'cache', service: 'cache' },
          ],
        }),
      );
      assert.match(item(items, 'dependency:redis').reason, /Service deps-.*\/redis not found/);
      assert.equal(item(items, 'dependency:cache').verdict, 'fail');
      assert.match(item(items, 'dependency:cache').reason, /no ready endpoints/);
    });

    test('verification passes after a good rollout: pods, helm test, endpoints, health version, smoke check', async () => {
      const ns = `verify-${tool}`;
      const started = new Date();
      await install(ns, 'web', { image: { tag: '2.0.0' } });
      const items = await verifyDeployment({
        release: 'web',
        namespace: ns,
        helm: target(ns),
        kube,
        rolloutStartedAt: started,
        imageTag: '2.0.0',
        hasTests: true,
        health: { path: '/health', expectVersion: true },
        smokeChecks: [{ name: 'home', path: '/', status: 200, contains: 'served by' }],
      });
      for (const i of items) assert.equal(i.verdict, 'pass', `${i.name}: ${i.reason}`);
      assert.deepEqual(
        items.map((i) => i.name),
        ['pods', 'helmTest', 'endpoints', 'health', 'smoke:home'],
      );
      assert.match(item(items, 'health').reason, /reports version 2\.0\.0/);
      assert.ok(items.every((i) => Number.isInteger(i.durationMs)));
    });

    test('verification fails for a wrong version, a failing helm test, a smoke check and unready pods', async () => {
      const ns = `bad-${tool}`;
      const started = new Date();
      await install(ns, 'web', { image: { tag: '2.0.0' }, testTag: 'fail' });
      const items = await verifyDeployment({
        release: 'web',
        namespace: ns,
        helm: target(ns),
        kube,
        rolloutStartedAt: started,
        imageTag: '2.1.0',
        hasTests: true,
        health: { path: '/health', expectVersion: true },
        smokeChecks: [{ path: '/nope', status: 200 }],
      });
      assert.match(item(items, 'health').reason, /reports version 2\.0\.0, expected 2\.1\.0/);
      assert.equal(item(items, 'helmTest').verdict, 'fail');
      assert.match(item(items, 'smoke:1').reason, /\/nope answered 404, expected 200/);
      const unreadyNs = `unready-${tool}`;
      await install(unreadyNs, 'web', { image: { tag: 'unready' } }, false);
      const unready = await verifyDeployment({
        release: 'web',
        namespace: unreadyNs,
        helm: target(unreadyNs),
        kube,
        rolloutStartedAt: new Date(),
        hasTests: false,
        smokeChecks: [],
        readyWithinMs: 1500,
      });
      assert.equal(item(unready, 'pods').verdict, 'fail');
      assert.match(item(unready, 'pods').reason, /web: 0\/2 ready/);
      assert.equal(item(unready, 'endpoints').verdict, 'fail');
    });
  });
}
