// Real helm 4 and 3 (--kube-as-user/--kube-as-group) and kubectl (--as/--as-group)
// against the RBAC sandbox: allowed where a binding allows it, refused with the
// API server's message where none does.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { bundledToolPath } from '@/lib/helm/bundled-tools';
import type { TSandbox } from '../index';
import { call, startTestSandbox, tempDir } from './helpers';
import { runHelm } from './helm-run';

const CHART = path.resolve('sandbox/test/charts/conformance');
const AS_ALICE = ['--kube-as-user', 'alice', '--kube-as-group', 'developers'];

let sb: TSandbox;
let home = '';

function kubectl(kubeconfig: string, ...args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(
      bundledToolPath('kubectl'),
      ['--kubeconfig', kubeconfig, ...args],
      { timeout: 60_000 },
      (err, stdout, stderr) =>
        resolve({
          code: err ? (typeof err.code === 'number' ? err.code : 1) : 0,
          out: `${stdout}${stderr}`,
        }),
    );
  });
}

async function admin(method: string, urlPath: string, body?: unknown): Promise<void> {
  const r = await call(sb, method, urlPath, { body });
  assert.ok(r.status < 300, `${method} ${urlPath}: ${r.status} ${r.text}`);
}

describe('helm and kubectl as an impersonated user', () => {
  before(async () => {
    sb = await startTestSandbox();
    home = tempDir('rbac-tools-');
    for (const ns of ['staging', 'production'])
      await admin('POST', '/api/v1/namespaces', { metadata: { name: ns } });
    await admin('POST', '/apis/rbac.authorization.k8s.io/v1/namespaces/staging/rolebindings', {
      metadata: { name: 'developers-edit' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'edit' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'developers' }],
    });
  });
  after(() => sb.stop());

  for (const tool of ['helm', 'helm3'] as const) {
    test(`${tool === 'helm' ? 'helm 4' : 'helm 3'} installs, upgrades and uninstalls where RBAC allows, and is refused elsewhere`, async () => {
      const release = `demo-${tool}`;
      const helm = (flags: string[], positionals: string[] = [], kubeconfig = sb.kubeconfigPath) =>
        runHelm(
          { tool, kubeconfig, context: 'dev', home: path.join(home, tool) },
          flags,
          positionals,
        );
      const install = (ns: string, tag: string) =>
        helm(
          [
            'upgrade',
            '--install',
            '-n',
            ns,
            '--wait',
            '--timeout',
            '60s',
            '--set',
            `image.tag=${tag}`,
            ...AS_ALICE,
          ],
          [release, CHART],
        );
      const refused = await install('production', 'v1');
      assert.notEqual(refused.code, 0);
      assert.match(
        refused.stderr,
        /secrets is forbidden: User "alice" cannot list resource "secrets" in API group "" in the namespace "production"/,
      );
      assert.equal(sb.clusters[0]!.store.list('deployments.apps', 'production').length, 0);

      const installed = await install('staging', 'v1');
      assert.equal(installed.code, 0, installed.stderr);
      const upgraded = await install('staging', 'v2');
      assert.equal(upgraded.code, 0, upgraded.stderr);
      const web = sb.clusters[0]!.store.get('deployments.apps', 'staging', `${release}-web`);
      assert.match(JSON.stringify(web?.spec), /registry\.example\/web:v2/);
      const listed = await helm(['list', '-n', 'staging', '-o', 'json', ...AS_ALICE]);
      assert.equal(listed.code, 0, listed.stderr);
      assert.equal(JSON.parse(listed.stdout).find((r: any) => r.name === release)?.revision, '2');
      // Without the group, alice has no rights in staging either.
      const alone = await helm(['history', '-n', 'staging', '--kube-as-user', 'alice'], [release]);
      assert.match(alone.stderr, /User "alice" cannot list resource "secrets"/);
      const removed = await helm(['uninstall', '-n', 'staging', '--wait', ...AS_ALICE], [release]);
      assert.equal(removed.code, 0, removed.stderr);
      assert.equal(
        sb.clusters[0]!.store.get('deployments.apps', 'staging', `${release}-web`),
        undefined,
      );
    });
  }

  test('a token that may not impersonate is refused before anything runs, for helm and kubectl', async () => {
    const kubeconfig = sb.writeKubeconfig(
      path.join(home, 'plain-user'),
      sb.addUser({ name: 'helmdeck' }),
    );
    const r = await runHelm(
      { tool: 'helm', kubeconfig, context: 'dev', home: path.join(home, 'plain') },
      ['upgrade', '--install', '-n', 'staging', ...AS_ALICE],
      ['refused', CHART],
    );
    // helm's first request (GET /version) gets the 403, which client-go reports without its text, as against a real cluster.
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /cluster unreachable/i);
    assert.equal(
      sb.clusters[0]!.store.get('deployments.apps', 'staging', 'refused-web'),
      undefined,
    );
    const k = await kubectl(kubeconfig, '--as', 'alice', 'get', 'pods', '-n', 'staging');
    assert.match(
      k.out,
      /users "alice" is forbidden: User "helmdeck" cannot impersonate resource "users" in API group "" at the cluster scope/,
    );
  });

  test('kubectl --as/--as-group: get, auth can-i and whoami follow the bindings', async () => {
    const k = (...args: string[]) =>
      kubectl(sb.kubeconfigPath, '--as', 'alice', '--as-group', 'developers', ...args);
    const created = await k(
      'create',
      'configmap',
      'settings',
      '-n',
      'staging',
      '--from-literal=mode=fast',
    );
    assert.equal(created.code, 0, created.out);
    assert.match((await k('get', 'configmaps', '-n', 'staging')).out, /settings/);
    const refused = await k('get', 'configmaps', '-n', 'production');
    assert.notEqual(refused.code, 0);
    assert.match(
      refused.out,
      /Error from server \(Forbidden\): configmaps is forbidden: User "alice" cannot list resource "configmaps" in API group "" in the namespace "production"/,
    );
    const logs = await k('logs', 'nothing', '-n', 'production');
    assert.match(
      logs.out,
      /User "alice" cannot get resource "pods" in API group "" in the namespace "production"/,
    );
    assert.equal(
      (await k('auth', 'can-i', 'create', 'deployments', '-n', 'staging')).out.trim(),
      'yes',
    );
    const cannot = await k('auth', 'can-i', 'create', 'deployments', '-n', 'production');
    assert.equal(cannot.out.trim(), 'no');
    assert.equal(cannot.code, 1);
    assert.match((await k('auth', 'whoami')).out, /alice[\s\S]*developers/);
  });
});
