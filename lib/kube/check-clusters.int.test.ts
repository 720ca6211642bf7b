// checkClusters against real sandbox clusters through @kubernetes/client-node.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startSandbox, type TSandbox } from '../../sandbox/index';
import { checkClusters } from './check-clusters';
import { createClusterClients } from './clients';
import { loadKubeConfig } from './kubeconfig';

const dir = mkdtempSync(path.join(os.tmpdir(), 'helmdeck-kube-sbx-'));
let sandbox: TSandbox;

before(async () => {
  sandbox = await startSandbox({
    clusters: ['dev', 'staging', 'east', 'west'],
    kubeconfigPath: path.join(dir, 'kubeconfig'),
  });
});
after(async () => {
  await sandbox?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const config = {
  environments: [
    { name: 'development', clusters: [{ name: 'dev', context: 'dev' }] },
    { name: 'staging', clusters: [{ name: 'staging', context: 'staging' }] },
    {
      name: 'production',
      clusters: [
        { name: 'east', context: 'east' },
        { name: 'west', context: 'west' },
        { name: 'eu', context: 'eu' },
      ],
    },
  ],
} as Parameters<typeof checkClusters>[0];

describe('cluster reachability', () => {
  test('every reachable cluster answers with its version; a context missing from the kubeconfig is reported, not thrown', async () => {
    const { kubeConfig, source } = loadKubeConfig({
      files: [sandbox.kubeconfigPath],
      inCluster: false,
    });
    const checks = await checkClusters(config, { kubeConfig, source, timeoutMs: 10_000 });
    assert.deepEqual(
      checks.map((c) => [c.environment, c.cluster, c.reachable]),
      [
        ['development', 'dev', true],
        ['staging', 'staging', true],
        ['production', 'east', true],
        ['production', 'west', true],
        ['production', 'eu', false],
      ],
    );
    assert.match(checks[0]!.serverVersion ?? '', /^v1\.\d+/);
    assert.match(
      checks[4]!.error ?? '',
      /kube context "eu" is not in the kubeconfig .*available: dev, staging, east, west/,
    );
    assert.ok(checks.every((c) => c.latencyMs >= 0));
  });

  test('a down cluster and a hung cluster are reported per cluster while the others answer', async () => {
    const hung = createServer(() => {}); // accepts, never answers
    await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve));
    try {
      const { kubeConfig, source } = loadKubeConfig({
        files: [sandbox.kubeconfigPath],
        inCluster: false,
      });
      kubeConfig.clusters = kubeConfig.clusters.map((c) =>
        c.name === 'west'
          ? { ...c, server: `https://127.0.0.1:${(hung.address() as { port: number }).port}` }
          : c,
      );
      sandbox.setFault('east', { kind: 'unreachable' });
      const checks = await checkClusters(config, { kubeConfig, source, timeoutMs: 2000 });
      const byCluster = new Map(checks.map((c) => [c.cluster, c]));
      assert.equal(byCluster.get('dev')?.reachable, true);
      assert.equal(byCluster.get('staging')?.reachable, true);
      assert.equal(byCluster.get('east')?.reachable, false);
      assert.match(byCluster.get('east')?.error ?? '', /connection (closed|reset)/);
      assert.equal(byCluster.get('west')?.reachable, false);
      assert.equal(byCluster.get('west')?.error, 'no answer within 2000 ms');
    } finally {
      sandbox.clearFaults();
      hung.close();
    }
  });

  test('the cached clients list real objects from the cluster', async () => {
    const { kubeConfig, source } = loadKubeConfig({
      files: [sandbox.kubeconfigPath],
      inCluster: false,
    });
    const clients = createClusterClients(kubeConfig, 'staging', source);
    const namespaces = await clients.core.listNamespace();
    assert.ok(namespaces.items.some((n) => n.metadata?.name === 'kube-system'));
  });
});
