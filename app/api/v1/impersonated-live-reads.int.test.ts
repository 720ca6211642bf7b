// Pod logs and the live stream on a cluster with `impersonate: true`: the
// cluster's RBAC decides, not Helmdeck's own credentials. Alice and Bob are
// viewers everywhere in Helmdeck. Alice's SSO group `developers` may edit
// staging, and in production may list what the release page shows but not
// pods/log. Bob's group `contractors` may edit staging only, so production's
// column is refused him. Without impersonation Helmdeck's role alone decides.
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
import { createUsers, waitFor } from '@/lib/testing';
import { viewSandbox, waitForReleaseView } from '@/lib/testing/release-view';
import { GET as events } from '../events/route';
import { GET as logs } from './releases/[environment]/[cluster]/[release]/logs/route';

const T = { timeout: 300_000 };
const dir = mkdtempSync(path.join(os.tmpdir(), 'helmdeck-impersonated-logs-'));
let sandbox: TSandbox;
let db: TTestDatabase;
let admin: ReturnType<typeof createClusterClients>;
const tokens: Record<string, string> = {};

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
  admin = createClusterClients(
    loadKubeConfig({ files: [sandbox.kubeconfigPath] }).kubeConfig,
    'east',
  );
  const bind = (group: string, namespace: string, kind: 'Role' | 'ClusterRole', name: string) =>
    admin.objects.create({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: `${group}-${name}`, namespace },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind, name },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: group }],
    } as never);
  await bind('developers', 'staging', 'ClusterRole', 'edit');
  await bind('contractors', 'staging', 'ClusterRole', 'edit');
  await admin.objects.create({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata: { name: 'page-reader', namespace: 'production' },
    rules: [
      { apiGroups: [''], resources: ['secrets', 'pods', 'events'], verbs: ['get', 'list'] },
      { apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'list'] },
    ],
  } as never);
  await bind('developers', 'production', 'Role', 'page-reader');
  db = await createTestDatabase({ asDefault: true });
  for (const [name, group] of [
    ['alice', 'developers'],
    ['bob', 'contractors'],
  ] as const) {
    const id = `u-${name}`;
    const viewer = [{ role: 'viewer' as const, environment: null }];
    await createUsers(db.prisma, [
      { id, name, email: `${name}@corp.test`, grants: viewer, ssoGroups: [group] },
    ]);
    tokens[name] = (await createApiToken({ userId: id, name: 'ci' })).token;
  }
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
      headers: { authorization: `Bearer ${tokens.alice}` },
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

type TCellsEvent = {
  changed: {
    release: string;
    cells: { cell: { environment: string; release: { health?: { desired?: number } } | null } }[];
  }[];
};
type TChangeEvent = { clusters: string[]; releases: string[] };

/** Reads `who`'s event stream until `enough` says so; returns the cells and change events seen. */
async function watchStream(
  who: string,
  opened: () => void,
  enough: (cells: TCellsEvent[]) => boolean,
) {
  const res = await events(
    new Request('http://helmdeck.test/api/events', {
      headers: { authorization: `Bearer ${tokens[who]}` },
    }),
  );
  assert.equal(res.status, 200);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const cells: TCellsEvent[] = [];
  const changes: TChangeEvent[] = [];
  let buffer = '';
  const deadline = Date.now() + 90_000;
  try {
    while (!enough(cells)) {
      if (Date.now() > deadline) throw new Error(`${who}'s stream: timed out`);
      const { value, done } = await reader.read();
      if (done) throw new Error(`${who}'s stream ended`);
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const text = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (\w+)$/m.exec(text)?.[1];
        const data = /^data: (.*)$/m.exec(text)?.[1];
        if (event === 'ready') opened();
        if (event === 'cells' && data) cells.push(JSON.parse(data) as TCellsEvent);
        if (event === 'change' && data) changes.push(JSON.parse(data) as TChangeEvent);
      }
    }
  } finally {
    await reader.cancel();
  }
  return { cells, changes };
}

const scaledIn = (cells: TCellsEvent[], environment: string, replicas: number) =>
  cells.some((e) =>
    e.changed.some((row) =>
      row.cells.some(
        (c) => c.cell.environment === environment && c.cell.release?.health?.desired === replicas,
      ),
    ),
  );

async function scale(namespace: string, replicas: number) {
  const d = await admin.apps.readNamespacedDeployment({ namespace, name: 'web' });
  d.spec!.replicas = replicas;
  await admin.apps.replaceNamespacedDeployment({ namespace, name: 'web', body: d });
}

describe('the live stream on an impersonating cluster', T, () => {
  test('a refused column sends no cells and no changes; an allowed change arrives', async () => {
    view(true);
    await waitForReleaseView([
      ['staging', 'east', 'web'],
      ['production', 'east', 'web'],
    ]);
    let open = 0;
    const opened = () => void open++;
    // Alice may read production's page, so her stream shows that production's change was sent at all.
    const alice = watchStream(
      'alice',
      opened,
      (c) => scaledIn(c, 'production', 3) && scaledIn(c, 'staging', 2),
    );
    const bob = watchStream('bob', opened, (c) => scaledIn(c, 'staging', 2));
    await waitFor('both streams to open', async () => open === 2);
    await scale('production', 3);
    await scale('staging', 2);
    const [seenByAlice, seenByBob] = await Promise.all([alice, bob]);
    assert.ok(scaledIn(seenByAlice.cells, 'production', 3));
    const bobsCells = seenByBob.cells.flatMap((e) => e.changed.flatMap((r) => r.cells));
    assert.ok(bobsCells.length > 0);
    assert.deepEqual(
      bobsCells.filter((c) => c.cell.environment !== 'staging'),
      [],
      'no production cell reaches Bob',
    );
    const bobsReleases = seenByBob.changes.flatMap((c) => c.releases);
    assert.ok(!bobsReleases.some((r) => r.startsWith('production/')), bobsReleases.join(', '));
  });
});
