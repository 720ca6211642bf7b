// Pod logs on a cluster with `impersonate: true` are read as the person, so
// the cluster's RBAC on pods/log decides, not Helmdeck's own credentials.
// Alice (viewer everywhere in Helmdeck) is in the SSO group `developers`,
// which may edit staging but in production may only list what the release
// page shows: no pods/log. Without impersonation Helmdeck's role alone decides.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startSandbox, type TSandbox } from '../../../sandbox/index';
import { createApiToken } from '@/lib/api-tokens';
import { createTestDatabase, stopTestServer, type TTestDatabase } from '@/lib/db/test-database';
import { bundledToolPath, helmUpgrade, inspectHelm } from '@/lib/helm';
import { resetReadAccessCache } from '@/lib/kube/access-check';
import { createClusterClients } from '@/lib/kube/clients';
import { loadKubeConfig } from '@/lib/kube/kubeconfig';
import { getReleaseDetail, stopReleaseView } from '@/lib/release-view';
import { waitFor } from '@/lib/testing';
import { viewSandbox, waitForReleaseView } from '@/lib/testing/release-view';
import { GET as logs } from './releases/[environment]/[cluster]/[release]/logs/route';

const T = { timeout: 300_000 };
const dir = mkdtempSync(path.join(os.tmpdir(), 'helmdeck-impersonated-logs-'));
let sandbox: TSandbox;
let db: TTestDatabase;
let token = '';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: 1
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web, app.kubernetes.io/instance: web } }
    spec:
      containers: [{ name: api, image: registry.example.com/web:1.0.0 }]
`;

function view(impersonate: boolean): void {
  const cluster = { name: 'east', context: 'east', impersonate };
  viewSandbox(sandbox.kubeconfigPath, {
    environments: [
      { name: 'staging', namespace: 'staging', clusters: [cluster] },
      { name: 'production', namespace: 'production', clusters: [cluster] },
    ],
    releases: [{ name: 'web', promotion: ['staging', 'production'] }],
  });
  resetReadAccessCache();
}

before(async () => {
  sandbox = await startSandbox({
    clusters: ['east'],
    kubeconfigPath: path.join(dir, 'kubeconfig'),
  });
  const chart = path.join(dir, 'web');
  mkdirSync(path.join(chart, 'templates'), { recursive: true });
  writeFileSync(path.join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: web\nversion: 1.0.0\n');
  writeFileSync(path.join(chart, 'templates', 'deployment.yaml'), DEPLOYMENT);
  const helm = await inspectHelm(bundledToolPath('helm'));
  for (const namespace of ['staging', 'production']) {
    await helmUpgrade(
      { helm, kubeconfig: sandbox.kubeconfigPath, kubeContext: 'east', namespace },
      { release: 'web', chart, install: true, createNamespace: true, wait: 'none', timeout: '2m' },
    );
  }
  const admin = createClusterClients(
    loadKubeConfig({ files: [sandbox.kubeconfigPath] }).kubeConfig,
    'east',
  );
  const bindDevelopers = (namespace: string, kind: 'Role' | 'ClusterRole', name: string) =>
    admin.objects.create({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: `developers-${name}`, namespace },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind, name },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'developers' }],
    } as never);
  await bindDevelopers('staging', 'ClusterRole', 'edit');
  await admin.objects.create({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata: { name: 'page-reader', namespace: 'production' },
    rules: [
      { apiGroups: [''], resources: ['secrets', 'pods', 'events'], verbs: ['get', 'list'] },
      { apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'list'] },
    ],
  } as never);
  await bindDevelopers('production', 'Role', 'page-reader');
  db = await createTestDatabase({ asDefault: true });
  await db.prisma.user.create({ data: { id: 'u-alice', name: 'Alice', email: 'alice@corp.test' } });
  await db.prisma.roleGrant.create({ data: { userId: 'u-alice', role: 'viewer' } });
  // The groups of her last SSO sign-in are what the cluster sees.
  await db.prisma.ssoProfile.create({
    data: { userId: 'u-alice', subject: 'alice', groups: ['developers'] },
  });
  token = (await createApiToken({ userId: 'u-alice', name: 'ci' })).token;
});

after(async () => {
  stopReleaseView();
  await db?.drop();
  await stopTestServer();
  await sandbox?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function logOf(environment: string, follow = false): Promise<Response> {
  await waitForReleaseView([[environment, 'east', 'web']]);
  const pod = await waitFor(
    `a pod of web in ${environment}`,
    async () => (await getReleaseDetail(environment, 'east', 'web')).pods[0]?.name,
    { timeoutMs: 60_000 },
  );
  const query = `pod=${pod}${follow ? '&follow=true' : ''}`;
  return logs(
    new Request(`http://helmdeck.test/api/v1/releases/${environment}/east/web/logs?${query}`, {
      headers: { authorization: `Bearer ${token}` },
    }),
    { params: Promise.resolve({ environment, cluster: 'east', release: 'web' }) as never },
  );
}

describe('pod logs on an impersonating cluster', T, () => {
  test('the person reads the log where the cluster lets them, and gets its refusal where it does not', async () => {
    view(true);
    const allowed = await logOf('staging');
    assert.equal(allowed.status, 200);
    assert.match(((await allowed.json()) as { lines: string[] }).lines.join('\n'), /starting api/);
    for (const follow of [false, true]) {
      const refused = await logOf('production', follow);
      assert.equal(refused.status, 403, `follow=${follow} is refused up front, not mid-stream`);
      const body = (await refused.json()) as { code: string; error: string };
      assert.equal(body.code, 'forbidden');
      assert.match(body.error, /^Cluster east does not let you read this log: .*pods\/log/);
      assert.doesNotMatch(JSON.stringify(body), /starting api/, 'no log comes with the refusal');
    }
  });

  test('without impersonation the same person reads production with Helmdeck’s role alone', async () => {
    view(false);
    assert.equal((await logOf('production')).status, 200);
  });
});
