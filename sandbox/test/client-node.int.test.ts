// The real @kubernetes/client-node 1.x against the sandbox: list, an
// informer over a watch, patch; objects checked in the store afterwards.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as k8s from '@kubernetes/client-node';
import type { TSandbox } from '../index';
import { startTestSandbox, waitFor } from './helpers';

describe('@kubernetes/client-node against the sandbox', () => {
  let sb: TSandbox;
  let kc: k8s.KubeConfig;
  before(async () => {
    sb = await startTestSandbox(['dev', 'staging']);
    kc = new k8s.KubeConfig();
    kc.loadFromFile(sb.kubeconfigPath);
    kc.setCurrentContext('staging');
  });
  after(() => sb.stop());

  it('lists, creates and patches through the typed API over TLS with the token', async () => {
    const core = kc.makeApiClient(k8s.CoreV1Api);
    const namespaces = await core.listNamespace();
    assert.ok(namespaces.items.some((n) => n.metadata?.name === 'kube-system'));
    await core.createNamespacedConfigMap({
      namespace: 'default',
      body: { metadata: { name: 'settings', labels: { app: 'shop' } }, data: { mode: 'slow' } },
    });
    const listed = await core.listNamespacedConfigMap({
      namespace: 'default',
      labelSelector: 'app=shop',
    });
    assert.deepEqual(
      listed.items.map((c) => c.metadata?.name),
      ['settings'],
    );
    await core.patchNamespacedConfigMap(
      { namespace: 'default', name: 'settings', body: { data: { mode: 'fast' } } },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
    );
    assert.deepEqual(sb.clusters[1]!.store.get('configmaps', 'default', 'settings')?.data, {
      mode: 'fast',
    });
    await assert.rejects(
      core.readNamespacedSecret({ namespace: 'default', name: 'missing' }),
      (e: { code?: number }) => e.code === 404,
    );
  });

  it('keeps an informer in sync through its watch', async () => {
    const core = kc.makeApiClient(k8s.CoreV1Api);
    const informer = k8s.makeInformer(kc, '/api/v1/namespaces/default/configmaps', () =>
      core.listNamespacedConfigMap({ namespace: 'default' }),
    );
    const seen: string[] = [];
    informer.on('add', (obj) => seen.push(`add ${obj.metadata?.name}`));
    informer.on('update', (obj) => seen.push(`update ${obj.metadata?.name} ${obj.data?.v}`));
    informer.on('delete', (obj) => seen.push(`delete ${obj.metadata?.name}`));
    await informer.start();
    try {
      await waitFor(() => seen.includes('add settings'), 'the initial list');
      await core.createNamespacedConfigMap({
        namespace: 'default',
        body: { metadata: { name: 'live' }, data: { v: '1' } },
      });
      await waitFor(() => seen.includes('add live'), 'the ADDED event');
      await core.replaceNamespacedConfigMap({
        namespace: 'default',
        name: 'live',
        body: { metadata: { name: 'live' }, data: { v: '2' } },
      });
      await waitFor(() => seen.includes('update live 2'), 'the MODIFIED event');
      await core.deleteNamespacedConfigMap({ namespace: 'default', name: 'live' });
      await waitFor(() => seen.includes('delete live'), 'the DELETED event');
      assert.deepEqual(
        informer
          .list('default')
          .map((c) => c.metadata?.name)
          .sort(),
        sb.clusters[1]!.store.list('configmaps', 'default')
          .map((c) => c.metadata.name)
          .sort(),
      );
    } finally {
      await informer.stop();
    }
  });
});
