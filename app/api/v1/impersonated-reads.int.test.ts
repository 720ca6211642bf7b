// Reads on a cluster with `impersonate: true`: the sandbox evaluates RBAC
// for impersonated requests; alice's SSO group may edit staging only. Her
// Helmdeck role (viewer everywhere) lets her read both environments, yet the
// cluster refuses production, and the answer names the verb and resource.
// The same reads on a cluster without impersonation are Helmdeck's roles alone.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startSandbox, type TSandbox } from '../../../sandbox/index';
import { createApiToken } from '@/lib/api-tokens';
import { createTestDatabase, stopTestServer, type TTestDatabase } from '@/lib/db/test-database';
import { resetReadAccessCache } from '@/lib/kube/access-check';
import { createClusterClients } from '@/lib/kube/clients';
import { loadKubeConfig } from '@/lib/kube/kubeconfig';
import { configureReleaseView, stopReleaseView } from '@/lib/release-view';
import { authorizeRead, readRefusal } from '@/lib/auth/read-check';
import { createUsers } from '@/lib/testing';
import { GET as environment } from './environments/[environment]/route';
import { GET as releases } from './releases/route';

const T = { timeout: 300_000 };
const dir = mkdtempSync(path.join(os.tmpdir(), 'helmdeck-read-check-'));
let sandbox: TSandbox;
let db: TTestDatabase;
let token = '';
const alice = {
  id: 'u-alice',
  grants: [{ id: 1, role: 'viewer' as const, environment: null }],
};

function configure(impersonate: boolean): void {
  const { kubeConfig, source } = loadKubeConfig({ files: [sandbox.kubeconfigPath] });
  const cluster = { name: 'east', context: 'east', impersonate };
  configureReleaseView({
    config: {
      environments: [
        { name: 'staging', namespace: 'staging', clusters: [cluster] },
        { name: 'production', namespace: 'production', clusters: [cluster] },
      ],
      releases: [],
    },
    clientsFor: (context) => createClusterClients(kubeConfig, context, source),
  });
  resetReadAccessCache();
}

before(async () => {
  sandbox = await startSandbox({
    clusters: ['east'],
    kubeconfigPath: path.join(dir, 'kubeconfig'),
  });
  const { kubeConfig } = loadKubeConfig({ files: [sandbox.kubeconfigPath] });
  const admin = createClusterClients(kubeConfig, 'east');
  for (const name of ['staging', 'production'])
    await admin.core.createNamespace({ body: { metadata: { name } } });
  await admin.objects.create({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: 'developers-edit', namespace: 'staging' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'edit' },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'developers' }],
  } as never);
  db = await createTestDatabase({ asDefault: true });
  await createUsers(db.prisma, [
    {
      id: alice.id,
      name: 'Alice',
      email: 'alice@corp.test',
      grants: [{ role: 'viewer', environment: null }],
      ssoGroups: ['staff', 'developers'],
    },
  ]);
  token = (await createApiToken({ userId: alice.id, name: 'ci' })).token;
});

after(async () => {
  stopReleaseView();
  await db?.drop();
  await stopTestServer();
  await sandbox?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const get = (env: string) =>
  environment(
    new Request(`http://helmdeck.test/api/v1/environments/${env}`, {
      headers: { authorization: `Bearer ${token}` },
    }),
    { params: Promise.resolve({ environment: env }) },
  );

const overviewColumns = async () => {
  const res = await releases(
    new Request('http://helmdeck.test/api/v1/releases', {
      headers: { authorization: `Bearer ${token}` },
    }),
  );
  assert.equal(res.status, 200);
  const body = (await res.json()) as { columns: { environment: string; cluster: string }[] };
  return body.columns.map((c) => `${c.environment}/${c.cluster}`);
};

describe('reads on an impersonating cluster', T, () => {
  test('the overview leaves out the column the cluster refuses, and only that one', async () => {
    configure(true);
    assert.deepEqual(await overviewColumns(), ['staging/east']);
    configure(false);
    assert.deepEqual(await overviewColumns(), ['staging/east', 'production/east']);
  });

  test('the cluster’s RBAC applies on top of the role, and the refusal names verb and resource', async () => {
    configure(true);
    await authorizeRead(alice, { environment: 'staging', cluster: 'east' });
    const refusal = await readRefusal(alice, { environment: 'production', cluster: 'east' });
    assert.match(
      refusal ?? '',
      /^Cluster east does not let you read production: secrets is forbidden: User "alice@corp\.test" cannot list resource "secrets" in API group "" in the namespace "production"/,
    );
    assert.equal((await get('staging')).status, 200);
    const res = await get('production');
    assert.equal(res.status, 403);
    const body = (await res.json()) as { code: string; error: string };
    assert.equal(body.code, 'forbidden');
    assert.match(body.error, /cannot list resource "secrets"/);
    assert.doesNotMatch(JSON.stringify(body), /"releases"/, 'no data comes with the refusal');
  });

  test('without impersonation the same person reads both with Helmdeck’s role alone', async () => {
    configure(false);
    assert.equal(await readRefusal(alice, { environment: 'production', cluster: 'east' }), null);
    assert.equal((await get('production')).status, 200);
  });
});
