import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { classifyHelmFailure, sanitiseStderr } from './errors';
import { parseHelmVersion } from './resolve-helm';

// stderr lines as helm 3.17 / 4.1 print them.
const ctx = {
  command: 'upgrade',
  release: 'alpha-members',
  kubeContext: 'east',
  chart: './charts/alpha-members',
};

describe('helm failure classification', () => {
  test('each known failure gets its own kind and a message naming release or cluster', () => {
    const cases: Array<[string, string, RegExp]> = [
      [
        'Error: UPGRADE FAILED: another operation (install/upgrade/rollback) is in progress',
        'operation-in-progress',
        /alpha-members is in progress/,
      ],
      [
        'Error: kubernetes cluster unreachable: Get "http://127.0.0.1:1/version": dial tcp 127.0.0.1:1: connect: connection refused',
        'cluster-unreachable',
        /context east\) is unreachable/,
      ],
      ['Error: release: not found', 'release-not-found', /alpha-members was not found/],
      [
        'Error: UPGRADE FAILED: "alpha-members" has no deployed releases',
        'release-not-found',
        /not found/,
      ],
      ['Error: release has no 9 version', 'revision-not-found', /no revision/],
      [
        'Error: INSTALLATION FAILED: cannot re-use a name that is still in use',
        'release-exists',
        /already exists/,
      ],
      [
        'Error: path "./charts/nope" not found',
        'chart-not-found',
        /chart \.\/charts\/alpha-members was not found/,
      ],
      ['Error: UPGRADE FAILED: context "mars" does not exist', 'kube-context', /kube context east/],
      [
        'Error: UPGRADE FAILED: release alpha-members failed, and has been rolled back due to rollback-on-failure being set: resource Deployment/staging/alpha-members not ready. status: Failed, message: Progress deadline exceeded',
        'rollout-failed',
        /did not become ready.*rolled the change back/,
      ],
      [
        'Error: UPGRADE FAILED: pre-upgrade hooks failed: 1 error occurred:\n\t* job alpha-members-migrate failed: BackoffLimitExceeded',
        'hook-failed',
        /hook/,
      ],
    ];
    for (const [stderr, kind, message] of cases) {
      const e = classifyHelmFailure(ctx, stderr, 1);
      assert.equal(e.kind, kind, stderr);
      assert.match(e.message, message, stderr);
    }
  });

  test('a schema failure lists the offending values, which are about user input', () => {
    const stderr =
      "Error: values don't meet the specifications of the schema(s) in the following chart(s):\nalpha-members:\n- at '/replicaCount': maximum: got 50, want 20\n";
    const e = classifyHelmFailure(ctx, stderr, 1);
    assert.equal(e.kind, 'invalid-values');
    assert.match(e.message, /replicaCount': maximum: got 50, want 20/);
  });

  test('an automatic rollback after a timeout is reported as such', () => {
    const stderr =
      'Error: UPGRADE FAILED: release alpha-members failed, and has been rolled back due to rollback-on-failure being set: context deadline exceeded';
    const e = classifyHelmFailure(ctx, stderr, 1);
    assert.equal(e.kind, 'timeout');
    assert.equal(e.rolledBack, true);
    assert.match(e.message, /rolled the change back/);
  });

  test('unknown failures keep one sanitised line: no tokens, no URL credentials, bounded', () => {
    const e = classifyHelmFailure(
      ctx,
      'WARNING: x\nError: boom at https://admin:hunter2@registry.example.com token=abc123def',
      1,
    );
    assert.equal(e.kind, 'failed');
    assert.doesNotMatch(e.message, /hunter2|abc123def/);
    assert.match(e.message, /^helm upgrade failed: boom/);
    assert.ok((sanitiseStderr(`Error: ${'x'.repeat(1000)}`) ?? '').length <= 300);
  });

  test('helm versions are read from "helm version" output', () => {
    assert.deepEqual(parseHelmVersion('v4.1.4'), { major: 4, minor: 1, patch: 4 });
    assert.deepEqual(parseHelmVersion('v3.17.3\n'), { major: 3, minor: 17, patch: 3 });
    assert.equal(parseHelmVersion('garbage'), undefined);
  });
});

test('helm errors never show a server path', () => {
  const e = classifyHelmFailure(
    { command: 'upgrade', release: 'web', chart: '/srv/helmdeck/charts/web' },
    'Error: path "/srv/helmdeck/charts/web" not found\n',
    1,
  );
  assert.ok(!e.message.includes('/srv'), e.message);
  assert.ok(!e.detail?.includes('/srv'), e.detail);
  assert.match(e.message, /chart web was not found/);
  const other = classifyHelmFailure(
    { command: 'template' },
    'Error: open /tmp/helmdeck-values-x1/values.json: permission denied (see https://helm.sh/docs/x)',
    1,
  );
  assert.equal(other.detail, 'open values.json: permission denied (see https://helm.sh/docs/x)');
});
