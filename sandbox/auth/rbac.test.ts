import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { KObject } from '../store';
import type { TUser } from './identity';
import {
  authorize,
  forbiddenMessage,
  ruleAllows,
  type TAttributes,
  type TRbacSource,
} from './rbac';
import { DEFAULT_CLUSTER_ROLE_BINDINGS, DEFAULT_CLUSTER_ROLES } from './rbac-defaults';

const alice: TUser = { name: 'alice', groups: ['developers', 'system:authenticated'] };

const res = (verb: string, resource: string, extra: Partial<TAttributes> = {}): TAttributes =>
  ({
    resourceRequest: true,
    verb,
    apiGroup: '',
    apiVersion: 'v1',
    resource,
    ...extra,
  }) as TAttributes;

function source(objects: KObject[]): TRbacSource {
  const of = (kind: string) => objects.filter((o) => o.kind === kind);
  return {
    clusterRoleBindings: () => of('ClusterRoleBinding'),
    roleBindings: (ns) => of('RoleBinding').filter((o) => o.metadata.namespace === ns),
    clusterRole: (name) => of('ClusterRole').find((o) => o.metadata.name === name),
    role: (ns, name) =>
      of('Role').find((o) => o.metadata.namespace === ns && o.metadata.name === name),
  };
}

const binding = (
  kind: 'RoleBinding' | 'ClusterRoleBinding',
  name: string,
  roleRef: { kind: string; name: string },
  subjects: object[],
  namespace?: string,
): KObject => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind,
  metadata: { name, ...(namespace ? { namespace } : {}) },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', ...roleRef },
  subjects,
});

describe('RBAC rules', () => {
  test('a resource rule needs the verb, the API group and the resource (subresources spelled out)', () => {
    const rule = { verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'] };
    assert.equal(ruleAllows(res('get', 'pods'), rule), true);
    assert.equal(ruleAllows(res('delete', 'pods'), rule), false);
    assert.equal(ruleAllows(res('get', 'pods', { apiGroup: 'apps' }), rule), false);
    assert.equal(ruleAllows(res('get', 'pods', { subresource: 'log' }), rule), false);
    const logs = { verbs: ['get'], apiGroups: [''], resources: ['pods/log'] };
    assert.equal(ruleAllows(res('get', 'pods', { subresource: 'log' }), logs), true);
    assert.equal(ruleAllows(res('get', 'pods'), logs), false);
  });

  test('wildcards: * verbs, groups and resources, */subresource', () => {
    assert.equal(
      ruleAllows(res('patch', 'deployments', { apiGroup: 'apps' }), {
        verbs: ['*'],
        apiGroups: ['*'],
        resources: ['*'],
      }),
      true,
    );
    const anyScale = { verbs: ['get'], apiGroups: ['*'], resources: ['*/scale'] };
    assert.equal(
      ruleAllows(res('get', 'deployments', { apiGroup: 'apps', subresource: 'scale' }), anyScale),
      true,
    );
    assert.equal(ruleAllows(res('get', 'deployments', { apiGroup: 'apps' }), anyScale), false);
  });

  test('resourceNames limit a rule to named objects; a create or unnamed list never matches them', () => {
    const rule = {
      verbs: ['*'],
      apiGroups: [''],
      resources: ['configmaps'],
      resourceNames: ['app'],
    };
    assert.equal(ruleAllows(res('get', 'configmaps', { name: 'app' }), rule), true);
    assert.equal(ruleAllows(res('get', 'configmaps', { name: 'other' }), rule), false);
    assert.equal(ruleAllows(res('list', 'configmaps'), rule), false);
    assert.equal(ruleAllows(res('create', 'configmaps'), rule), false);
  });

  test('non-resource URLs match exactly or by a trailing *', () => {
    const rule = { verbs: ['get'], nonResourceURLs: ['/healthz', '/apis/*'] };
    const path = (p: string): TAttributes => ({ resourceRequest: false, verb: 'get', path: p });
    assert.equal(ruleAllows(path('/healthz'), rule), true);
    assert.equal(ruleAllows(path('/apis/apps/v1'), rule), true);
    assert.equal(ruleAllows(path('/version'), rule), false);
    assert.equal(ruleAllows(res('get', 'pods'), rule), false);
  });
});

describe('RBAC bindings', () => {
  const podReader: KObject = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata: { name: 'pod-reader', namespace: 'staging' },
    rules: [{ verbs: ['get', 'list', 'watch'], apiGroups: [''], resources: ['pods'] }],
  };
  /** pod-reader bound in staging to one subject. */
  const podReaders = (subject: object) =>
    source([
      podReader,
      binding('RoleBinding', 'read', { kind: 'Role', name: 'pod-reader' }, [subject], 'staging'),
    ]);

  test('a RoleBinding grants its Role in its namespace only', () => {
    const rbac = podReaders({ kind: 'User', name: 'alice' });
    assert.equal(
      authorize(rbac, alice, res('list', 'pods', { namespace: 'staging' })).allowed,
      true,
    );
    assert.equal(
      authorize(rbac, alice, res('list', 'pods', { namespace: 'production' })).allowed,
      false,
    );
    assert.equal(authorize(rbac, alice, res('list', 'pods')).allowed, false);
  });

  test('a RoleBinding to a ClusterRole grants it inside the binding namespace; a ClusterRoleBinding everywhere', () => {
    const roles = DEFAULT_CLUSTER_ROLES;
    const inStaging = source([
      ...roles,
      binding(
        'RoleBinding',
        'devs',
        { kind: 'ClusterRole', name: 'edit' },
        [{ kind: 'Group', name: 'developers' }],
        'staging',
      ),
    ]);
    const deploy = (ns?: string) =>
      res('patch', 'deployments', {
        apiGroup: 'apps',
        ...(ns ? { namespace: ns } : {}),
        name: 'web',
      });
    assert.equal(authorize(inStaging, alice, deploy('staging')).allowed, true);
    assert.equal(authorize(inStaging, alice, deploy('production')).allowed, false);
    const everywhere = source([
      ...roles,
      binding('ClusterRoleBinding', 'devs', { kind: 'ClusterRole', name: 'edit' }, [
        { kind: 'Group', name: 'developers' },
      ]),
    ]);
    assert.equal(authorize(everywhere, alice, deploy('production')).allowed, true);
  });

  test('service accounts are matched by their user name, in the binding namespace by default', () => {
    const rbac = podReaders({ kind: 'ServiceAccount', name: 'deployer' });
    const sa: TUser = { name: 'system:serviceaccount:staging:deployer', groups: [] };
    assert.equal(
      authorize(rbac, sa, res('get', 'pods', { namespace: 'staging', name: 'x' })).allowed,
      true,
    );
    assert.equal(
      authorize(rbac, alice, res('get', 'pods', { namespace: 'staging', name: 'x' })).allowed,
      false,
    );
  });

  test('system:masters is allowed everything; the default view role reads but cannot read secrets', () => {
    const rbac = source([
      ...DEFAULT_CLUSTER_ROLES,
      ...DEFAULT_CLUSTER_ROLE_BINDINGS,
      binding('ClusterRoleBinding', 'viewers', { kind: 'ClusterRole', name: 'view' }, [
        { kind: 'User', name: 'alice' },
      ]),
    ]);
    const admin: TUser = { name: 'kubernetes-admin', groups: ['system:masters'] };
    assert.equal(authorize(rbac, admin, res('delete', 'namespaces', { name: 'x' })).allowed, true);
    assert.equal(authorize(rbac, alice, res('list', 'pods', { namespace: 'a' })).allowed, true);
    assert.equal(
      authorize(rbac, alice, res('get', 'pods', { namespace: 'a', subresource: 'log', name: 'p' }))
        .allowed,
      true,
    );
    assert.equal(authorize(rbac, alice, res('list', 'secrets', { namespace: 'a' })).allowed, false);
    assert.equal(
      authorize(rbac, alice, { resourceRequest: false, verb: 'get', path: '/apis/apps/v1' })
        .allowed,
      true,
      'system:authenticated may read discovery',
    );
  });

  test('a binding to a missing role is named in the reason', () => {
    const rbac = source([
      binding('ClusterRoleBinding', 'x', { kind: 'ClusterRole', name: 'gone' }, [
        { kind: 'User', name: 'alice' },
      ]),
    ]);
    const decision = authorize(rbac, alice, res('get', 'pods', { namespace: 'a', name: 'p' }));
    assert.equal(decision.allowed, false);
    assert.equal(decision.reason, 'RBAC: clusterrole.rbac.authorization.k8s.io "gone" not found');
  });
});

test('refusals are worded like the API server', () => {
  assert.equal(
    forbiddenMessage(alice, res('get', 'pods', { namespace: 'production', name: 'x' })),
    'User "alice" cannot get resource "pods" in API group "" in the namespace "production"',
  );
  assert.equal(
    forbiddenMessage(alice, res('list', 'clusterroles', { apiGroup: 'rbac.authorization.k8s.io' })),
    'User "alice" cannot list resource "clusterroles" in API group "rbac.authorization.k8s.io" at the cluster scope',
  );
  assert.equal(
    forbiddenMessage(alice, res('get', 'pods', { namespace: 'a', subresource: 'log', name: 'p' })),
    'User "alice" cannot get resource "pods/log" in API group "" in the namespace "a"',
  );
  assert.equal(
    forbiddenMessage(alice, { resourceRequest: false, verb: 'get', path: '/metrics' }),
    'User "alice" cannot get path "/metrics"',
  );
});
