import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { assertContextsExist, MissingContextsError } from './check-clusters';
import { createClusterClients, getClusterClients, resetKubeClients } from './clients';
import { KubeContextError, kubeConfigForContext, listContexts, loadKubeConfig } from './kubeconfig';

const dir = mkdtempSync(path.join(os.tmpdir(), 'helmdeck-kube-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function kubeconfig(file: string, clusters: Array<[name: string, server: string]>): string {
  const full = path.join(dir, file);
  const yaml = [
    'apiVersion: v1',
    'kind: Config',
    `current-context: ${clusters[0]![0]}`,
    'clusters:',
    ...clusters.map(([n, s]) => `  - name: ${n}\n    cluster: { server: "${s}" }`),
    'users:',
    ...clusters.map(([n]) => `  - name: ${n}-admin\n    user: { token: token-${n} }`),
    'contexts:',
    ...clusters.map(([n]) => `  - name: ${n}\n    context: { cluster: ${n}, user: ${n}-admin }`),
  ].join('\n');
  writeFileSync(full, `${yaml}\n`);
  return full;
}

const a = kubeconfig('a.yaml', [
  ['dev', 'https://dev.example:6443'],
  ['east', 'https://east-a.example:6443'],
]);
const b = kubeconfig('b.yaml', [
  ['east', 'https://east-b.example:6443'],
  ['west', 'https://west.example:6443'],
]);
// getClusterClients reads KUBECONFIG through lib/env, which parses process.env on first use.
process.env.KUBECONFIG = [a, b].join(path.delimiter);

describe('kubeconfig contexts', () => {
  test('KUBECONFIG files merge in order, the first file winning a name clash, missing files skipped', () => {
    const { kubeConfig, source } = loadKubeConfig({
      files: [a, b, path.join(dir, 'missing.yaml')],
      inCluster: false,
    });
    assert.deepEqual(listContexts(kubeConfig).sort(), ['dev', 'east', 'west']);
    assert.equal(kubeConfig.getCluster('east')?.server, 'https://east-a.example:6443');
    assert.deepEqual(source.files, [a, b]);
  });

  test('clients are bound to their context and its server', () => {
    const { kubeConfig } = loadKubeConfig({ files: [a, b], inCluster: false });
    const west = createClusterClients(kubeConfig, 'west');
    assert.equal(west.server, 'https://west.example:6443');
    assert.equal(west.kubeConfig.getCurrentContext(), 'west');
    assert.equal(west.kubeConfig.getCurrentUser()?.token, 'token-west');
    assert.deepEqual(
      listContexts(west.kubeConfig),
      ['west'],
      'a client never sees other clusters credentials',
    );
  });

  test('an unknown context names itself and the contexts that exist', () => {
    const { kubeConfig, source } = loadKubeConfig({ files: [a], inCluster: false });
    assert.throws(
      () => kubeConfigForContext(kubeConfig, 'cluster-eu', source),
      (e: unknown) => {
        assert.ok(e instanceof KubeContextError);
        assert.match(
          e.message,
          /kube context "cluster-eu" is not in the kubeconfig \(.*a\.yaml\) \(available: dev, east\)/,
        );
        assert.deepEqual(e.available, ['dev', 'east']);
        return true;
      },
    );
    assert.throws(
      () => kubeConfigForContext(kubeConfig, 'in-cluster'),
      /not running inside Kubernetes/,
    );
  });

  test('the startup check lists every missing context with its environment and cluster', () => {
    const { kubeConfig } = loadKubeConfig({ files: [a], inCluster: false });
    const config = {
      environments: [
        { name: 'development', clusters: [{ name: 'dev', context: 'dev' }] },
        {
          name: 'production',
          clusters: [
            { name: 'east', context: 'east' },
            { name: 'eu', context: 'cluster-eu' },
            { name: 'west', context: 'west' },
          ],
        },
      ],
    } as Parameters<typeof assertContextsExist>[0];
    assert.throws(
      () => assertContextsExist(config, kubeConfig),
      (e: unknown) => {
        assert.ok(e instanceof MissingContextsError);
        assert.deepEqual(
          e.missing.map((m) => m.context),
          ['cluster-eu', 'west'],
        );
        assert.match(
          e.message,
          /production\/eu -> "cluster-eu"; production\/west -> "west"\. Available contexts: dev, east/,
        );
        return true;
      },
    );
  });

  test('clients per context are created once and shared', () => {
    resetKubeClients();
    const first = getClusterClients('west');
    assert.equal(getClusterClients('west'), first);
    assert.notEqual(getClusterClients('dev'), first);
    assert.equal(first.server, 'https://west.example:6443');
    assert.throws(() => getClusterClients('nowhere'), KubeContextError);
  });
});
