import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TSandbox } from '../index';
import { call, startTestSandbox } from './helpers';

const cm = (
  name: string,
  labels: Record<string, string> = {},
  data: Record<string, string> = { a: '1' },
) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, labels },
  data,
});

describe('sandbox API: CRUD, errors, discovery', () => {
  let sb: TSandbox;
  before(async () => {
    sb = await startTestSandbox();
  });
  after(() => sb.stop());

  it('answers /version and health without a token, and 401 for the API without one', async () => {
    assert.equal((await call(sb, 'GET', '/version', { token: null })).json.minor, '35');
    assert.equal((await call(sb, 'GET', '/healthz', { token: null })).text, 'ok');
    assert.equal((await call(sb, 'GET', '/readyz', { token: null })).status, 200);
    const denied = await call(sb, 'GET', '/api/v1/namespaces', { token: null });
    assert.equal(denied.status, 401);
    assert.equal(denied.json.reason, 'Unauthorized');
    assert.equal((await call(sb, 'GET', '/api/v1/namespaces', { token: 'wrong' })).status, 401);
  });

  it('serves aggregated discovery with its content type, and legacy discovery', async () => {
    const accept =
      'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json';
    const apis = await call(sb, 'GET', '/apis', { accept });
    assert.equal(
      apis.headers['content-type'],
      'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList',
    );
    const apps = apis.json.items.find(
      (g: { metadata: { name: string } }) => g.metadata.name === 'apps',
    );
    const deploy = apps.versions[0].resources.find(
      (r: { resource: string }) => r.resource === 'deployments',
    );
    assert.deepEqual(deploy.responseKind, { group: 'apps', version: 'v1', kind: 'Deployment' });
    assert.ok(deploy.subresources.some((s: { subresource: string }) => s.subresource === 'scale'));
    const legacy = await call(sb, 'GET', '/api');
    assert.deepEqual(legacy.json.versions, ['v1']);
    const v1 = await call(sb, 'GET', '/api/v1');
    assert.ok(v1.json.resources.some((r: { name: string }) => r.name === 'pods/log'));
    const groups = await call(sb, 'GET', '/apis');
    for (const g of [
      'apps',
      'batch',
      'networking.k8s.io',
      'policy',
      'autoscaling',
      'rbac.authorization.k8s.io',
      'apiextensions.k8s.io',
    ]) {
      assert.ok(
        groups.json.groups.some((x: { name: string }) => x.name === g),
        g,
      );
    }
  });

  it('answers /openapi/v2 with an empty protobuf document of the type Go accepts', async () => {
    const res = await call(sb, 'GET', '/openapi/v2', {
      accept: 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf',
    });
    assert.equal(res.status, 200);
    assert.equal(
      res.headers['content-type'],
      'application/com.github.proto-openapi.spec.v2.v1.0+protobuf',
    );
    assert.equal(res.text, '');
  });

  it('creates, reads, updates and deletes with resourceVersion, uid and generation', async () => {
    const created = await call(
      sb,
      'POST',
      '/api/v1/namespaces/default/configmaps?fieldManager=test',
      { body: cm('one') },
    );
    assert.equal(created.status, 201);
    assert.ok(created.json.metadata.uid);
    assert.equal(created.json.metadata.managedFields[0].manager, 'test');
    assert.equal(
      sb.clusters[0]!.store.get('configmaps', 'default', 'one')?.data?.['a' as never],
      '1',
    );
    const got = await call(sb, 'GET', '/api/v1/namespaces/default/configmaps/one');
    assert.equal(got.json.metadata.resourceVersion, created.json.metadata.resourceVersion);
    const updated = await call(sb, 'PUT', '/api/v1/namespaces/default/configmaps/one', {
      body: { ...got.json, data: { a: '2' } },
    });
    assert.equal(updated.status, 200);
    assert.notEqual(updated.json.metadata.resourceVersion, got.json.metadata.resourceVersion);
    const deleted = await call(sb, 'DELETE', '/api/v1/namespaces/default/configmaps/one');
    assert.equal(deleted.status, 200);
    assert.equal(sb.clusters[0]!.store.get('configmaps', 'default', 'one'), undefined);
    const dep = await call(sb, 'POST', '/apis/apps/v1/namespaces/default/deployments', {
      body: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'gen' },
        spec: {
          selector: { matchLabels: { a: 'b' } },
          template: {
            metadata: { labels: { a: 'b' } },
            spec: { containers: [{ name: 'c', image: 'nginx:1' }] },
          },
        },
      },
    });
    assert.equal(dep.json.metadata.generation, 1);
    assert.equal(dep.json.spec.strategy.type, 'RollingUpdate');
  });

  it('returns Kubernetes Status errors with the right codes', async () => {
    const missing = await call(sb, 'GET', '/apis/apps/v1/namespaces/default/deployments/nope');
    assert.equal(missing.status, 404);
    assert.equal(missing.json.message, 'deployments.apps "nope" not found');
    await call(sb, 'POST', '/api/v1/namespaces/default/configmaps', { body: cm('dup') });
    const dup = await call(sb, 'POST', '/api/v1/namespaces/default/configmaps', {
      body: cm('dup'),
    });
    assert.equal(dup.status, 409);
    assert.equal(dup.json.reason, 'AlreadyExists');
    const stale = await call(sb, 'PUT', '/api/v1/namespaces/default/configmaps/dup', {
      body: { ...cm('dup'), metadata: { name: 'dup', resourceVersion: '1' } },
    });
    assert.equal(stale.status, 409);
    assert.equal(stale.json.reason, 'Conflict');
    const invalid = await call(sb, 'POST', '/api/v1/namespaces/default/configmaps', {
      body: cm('Bad_Name'),
    });
    assert.equal(invalid.status, 422);
    assert.equal(invalid.json.reason, 'Invalid');
    assert.equal(invalid.json.details.causes[0].field, 'metadata.name');
    assert.match(invalid.json.message, /RFC 1123 subdomain/);
    const badBody = await call(sb, 'POST', '/api/v1/namespaces/default/configmaps', {
      body: '{not json',
    });
    assert.equal(badBody.status, 400);
    const media = await call(sb, 'POST', '/api/v1/namespaces/default/configmaps', {
      body: 'x',
      contentType: 'text/plain',
    });
    assert.equal(media.status, 415);
    const patchMedia = await call(sb, 'PATCH', '/api/v1/namespaces/default/configmaps/dup', {
      body: '{}',
      contentType: 'application/json',
    });
    assert.equal(patchMedia.status, 415);
    const method = await call(sb, 'POST', '/api/v1/namespaces/default/configmaps/dup', {
      body: cm('dup'),
    });
    assert.equal(method.status, 405);
    const noNs = await call(sb, 'POST', '/api/v1/namespaces/ghost/configmaps', { body: cm('x') });
    assert.equal(noNs.status, 404);
    assert.equal(noNs.json.message, 'namespaces "ghost" not found');
    const wrongKind = await call(sb, 'POST', '/api/v1/namespaces/default/secrets', {
      body: cm('x'),
    });
    assert.equal(wrongKind.status, 400);
    const unknown = await call(sb, 'GET', '/apis/apps/v1/namespaces/default/widgets');
    assert.equal(unknown.status, 404);
    const badSelector = await call(sb, 'GET', '/api/v1/configmaps?labelSelector=a%20in%20(');
    assert.equal(badSelector.status, 400);
  });

  it('filters lists by label and field selectors and pages with limit/continue', async () => {
    await call(sb, 'POST', '/api/v1/namespaces', {
      body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'sel' } },
    });
    for (const [name, tier] of [
      ['a1', 'web'],
      ['a2', 'web'],
      ['a3', 'db'],
      ['a4', 'cache'],
    ]) {
      await call(sb, 'POST', '/api/v1/namespaces/sel/configmaps', {
        body: cm(name!, { tier: tier!, app: 'x' }),
      });
    }
    const names = (r: { json: { items: Array<{ metadata: { name: string } }> } }) =>
      r.json.items.map((i) => i.metadata.name);
    assert.deepEqual(
      names(await call(sb, 'GET', '/api/v1/namespaces/sel/configmaps?labelSelector=tier%3Dweb')),
      ['a1', 'a2'],
    );
    assert.deepEqual(
      names(
        await call(
          sb,
          'GET',
          '/api/v1/namespaces/sel/configmaps?labelSelector=tier%20in%20(db,cache),app',
        ),
      ),
      ['a3', 'a4'],
    );
    assert.deepEqual(
      names(await call(sb, 'GET', '/api/v1/namespaces/sel/configmaps?labelSelector=tier!%3Dweb')),
      ['a3', 'a4'],
    );
    assert.deepEqual(
      names(
        await call(sb, 'GET', '/api/v1/namespaces/sel/configmaps?fieldSelector=metadata.name%3Da3'),
      ),
      ['a3'],
    );
    assert.deepEqual(
      names(
        await call(
          sb,
          'GET',
          '/api/v1/configmaps?fieldSelector=metadata.namespace%3Dsel,metadata.name!%3Da1',
        ),
      ),
      ['a2', 'a3', 'a4'],
    );
    const page1 = await call(sb, 'GET', '/api/v1/namespaces/sel/configmaps?limit=3');
    assert.deepEqual(names(page1), ['a1', 'a2', 'a3']);
    assert.equal(page1.json.metadata.remainingItemCount, 1);
    const page2 = await call(
      sb,
      'GET',
      `/api/v1/namespaces/sel/configmaps?limit=3&continue=${page1.json.metadata.continue}`,
    );
    assert.deepEqual(names(page2), ['a4']);
    assert.equal(page2.json.metadata.continue, undefined);
  });

  it('answers kubectl with a Table when asked', async () => {
    const res = await call(sb, 'GET', '/api/v1/namespaces/sel/configmaps?limit=500', {
      accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json',
    });
    assert.equal(res.json.kind, 'Table');
    assert.deepEqual(
      res.json.columnDefinitions.map((c: { name: string }) => c.name),
      ['Name', 'Data', 'Age'],
    );
    assert.deepEqual(res.json.rows[0].cells.slice(0, 2), ['a1', 1]);
    assert.equal(res.json.rows[0].object.kind, 'PartialObjectMetadata');
  });

  it('serves the status and scale subresources without mixing spec and status', async () => {
    const d = (await call(sb, 'GET', '/apis/apps/v1/namespaces/default/deployments/gen')).json;
    const ignored = await call(sb, 'PUT', '/apis/apps/v1/namespaces/default/deployments/gen', {
      body: { ...d, status: { replicas: 99 } },
    });
    assert.notEqual(ignored.json.status?.replicas, 99);
    const status = await call(
      sb,
      'PATCH',
      '/apis/apps/v1/namespaces/default/deployments/gen/status',
      {
        body: { status: { observedGeneration: 42 } },
        contentType: 'application/merge-patch+json',
      },
    );
    assert.equal(status.status, 200);
    assert.equal(status.json.status.observedGeneration, 42);
    const scale = await call(
      sb,
      'PATCH',
      '/apis/apps/v1/namespaces/default/deployments/gen/scale',
      { body: { spec: { replicas: 4 } }, contentType: 'application/merge-patch+json' },
    );
    assert.equal(scale.json.kind, 'Scale');
    assert.equal(scale.json.spec.replicas, 4);
    assert.equal(
      (
        sb.clusters[0]!.store.get('deployments.apps', 'default', 'gen')?.spec as {
          replicas: number;
        }
      ).replicas,
      4,
    );
    const got = await call(sb, 'GET', '/apis/apps/v1/namespaces/default/deployments/gen/scale');
    assert.equal(got.json.status.selector, 'a=b');
  });

  it('orphans dependents on propagationPolicy Orphan', async () => {
    const owner = (
      await call(sb, 'POST', '/api/v1/namespaces/default/configmaps', { body: cm('owner') })
    ).json;
    const ref = { apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: owner.metadata.uid };
    await call(sb, 'POST', '/api/v1/namespaces/default/configmaps', {
      body: { ...cm('dependent'), metadata: { name: 'dependent', ownerReferences: [ref] } },
    });
    const res = await call(sb, 'DELETE', '/api/v1/namespaces/default/configmaps/owner', {
      body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Orphan' },
    });
    assert.equal(res.status, 200);
    const dependent = sb.clusters[0]!.store.get('configmaps', 'default', 'dependent');
    assert.ok(dependent);
    assert.equal(dependent.metadata.ownerReferences, undefined);
    const bad = await call(sb, 'DELETE', '/api/v1/namespaces/default/configmaps/dependent', {
      body: { propagationPolicy: 'Sideways' },
    });
    assert.equal(bad.status, 422);
  });

  it('serves the kinds a CRD defines, in discovery and CRUD', async () => {
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'canaries.flagger.app' },
      spec: {
        group: 'flagger.app',
        scope: 'Namespaced',
        names: { kind: 'Canary', plural: 'canaries', singular: 'canary', shortNames: ['canary'] },
        versions: [
          {
            name: 'v1beta1',
            served: true,
            storage: true,
            schema: {
              openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
            },
            subresources: { status: {} },
          },
        ],
      },
    };
    const created = await call(
      sb,
      'POST',
      '/apis/apiextensions.k8s.io/v1/customresourcedefinitions',
      { body: crd },
    );
    assert.equal(created.status, 201);
    assert.ok(
      created.json.status.conditions.some(
        (c: { type: string; status: string }) => c.type === 'Established' && c.status === 'True',
      ),
    );
    const disco = await call(sb, 'GET', '/apis/flagger.app/v1beta1');
    assert.equal(disco.json.resources[0].kind, 'Canary');
    const canary = {
      apiVersion: 'flagger.app/v1beta1',
      kind: 'Canary',
      metadata: { name: 'web' },
      spec: { targetRef: { kind: 'Deployment', name: 'web' } },
    };
    assert.equal(
      (
        await call(sb, 'POST', '/apis/flagger.app/v1beta1/namespaces/default/canaries', {
          body: canary,
        })
      ).status,
      201,
    );
    assert.ok(sb.clusters[0]!.store.get('canaries.flagger.app', 'default', 'web'));
    const smp = await call(
      sb,
      'PATCH',
      '/apis/flagger.app/v1beta1/namespaces/default/canaries/web',
      { body: '{}', contentType: 'application/strategic-merge-patch+json' },
    );
    assert.equal(smp.status, 415);
    await call(
      sb,
      'DELETE',
      '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/canaries.flagger.app',
    );
    assert.equal((await call(sb, 'GET', '/apis/flagger.app/v1beta1')).status, 404);
  });

  it('refuses new objects in a namespace being deleted with 403 Forbidden', async () => {
    await call(sb, 'POST', '/api/v1/namespaces', {
      body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'doomed' } },
    });
    const store = sb.clusters[0]!.store;
    const ns = store.get('namespaces', undefined, 'doomed')!;
    // Mark it terminating directly, as the namespace controller sees it mid-deletion.
    store.update('namespaces', {
      ...ns,
      metadata: {
        ...ns.metadata,
        deletionTimestamp: new Date().toISOString(),
        finalizers: ['test.example/hold'],
      },
    });
    const res = await call(sb, 'POST', '/api/v1/namespaces/doomed/configmaps', {
      body: cm('late'),
    });
    assert.equal(res.status, 403);
    assert.equal(res.json.reason, 'Forbidden');
  });
  it('answers a metadata-only LIST and GET without the objects bodies, paged like a full LIST', async () => {
    await call(sb, 'POST', '/api/v1/namespaces', {
      body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'meta' } },
    });
    for (const n of ['a', 'b', 'c'])
      await call(sb, 'POST', '/api/v1/namespaces/meta/secrets', {
        body: {
          apiVersion: 'v1',
          kind: 'Secret',
          metadata: { name: n, labels: { owner: 'helm' } },
          data: { release: Buffer.from('payload').toString('base64') },
        },
      });
    const accept =
      'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json';
    const page = await call(
      sb,
      'GET',
      '/api/v1/namespaces/meta/secrets?labelSelector=owner%3Dhelm&limit=2',
      {
        accept,
      },
    );
    assert.equal(page.json.kind, 'PartialObjectMetadataList');
    assert.deepEqual(
      page.json.items.map((i: { metadata: { name: string } }) => i.metadata.name),
      ['a', 'b'],
    );
    assert.ok(page.json.items.every((i: Record<string, unknown>) => !('data' in i)));
    assert.equal(page.json.items[0].metadata.labels.owner, 'helm');
    const rest = await call(
      sb,
      'GET',
      `/api/v1/namespaces/meta/secrets?limit=2&continue=${page.json.metadata.continue}`,
      { accept },
    );
    assert.deepEqual(
      rest.json.items.map((i: { metadata: { name: string } }) => i.metadata.name),
      ['c'],
    );
    const one = await call(sb, 'GET', '/api/v1/namespaces/meta/secrets/a', {
      accept: 'application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1',
    });
    assert.equal(one.json.kind, 'PartialObjectMetadata');
    assert.equal(one.json.data, undefined);
    const full = await call(sb, 'GET', '/api/v1/namespaces/meta/secrets/a');
    assert.equal(full.json.kind, 'Secret', 'without the media type the object stays whole');
  });
});
