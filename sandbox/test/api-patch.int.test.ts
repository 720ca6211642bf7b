import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TSandbox } from '../index';
import { call, pbEnvelope, pbMessage, startTestSandbox } from './helpers';

const DEPLOY = '/apis/apps/v1/namespaces/default/deployments';

function deployment(env: Array<{ name: string; value: string }>, replicas = 2, image = 'nginx:1') {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', labels: { app: 'web' } },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'web', image, env, ports: [{ containerPort: 80 }] }] },
      },
    },
  };
}

const containerOf = (obj: any) => obj.spec.template.spec.containers[0];

describe('sandbox API: patches, server-side apply, protobuf', () => {
  let sb: TSandbox;
  before(async () => {
    sb = await startTestSandbox();
  });
  after(() => sb.stop());

  it('applies server-side: creates (201), merges lists by key, drops fields its manager no longer applies', async () => {
    const apply = (body: unknown, manager = 'helm', force = false) =>
      call(
        sb,
        'PATCH',
        `${DEPLOY}/web?fieldManager=${manager}&fieldValidation=Strict&force=${force}`,
        { body, contentType: 'application/apply-patch+yaml' },
      );
    const created = await apply(
      deployment([
        { name: 'A', value: '1' },
        { name: 'EXTRA', value: 'x' },
      ]),
    );
    assert.equal(created.status, 201);
    assert.equal(created.json.metadata.managedFields[0].operation, 'Apply');
    const removed = await apply(deployment([{ name: 'A', value: '1' }]));
    assert.equal(removed.status, 200);
    assert.deepEqual(containerOf(removed.json).env, [{ name: 'A', value: '1' }]);

    const before = sb.clusters[0]!.store.get('deployments.apps', 'default', 'web')!;
    const noop = await apply(deployment([{ name: 'A', value: '1' }]));
    assert.equal(
      noop.json.metadata.resourceVersion,
      before.metadata.resourceVersion,
      'a no-op apply keeps the resourceVersion',
    );

    // Another manager changes replicas; re-applying a different value without force conflicts.
    const patched = await call(sb, 'PATCH', `${DEPLOY}/web?fieldManager=kubectl-patch`, {
      body: { spec: { replicas: 5 } },
      contentType: 'application/merge-patch+json',
    });
    assert.equal(patched.status, 200);
    const conflict = await apply(deployment([{ name: 'A', value: '1' }], 3));
    assert.equal(conflict.status, 409);
    assert.equal(conflict.json.reason, 'Conflict');
    assert.equal(conflict.json.details.causes[0].field, '.spec.replicas');
    assert.match(conflict.json.details.causes[0].message, /kubectl-patch/);
    const forced = await apply(deployment([{ name: 'A', value: '1' }], 3), 'helm', true);
    assert.equal(forced.status, 200);
    assert.equal(forced.json.spec.replicas, 3);

    const yaml = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-yaml\ndata:\n  k: v\n';
    const fromYaml = await call(
      sb,
      'PATCH',
      '/api/v1/namespaces/default/configmaps/from-yaml?fieldManager=me',
      { body: yaml, contentType: 'application/apply-patch+yaml' },
    );
    assert.equal(fromYaml.status, 201);
    const noManager = await call(sb, 'PATCH', '/api/v1/namespaces/default/configmaps/from-yaml', {
      body: yaml,
      contentType: 'application/apply-patch+yaml',
    });
    assert.equal(noManager.status, 422);
  });

  it('applies strategic merge patches with merge keys, $setElementOrder and $patch: delete', async () => {
    await call(sb, 'PATCH', `${DEPLOY}/web?fieldManager=helm&force=true`, {
      body: deployment([
        { name: 'GREETING', value: 'hi' },
        { name: 'EXTRA', value: 'x' },
      ]),
      contentType: 'application/apply-patch+yaml',
    });
    const smp = {
      spec: {
        template: {
          spec: {
            '$setElementOrder/containers': [{ name: 'web' }],
            containers: [
              {
                '$setElementOrder/env': [{ name: 'GREETING' }],
                env: [{ $patch: 'delete', name: 'EXTRA' }],
                image: 'nginx:2',
                name: 'web',
              },
            ],
          },
        },
      },
    };
    const res = await call(sb, 'PATCH', `${DEPLOY}/web`, {
      body: smp,
      contentType: 'application/strategic-merge-patch+json',
    });
    assert.equal(res.status, 200);
    const c = containerOf(res.json);
    assert.equal(c.image, 'nginx:2');
    assert.deepEqual(c.env, [{ name: 'GREETING', value: 'hi' }]);
    assert.deepEqual(
      c.ports,
      [{ containerPort: 80, protocol: 'TCP' }],
      'fields the patch does not name are kept',
    );
    const portPatch = await call(sb, 'PATCH', `${DEPLOY}/web`, {
      body: {
        spec: {
          template: {
            spec: {
              containers: [{ name: 'web', ports: [{ containerPort: 9090, name: 'metrics' }] }],
            },
          },
        },
      },
      contentType: 'application/strategic-merge-patch+json',
    });
    assert.deepEqual(
      containerOf(portPatch.json).ports.map((p: { containerPort: number }) => p.containerPort),
      [80, 9090],
    );
    const replace = await call(sb, 'PATCH', `${DEPLOY}/web`, {
      body: {
        spec: {
          template: {
            spec: {
              containers: [
                { name: 'web', env: [{ $patch: 'replace' }, { name: 'ONLY', value: '1' }] },
              ],
            },
          },
        },
      },
      contentType: 'application/strategic-merge-patch+json',
    });
    assert.deepEqual(containerOf(replace.json).env, [{ name: 'ONLY', value: '1' }]);
    assert.equal(
      containerOf(sb.clusters[0]!.store.get('deployments.apps', 'default', 'web')).image,
      'nginx:2',
    );
  });

  it('applies JSON patches and merge patches, with resourceVersion as a precondition', async () => {
    const current = (await call(sb, 'GET', `${DEPLOY}/web`)).json;
    const json = await call(sb, 'PATCH', `${DEPLOY}/web?fieldManager=kubectl-patch`, {
      body: [
        { op: 'replace', path: '/spec/template/spec/containers/0/image', value: 'nginx:3' },
        { op: 'add', path: '/metadata/labels/tier', value: 'front' },
      ],
      contentType: 'application/json-patch+json',
    });
    assert.equal(json.status, 200);
    assert.equal(containerOf(json.json).image, 'nginx:3');
    assert.equal(json.json.metadata.labels.tier, 'front');
    const stale = await call(sb, 'PATCH', `${DEPLOY}/web`, {
      body: [
        {
          op: 'replace',
          path: '/metadata/resourceVersion',
          value: current.metadata.resourceVersion,
        },
      ],
      contentType: 'application/json-patch+json',
    });
    assert.equal(stale.status, 409);
    const failedTest = await call(sb, 'PATCH', `${DEPLOY}/web`, {
      body: [{ op: 'test', path: '/spec/replicas', value: 100 }],
      contentType: 'application/json-patch+json',
    });
    assert.equal(failedTest.status, 422);
    const merge = await call(sb, 'PATCH', `${DEPLOY}/web`, {
      body: { metadata: { labels: { tier: null } } },
      contentType: 'application/merge-patch+json',
    });
    assert.equal(merge.json.metadata.labels.tier, undefined);
  });

  it('decodes protobuf Secret bodies and protobuf DeleteOptions as helm sends them', async () => {
    const meta = pbMessage([
      [1, 'sh.helm.release.v1.demo.v1'],
      [3, ''],
      [6, ''],
      [7, 0],
      [
        8,
        [
          [1, 0],
          [2, 0],
        ],
      ],
      [
        11,
        [
          [1, 'owner'],
          [2, 'helm'],
        ],
      ],
      [
        11,
        [
          [1, 'status'],
          [2, 'pending-install'],
        ],
      ],
    ]);
    const secret = pbMessage([
      [1, meta],
      [
        2,
        [
          [1, 'release'],
          [2, Buffer.from('H4sIpayload')],
        ],
      ],
      [3, 'helm.sh/release.v1'],
    ]);
    const body = pbEnvelope('v1', 'Secret', secret);
    const type = 'application/vnd.kubernetes.protobuf';
    const accept = 'application/vnd.kubernetes.protobuf,application/json';
    const created = await call(sb, 'POST', '/api/v1/namespaces/default/secrets', {
      body,
      contentType: type,
      accept,
    });
    assert.equal(created.status, 201);
    const stored = sb.clusters[0]!.store.get('secrets', 'default', 'sh.helm.release.v1.demo.v1')!;
    assert.deepEqual(stored.metadata.labels, { owner: 'helm', status: 'pending-install' });
    assert.equal(stored.type, 'helm.sh/release.v1');
    assert.equal(
      Buffer.from((stored.data as Record<string, string>).release!, 'base64').toString(),
      'H4sIpayload',
    );
    assert.equal(
      stored.metadata.creationTimestamp !== undefined && stored.metadata.generation,
      undefined,
    );
    // PUT without resourceVersion (as helm sends it) is unconditional.
    const put = await call(
      sb,
      'PUT',
      '/api/v1/namespaces/default/secrets/sh.helm.release.v1.demo.v1',
      { body, contentType: type, accept },
    );
    assert.equal(put.status, 200);
    const ns = pbEnvelope('v1', 'Namespace', pbMessage([[1, pbMessage([[1, 'from-proto']])]]));
    assert.equal(
      (await call(sb, 'POST', '/api/v1/namespaces', { body: ns, contentType: type })).status,
      201,
    );
    const cmBody = pbEnvelope(
      'v1',
      'ConfigMap',
      pbMessage([
        [1, pbMessage([[1, 'proto-cm']])],
        [
          2,
          [
            [1, 'k'],
            [2, 'v'],
          ],
        ],
      ]),
    );
    await call(sb, 'POST', '/api/v1/namespaces/default/configmaps', {
      body: cmBody,
      contentType: type,
    });
    assert.deepEqual(sb.clusters[0]!.store.get('configmaps', 'default', 'proto-cm')?.data, {
      k: 'v',
    });
    const del = pbEnvelope('meta.k8s.io/v1', 'DeleteOptions', pbMessage([[4, 'Background']]));
    const deleted = await call(
      sb,
      'DELETE',
      '/api/v1/namespaces/default/secrets/sh.helm.release.v1.demo.v1',
      { body: del, contentType: type },
    );
    assert.equal(deleted.status, 200);
    assert.equal(
      sb.clusters[0]!.store.get('secrets', 'default', 'sh.helm.release.v1.demo.v1'),
      undefined,
    );
    const garbage = await call(sb, 'POST', '/api/v1/namespaces/default/secrets', {
      body: Buffer.from('nope'),
      contentType: type,
    });
    assert.equal(garbage.status, 400);
  });
});
