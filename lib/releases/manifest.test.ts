import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { imageTag, imagesOf, splitManifest } from './manifest';

const helmJson = JSON.parse(
  readFileSync(new URL('./fixtures/helm4-install-web.json', import.meta.url), 'utf8'),
);

test('splits the manifest real helm rendered into objects keyed kind/namespace/name', () => {
  const { resources, problems } = splitManifest(helmJson.manifest, 'shop');
  assert.deepEqual(problems, []);
  assert.deepEqual(
    [...resources.keys()],
    [
      'ServiceAccount/shop/web-demo',
      'Secret/shop/web-demo-creds',
      'Service/shop/web-demo',
      'Deployment/shop/web-demo',
    ],
  );
  const deploy = resources.get('Deployment/shop/web-demo');
  assert.equal(deploy?.source, 'demo/templates/deployment.yaml');
  assert.equal(deploy?.apiVersion, 'apps/v1');
  assert.deepEqual(imagesOf(deploy!), ['nginx:1.2.3']);
});

test('handles empty documents, explicit namespaces, cluster-scoped kinds, lists and sequences', () => {
  const manifest = [
    '---',
    '# Source: c/templates/empty.yaml',
    '',
    '---',
    '# Source: c/templates/cm.yaml',
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata: { name: cfg, namespace: other }',
    'data: { enabled: yes }',
    '---',
    'apiVersion: rbac.authorization.k8s.io/v1',
    'kind: ClusterRole',
    'metadata: { name: reader }',
    '--- # trailing comment on the separator',
    'apiVersion: v1',
    'kind: List',
    'items:',
    '  - { apiVersion: v1, kind: Service, metadata: { name: a } }',
    '  - { apiVersion: v1, kind: Service, metadata: { name: b } }',
    '---',
    '- { apiVersion: v1, kind: ServiceAccount, metadata: { name: sa } }',
    '---',
    '',
  ].join('\n');
  const { resources, problems } = splitManifest(manifest, 'prod');
  assert.deepEqual(problems, []);
  assert.deepEqual(
    [...resources.keys()],
    [
      'ConfigMap/other/cfg',
      'ClusterRole//reader',
      'Service/prod/a',
      'Service/prod/b',
      'ServiceAccount/prod/sa',
    ],
  );
  // YAML 1.1 as Kubernetes reads it: `yes` is a boolean.
  assert.deepEqual(resources.get('ConfigMap/other/cfg')?.object.data, { enabled: true });
  assert.equal(resources.get('ConfigMap/other/cfg')?.source, 'c/templates/cm.yaml');
});

test('broken documents are reported, and the rest of the manifest still splits', () => {
  const manifest = [
    '# Source: c/templates/bad.yaml',
    'kind: [unclosed',
    '---',
    'just: a map',
    '---',
    'apiVersion: v1',
    'kind: Secret',
    'metadata: { name: s }',
  ].join('\n');
  const { resources, problems } = splitManifest(manifest, 'ns');
  assert.deepEqual([...resources.keys()], ['Secret/ns/s']);
  assert.equal(problems.length, 2);
  assert.equal(problems[0]?.source, 'c/templates/bad.yaml');
  assert.equal(problems[1]?.index, 1);
});

test('duplicate objects both stay visible', () => {
  const doc = 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: x }\n';
  const { resources } = splitManifest(`${doc}---\n${doc}`, 'ns');
  assert.deepEqual([...resources.keys()], ['ConfigMap/ns/x', 'ConfigMap/ns/x#2']);
});

test('image tags of workloads, including CronJobs, init containers and digests', () => {
  const cron = {
    kind: 'CronJob',
    object: {
      spec: {
        jobTemplate: {
          spec: {
            template: {
              spec: {
                initContainers: [{ image: 'busybox' }],
                containers: [{ image: 'reg:5000/team/app:2.4.1' }],
              },
            },
          },
        },
      },
    },
  };
  assert.deepEqual(imagesOf(cron), ['busybox', 'reg:5000/team/app:2.4.1']);
  assert.equal(imageTag('reg:5000/team/app:2.4.1'), '2.4.1');
  assert.equal(imageTag('reg:5000/team/app'), null);
  assert.equal(imageTag('app@sha256:abc'), 'sha256:abc');
  assert.deepEqual(imagesOf({ kind: 'Service', object: {} }), []);
});
