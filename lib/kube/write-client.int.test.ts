// The write client against a sandbox cluster: the PATCHes blue/green and
// canary switching are made of, through the real @kubernetes/client-node.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startSandbox, type TSandbox } from '../../sandbox/index';
import { createClusterClients, type TClusterClients } from './clients';
import { loadKubeConfig } from './kubeconfig';
import { kubeWriter } from './write-client';

const dir = mkdtempSync(path.join(os.tmpdir(), 'helmdeck-kube-write-'));
let sandbox: TSandbox;
let clients: TClusterClients;
const namespace = 'production';

before(async () => {
  sandbox = await startSandbox({
    clusters: ['east'],
    kubeconfigPath: path.join(dir, 'kubeconfig'),
  });
  const { kubeConfig, source } = loadKubeConfig({ files: [sandbox.kubeconfigPath] });
  clients = createClusterClients(kubeConfig, 'east', source);
  await clients.core.createNamespace({ body: { metadata: { name: namespace } } });
});
after(async () => {
  await sandbox?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const service = { apiVersion: 'v1', kind: 'Service', name: 'shop-router', namespace };
const ingress = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  name: 'shop-canary',
  namespace,
};

describe('Kubernetes write client', () => {
  test('switching a router Service from blue to green is one merge patch of its selector', async () => {
    await clients.core.createNamespacedService({
      namespace,
      body: {
        metadata: { name: 'shop-router' },
        spec: { selector: { app: 'shop', colour: 'blue' }, ports: [{ port: 80 }] },
      },
    });
    const writer = kubeWriter(clients);
    const patched = (await writer.patch(service, { spec: { selector: { colour: 'green' } } })) as {
      spec?: { selector?: Record<string, string> };
    };
    assert.deepEqual(patched.spec?.selector, { app: 'shop', colour: 'green' });
    const read = await clients.core.readNamespacedService({ name: 'shop-router', namespace });
    assert.deepEqual(read.spec?.selector, { app: 'shop', colour: 'green' });
  });

  test('a canary weight is a patched annotation; a stale resourceVersion is refused', async () => {
    await clients.networking.createNamespacedIngress({
      namespace,
      body: {
        metadata: {
          name: 'shop-canary',
          annotations: { 'nginx.ingress.kubernetes.io/canary': 'true' },
        },
        spec: { defaultBackend: { service: { name: 'shop-canary', port: { number: 80 } } } },
      },
    });
    const writer = kubeWriter(clients);
    const before = await writer.read(ingress);
    const weight = 'nginx.ingress.kubernetes.io/canary-weight';
    const after = await writer.patch(
      ingress,
      { metadata: { annotations: { [weight]: '20' } } },
      { ifResourceVersion: before.metadata?.resourceVersion },
    );
    assert.equal(after.metadata?.annotations?.[weight], '20');
    assert.equal(after.metadata?.annotations?.['nginx.ingress.kubernetes.io/canary'], 'true');
    await assert.rejects(
      writer.patch(
        ingress,
        { metadata: { annotations: { [weight]: '50' } } },
        { ifResourceVersion: before.metadata?.resourceVersion },
      ),
      (e: unknown) => (e as { code?: number }).code === 409,
    );
    const read = await writer.read(ingress);
    assert.equal(read.metadata?.annotations?.[weight], '20');
  });
});
