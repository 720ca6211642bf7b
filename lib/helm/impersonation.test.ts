import assert from 'node:assert/strict';
import { test } from 'node:test';
import { impersonationFlags } from './args';
import { classifyHelmFailure, kubeRefusal } from './errors';
import { withGlobalFlags } from './run-helm';

test('an impersonated helm command carries the user and each group before the positionals', () => {
  const args = withGlobalFlags(['upgrade', '--output=json', '--', 'web', './chart'], {
    timeoutMs: 1000,
    kubeContext: 'east',
    impersonate: { user: 'rita@corp.test', groups: ['release-managers', 'staff'] },
  });
  assert.deepEqual(args, [
    'upgrade',
    '--output=json',
    '--kube-context=east',
    '--kube-as-user=rita@corp.test',
    '--kube-as-group=release-managers',
    '--kube-as-group=staff',
    '--',
    'web',
    './chart',
  ]);
  assert.deepEqual(impersonationFlags(undefined), []);
});

test('names that would break the command line are refused', () => {
  assert.throws(() => impersonationFlags({ user: 'a\nb', groups: [] }), /impersonated user/);
  assert.throws(() => impersonationFlags({ user: 'a', groups: [''] }), /impersonated group/);
});

test("a cluster's RBAC refusal names the verb and the resource", () => {
  const stderr =
    'Error: UPGRADE FAILED: query: failed to query with labels: secrets is forbidden: User "rita@corp.test" cannot list resource "secrets" in API group "" in the namespace "production"\n';
  assert.equal(
    kubeRefusal(stderr),
    'secrets is forbidden: User "rita@corp.test" cannot list resource "secrets" in API group "" in the namespace "production"',
  );
  const error = classifyHelmFailure(
    { command: 'upgrade', release: 'web', kubeContext: 'east' },
    stderr,
    1,
  );
  assert.equal(error.kind, 'forbidden');
  assert.match(
    error.message,
    /refused it: secrets is forbidden: User "rita@corp.test" cannot list resource "secrets"/,
  );
});
