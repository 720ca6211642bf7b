// Acting as a person on an RBAC-enforcing sandbox cluster: Helmdeck's own
// (admin) credentials impersonate alice in group developers, who may edit
// staging only. Reads and real helm commands are allowed there and refused in
// production with the API server's message, which names the verb and resource.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startSandbox, type TSandbox } from '../../sandbox/index';
import { bundledToolPath, HelmError, helmUpgrade, inspectHelm } from '@/lib/helm';
import { checkReadAccess } from './access-check';
import { createClusterClients, type TClusterClients } from './clients';
import { loadKubeConfig } from './kubeconfig';

const T = { timeout: 240_000 };
const dir = mkdtempSync(path.join(os.tmpdir(), 'helmdeck-impersonation-'));
// The real group is second: joined into one header it would not match.
const alice = { user: 'alice@corp.test', groups: ['staff', 'developers'] };
let sandbox: TSandbox;
let admin: TClusterClients;

before(async () => {
  sandbox = await startSandbox({
    clusters: ['east'],
    kubeconfigPath: path.join(dir, 'kubeconfig'),
  });
  const { kubeConfig } = loadKubeConfig({ files: [sandbox.kubeconfigPath] });
  admin = createClusterClients(kubeConfig, 'east');
  for (const name of ['staging', 'production'])
    await admin.core.createNamespace({ body: { metadata: { name } } });
  await admin.objects.create({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: 'developers-edit', namespace: 'staging' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'edit' },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'developers' }],
  } as never);
});
after(async () => {
  await sandbox?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('impersonation', T, () => {
  test('reads as the person: allowed where RBAC allows, refused naming verb and resource elsewhere', async () => {
    assert.deepEqual(
      await checkReadAccess(admin, alice, [
        { verb: 'list', resource: 'secrets', namespace: 'staging' },
      ]),
      { allowed: true },
    );
    const refused = await checkReadAccess(admin, alice, [
      { verb: 'list', resource: 'pods', namespace: 'production' },
    ]);
    assert.equal(refused.allowed, false);
    assert.match(
      refused.allowed ? '' : refused.message,
      /pods is forbidden: User "alice@corp.test" cannot list resource "pods" in API group "" in the namespace "production"/,
    );
  });

  for (const tool of ['helm', 'helm3'] as const) {
    test(`real ${tool} runs as the person: installs in staging, refused in production with the reason`, async () => {
      const helm = await inspectHelm(bundledToolPath(tool));
      const target = (namespace: string) => ({
        helm,
        kubeconfig: sandbox.kubeconfigPath,
        kubeContext: 'east',
        namespace,
        impersonate: alice,
      });
      const chart = path.resolve('examples/charts/alpha-members');
      const release = `web-${tool}`;
      const installed = await helmUpgrade(target('staging'), {
        release,
        chart,
        install: true,
        timeout: '2m',
      });
      assert.equal(installed.version, 1);
      await assert.rejects(
        helmUpgrade(target('production'), { release, chart, install: true, timeout: '2m' }),
        (e: unknown) =>
          e instanceof HelmError &&
          e.kind === 'forbidden' &&
          /User "alice@corp.test" cannot \w+ resource "\w+"/.test(e.message) &&
          /production/.test(e.message),
      );
    });
  }
});
