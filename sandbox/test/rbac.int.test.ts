// RBAC and impersonation over HTTP: who may impersonate whom, and what the
// impersonated identity may do, answered with the API server's 403 Status.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { TSandbox } from '../index';
import { call, startTestSandbox, type TRequestOptions } from './helpers';

const RBAC = '/apis/rbac.authorization.k8s.io/v1';

let sb: TSandbox;

const as = (user: string, ...groups: string[]): TRequestOptions['headers'] => ({
  'Impersonate-User': user,
  ...(groups.length ? { 'Impersonate-Group': groups } : {}),
});

async function admin(method: string, path: string, body?: unknown) {
  const r = await call(sb, method, path, { body });
  assert.ok(r.status < 300, `${method} ${path}: ${r.status} ${r.text}`);
  return r.json;
}

const namespace = (name: string) => admin('POST', '/api/v1/namespaces', { metadata: { name } });
const configMap = (ns: string, name: string) =>
  admin('POST', `/api/v1/namespaces/${ns}/configmaps`, { metadata: { name }, data: { a: '1' } });

function roleBinding(
  ns: string,
  name: string,
  role: { kind: string; name: string },
  subjects: object[],
) {
  return admin('POST', `${RBAC}/namespaces/${ns}/rolebindings`, {
    metadata: { name },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', ...role },
    subjects,
  });
}

function assertForbidden(r: { status: number; json: any }, message: string) {
  assert.equal(r.status, 403, JSON.stringify(r.json));
  assert.equal(r.json.kind, 'Status');
  assert.equal(r.json.reason, 'Forbidden');
  assert.equal(r.json.code, 403);
  assert.equal(r.json.message, message);
}

describe('RBAC authorisation of impersonated and non-admin requests', () => {
  before(async () => {
    sb = await startTestSandbox();
    await namespace('staging');
    await namespace('production');
    await configMap('staging', 'app');
    await configMap('production', 'app');
    // alice edits staging through her group; carol may read one ConfigMap of production.
    await roleBinding('staging', 'developers-edit', { kind: 'ClusterRole', name: 'edit' }, [
      { kind: 'Group', name: 'developers', apiGroup: 'rbac.authorization.k8s.io' },
    ]);
    await admin('POST', `${RBAC}/namespaces/production/roles`, {
      metadata: { name: 'app-config' },
      rules: [
        { verbs: ['get'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['app'] },
      ],
    });
    await roleBinding('production', 'carol-config', { kind: 'Role', name: 'app-config' }, [
      { kind: 'User', name: 'carol' },
    ]);
  });
  after(() => sb.stop());

  test('requests with the cluster token and no impersonation are allowed as before', async () => {
    const r = await call(
      sb,
      'DELETE',
      '/api/v1/namespaces/production/configmaps?labelSelector=none=x',
    );
    assert.equal(r.status, 200);
    const who = await call(sb, 'POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', {
      body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' },
    });
    assert.equal(who.json.status.userInfo.username, 'kubernetes-admin');
    assert.ok(who.json.status.userInfo.groups.includes('system:masters'));
  });

  test('an impersonated user without bindings is refused with the API server Status', async () => {
    const r = await call(sb, 'GET', '/api/v1/namespaces/production/pods/x', {
      headers: as('alice'),
    });
    assertForbidden(
      r,
      'pods "x" is forbidden: User "alice" cannot get resource "pods" in API group "" in the namespace "production"',
    );
    assert.deepEqual(r.json.details, { name: 'x', kind: 'pods' });
  });

  test('a group binding applies to the impersonated group, in its namespace only, for every verb', async () => {
    const dev = { headers: as('alice', 'developers') };
    const cm = (ns: string) => `/api/v1/namespaces/${ns}/configmaps`;
    assert.equal((await call(sb, 'GET', cm('staging'), dev)).status, 200);
    assert.equal(
      (await call(sb, 'GET', `${cm('staging')}?watch=1&timeoutSeconds=1`, dev)).status,
      200,
    );
    const created = await call(sb, 'POST', cm('staging'), {
      ...dev,
      body: { metadata: { name: 'by-alice' } },
    });
    assert.equal(created.status, 201, created.text);
    const patched = await call(sb, 'PATCH', `${cm('staging')}/by-alice`, {
      ...dev,
      body: { data: { k: 'v' } },
      contentType: 'application/merge-patch+json',
    });
    assert.equal(patched.status, 200, patched.text);
    assert.equal((await call(sb, 'DELETE', `${cm('staging')}/by-alice`, dev)).status, 200);

    const refused = (verb: string, name?: string) =>
      `configmaps${name ? ` "${name}"` : ''} is forbidden: User "alice" cannot ${verb} resource "configmaps" in API group "" in the namespace "production"`;
    assertForbidden(await call(sb, 'GET', cm('production'), dev), refused('list'));
    assertForbidden(await call(sb, 'GET', `${cm('production')}?watch=true`, dev), refused('watch'));
    assertForbidden(
      await call(sb, 'GET', `/api/v1/watch/namespaces/production/configmaps/app`, dev),
      refused('watch', 'app'),
    );
    assertForbidden(
      await call(sb, 'PATCH', `${cm('production')}/app`, {
        ...dev,
        body: { data: { k: 'v' } },
        contentType: 'application/merge-patch+json',
      }),
      refused('patch', 'app'),
    );
    assertForbidden(await call(sb, 'DELETE', cm('production'), dev), refused('deletecollection'));
    assertForbidden(
      await call(sb, 'POST', cm('production'), { ...dev, body: { metadata: { name: 'no' } } }),
      refused('create'),
    );
    // Without the group, the same user has nothing in staging either.
    assertForbidden(
      await call(sb, 'GET', cm('staging'), { headers: as('alice') }),
      'configmaps is forbidden: User "alice" cannot list resource "configmaps" in API group "" in the namespace "staging"',
    );
    assert.equal(
      (await call(sb, 'GET', '/api/v1/namespaces/production/configmaps/app', dev)).json.code,
      403,
      'a refused request changes nothing and reveals nothing',
    );
  });

  test('resourceNames, subresources and cluster-scoped resources', async () => {
    const carol = { headers: as('carol') };
    assert.equal(
      (await call(sb, 'GET', '/api/v1/namespaces/production/configmaps/app', carol)).status,
      200,
    );
    assertForbidden(
      await call(sb, 'GET', '/api/v1/namespaces/production/configmaps/other', carol),
      'configmaps "other" is forbidden: User "carol" cannot get resource "configmaps" in API group "" in the namespace "production"',
    );
    // A list narrowed to one name by field selector is authorised as that name, as the API server does.
    assertForbidden(
      await call(
        sb,
        'GET',
        '/api/v1/namespaces/production/configmaps?fieldSelector=metadata.name%3Dapp',
        carol,
      ),
      'configmaps "app" is forbidden: User "carol" cannot list resource "configmaps" in API group "" in the namespace "production"',
    );
    assertForbidden(
      await call(sb, 'GET', '/api/v1/namespaces/production/pods/web/log', carol),
      'pods "web" is forbidden: User "carol" cannot get resource "pods/log" in API group "" in the namespace "production"',
    );
    assertForbidden(
      await call(sb, 'GET', `${RBAC}/clusterroles`, carol),
      'clusterroles.rbac.authorization.k8s.io is forbidden: User "carol" cannot list resource "clusterroles" in API group "rbac.authorization.k8s.io" at the cluster scope',
    );
  });

  test('non-resource URLs: discovery for every authenticated user, nothing else', async () => {
    const carol = { headers: as('carol') };
    assert.equal((await call(sb, 'GET', '/apis', carol)).status, 200);
    assert.equal((await call(sb, 'GET', '/api/v1', carol)).status, 200);
    assert.equal((await call(sb, 'GET', '/version', carol)).status, 200);
    assertForbidden(
      await call(sb, 'GET', '/metrics', carol),
      'forbidden: User "carol" cannot get path "/metrics"',
    );
  });

  test('the caller needs the impersonate verb on each user and group it asks for', async () => {
    const token = sb.addUser({ name: 'helmdeck' });
    const helmdeck = (user: string, ...groups: string[]) => ({
      token,
      headers: as(user, ...groups),
    });
    assertForbidden(
      await call(sb, 'GET', '/api/v1/namespaces/staging/configmaps', helmdeck('alice')),
      'users "alice" is forbidden: User "helmdeck" cannot impersonate resource "users" in API group "" at the cluster scope',
    );
    await admin('POST', `${RBAC}/clusterroles`, {
      metadata: { name: 'impersonate-developers' },
      rules: [
        { verbs: ['impersonate'], apiGroups: [''], resources: ['users'] },
        {
          verbs: ['impersonate'],
          apiGroups: [''],
          resources: ['groups'],
          resourceNames: ['developers'],
        },
      ],
    });
    await admin('POST', `${RBAC}/clusterrolebindings`, {
      metadata: { name: 'helmdeck-impersonates' },
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'ClusterRole',
        name: 'impersonate-developers',
      },
      subjects: [{ kind: 'User', name: 'helmdeck' }],
    });
    assert.equal(
      (
        await call(
          sb,
          'GET',
          '/api/v1/namespaces/staging/configmaps',
          helmdeck('alice', 'developers'),
        )
      ).status,
      200,
    );
    assertForbidden(
      await call(
        sb,
        'GET',
        '/api/v1/namespaces/staging/configmaps',
        helmdeck('alice', 'developers', 'admins'),
      ),
      'groups "admins" is forbidden: User "helmdeck" cannot impersonate resource "groups" in API group "" at the cluster scope',
    );
    // Its own requests are authorised too: it has no binding that lets it read ConfigMaps.
    assertForbidden(
      await call(sb, 'GET', '/api/v1/namespaces/staging/configmaps', { token }),
      'configmaps is forbidden: User "helmdeck" cannot list resource "configmaps" in API group "" in the namespace "staging"',
    );
    const who = await call(sb, 'POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', {
      ...helmdeck('alice', 'developers'),
      body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' },
    });
    assert.deepEqual(who.json.status.userInfo, {
      username: 'alice',
      groups: ['developers', 'system:authenticated'],
    });
  });

  test('groups without a user are a bad request; an unknown token is unauthorised', async () => {
    const r = await call(sb, 'GET', '/api/v1/namespaces', {
      headers: { 'Impersonate-Group': 'developers' },
    });
    assert.equal(r.status, 400);
    assert.equal((await call(sb, 'GET', '/api/v1/namespaces', { token: 'nope' })).status, 401);
  });

  test('SelfSubjectAccessReview answers for the impersonated user; a binding to a missing role is named', async () => {
    const review = async (headers: TRequestOptions['headers'], ns: string) =>
      (
        await call(sb, 'POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {
          headers,
          body: {
            apiVersion: 'authorization.k8s.io/v1',
            kind: 'SelfSubjectAccessReview',
            spec: {
              resourceAttributes: {
                namespace: ns,
                verb: 'create',
                group: 'apps',
                resource: 'deployments',
              },
            },
          },
        })
      ).json.status;
    assert.equal((await review(as('alice', 'developers'), 'staging')).allowed, true);
    assert.equal((await review(as('alice', 'developers'), 'production')).allowed, false);
    await roleBinding('production', 'dangling', { kind: 'ClusterRole', name: 'no-such-role' }, [
      { kind: 'User', name: 'dave' },
    ]);
    assertForbidden(
      await call(sb, 'GET', '/api/v1/namespaces/production/configmaps', { headers: as('dave') }),
      'configmaps is forbidden: User "dave" cannot list resource "configmaps" in API group "" in the namespace "production": RBAC: clusterrole.rbac.authorization.k8s.io "no-such-role" not found',
    );
  });
});
