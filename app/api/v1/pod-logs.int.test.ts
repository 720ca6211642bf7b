// Pod logs through the REST route the release page uses, against a sandbox
// cluster with releases installed by real helm: the log of a release's own
// pod (the secret on its command line redacted), the previous container after
// a crash, following live (server-sent events), and the refusals: no view on
// the environment, another release's pod, an unknown container, no previous run.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startSandbox, type TSandbox } from '../../../sandbox/index';
import { createApiToken } from '@/lib/api-tokens';
import { createTestDatabase, stopTestServer, type TTestDatabase } from '@/lib/db/test-database';
import { bundledToolPath, helmUpgrade, inspectHelm, type THelmBinary } from '@/lib/helm';
import { createClusterClients } from '@/lib/kube/clients';
import { loadKubeConfig } from '@/lib/kube/kubeconfig';
import { configureReleaseView, getReleaseDetail, stopReleaseView } from '@/lib/release-view';
import { createUsers, waitFor } from '@/lib/testing';
import { GET as logs } from './releases/[environment]/[cluster]/[release]/logs/route';

const TIMEOUT = { timeout: 300_000 };
const SECRET = 'hunter2-LOGSECRET-7';
const dir = mkdtempSync(path.join(os.tmpdir(), 'helmdeck-pod-logs-'));
let db: TTestDatabase;
let sandbox: TSandbox;
let helm: THelmBinary;
const tokens: Record<string, string> = {};

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}
spec:
  replicas: 1
  selector: { matchLabels: { app: {{ .Release.Name }} } }
  template:
    metadata:
      labels: { app: {{ .Release.Name }}, app.kubernetes.io/instance: {{ .Release.Name }} }
    spec:
      containers:
        - name: api
          image: {{ .Values.image }}
          args: ["--listen=:8080", "--password={{ .Values.password }}"]
`;

function writeChart(): string {
  const chart = path.join(dir, 'svc');
  mkdirSync(path.join(chart, 'templates'), { recursive: true });
  writeFileSync(path.join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: svc\nversion: 1.0.0\n');
  writeFileSync(path.join(chart, 'values.yaml'), 'image: ""\npassword: ""\n');
  writeFileSync(path.join(chart, 'templates', 'deployment.yaml'), DEPLOYMENT);
  return chart;
}

async function install(context: string, namespace: string, release: string, image: string) {
  await helmUpgrade(
    { helm, kubeconfig: sandbox.kubeconfigPath, kubeContext: context, namespace },
    {
      release,
      chart: writeChart(),
      install: true,
      createNamespace: true,
      wait: 'none',
      rollbackOnFailure: false,
      timeout: '2m',
      values: { image, password: SECRET },
      description: `install ${release}`,
    },
  );
}

const call = (who: string, url: string, place: Record<string, string>) =>
  logs(
    new Request(`http://helmdeck.test${url}`, {
      headers: { authorization: `Bearer ${tokens[who]}` },
    }),
    { params: Promise.resolve(place) as never },
  );
const staging = (release: string) => ({ environment: 'staging', cluster: 'staging', release });
const url = (release: string, query: string) =>
  `/api/v1/releases/staging/staging/${release}/logs?${query}`;

async function podOf(release: string): Promise<string> {
  return waitFor(
    `a pod of ${release}`,
    async () => (await getReleaseDetail('staging', 'staging', release)).pods[0]?.name,
    { timeoutMs: 60_000 },
  );
}

before(async () => {
  db = await createTestDatabase({ asDefault: true });
  await createUsers(db.prisma, [
    { id: 'vera', name: 'Vera', grants: [{ role: 'viewer', environment: null }] },
    { id: 'sam', name: 'Sam', grants: [{ role: 'viewer', environment: 'production' }] },
  ]);
  tokens.vera = (await createApiToken({ userId: 'vera', name: 'ci' })).token;
  tokens.sam = (await createApiToken({ userId: 'sam', name: 'ci' })).token;
  sandbox = await startSandbox({
    clusters: ['staging'],
    kubeconfigPath: path.join(dir, 'kubeconfig'),
  });
  helm = await inspectHelm(bundledToolPath('helm'));
  await install('staging', 'staging', 'web', 'registry.example.com/web:1.0.0');
  await install('staging', 'staging', 'worker', 'registry.example.com/worker:2.0.0-crashloop');
  const { kubeConfig, source } = loadKubeConfig({
    files: [sandbox.kubeconfigPath],
    inCluster: false,
  });
  configureReleaseView({
    config: {
      environments: [
        {
          name: 'staging',
          namespace: 'staging',
          clusters: [{ name: 'staging', context: 'staging' }],
        },
      ],
      releases: [
        { name: 'web', promotion: ['staging'] },
        { name: 'worker', promotion: ['staging'] },
      ],
    },
    clientsFor: (context) => createClusterClients(kubeConfig, context, source),
  });
});

after(async () => {
  stopReleaseView();
  await sandbox?.stop();
  await db?.drop();
  await stopTestServer();
  rmSync(dir, { recursive: true, force: true });
});

describe('pod logs of a release', TIMEOUT, () => {
  test("a viewer reads a release pod's log with the secret on its command line redacted", async () => {
    const pod = await podOf('web');
    const res = await call('vera', url('web', `pod=${pod}`), staging('web'));
    assert.equal(res.status, 200);
    const body = (await res.json()) as { container: string; lines: string[] };
    assert.equal(body.container, 'api', 'the first container when none is named');
    const text = body.lines.join('\n');
    assert.match(text, /starting api \(image registry\.example\.com\/web:1\.0\.0/);
    assert.match(text, /--password=\[redacted:[0-9a-f]{12}\]/);
    assert.ok(!text.includes(SECRET), 'the secret value never reaches the answer');
  });

  test('refusals name what is wrong: the environment, the pod, the container, the previous run', async () => {
    const pod = await podOf('web');
    const other = await podOf('worker');
    const forbidden = await call('sam', url('web', `pod=${pod}`), staging('web'));
    assert.equal(forbidden.status, 403);
    const notMine = await call('vera', url('web', `pod=${other}`), staging('web'));
    assert.equal(notMine.status, 404);
    assert.match(((await notMine.json()) as { error: string }).error, /has no pod/);
    const container = await call('vera', url('web', `pod=${pod}&container=nope`), staging('web'));
    assert.equal(container.status, 400);
    assert.match(((await container.json()) as { error: string }).error, /"container".*: api/);
    const previous = await call('vera', url('web', `pod=${pod}&previous=true`), staging('web'));
    assert.equal(previous.status, 400);
    assert.match(
      ((await previous.json()) as { error: string }).error,
      /no previous run to show \(it has not restarted\)/,
    );
    const badPod = await call('vera', url('web', 'pod=../secrets'), staging('web'));
    assert.equal(badPod.status, 400);
  });

  test('after a crash the previous container shows how it ended', async () => {
    const pod = await podOf('worker');
    await waitFor(
      'a restart of the worker',
      async () =>
        (await getReleaseDetail('staging', 'staging', 'worker')).pods[0]!.containers[0]!.restarts >=
        1,
      { timeoutMs: 60_000 },
    );
    const res = await call('vera', url('worker', `pod=${pod}&previous=true`), staging('worker'));
    assert.equal(res.status, 200);
    const text = ((await res.json()) as { lines: string[] }).lines.join('\n');
    assert.match(text, /ERROR cannot connect to database/);
    assert.match(text, /FATAL exiting with status 1/);
  });

  test('following sends lines as server-sent events as the container writes them', async () => {
    const pod = await podOf('worker');
    const res = await call('vera', url('worker', `pod=${pod}&follow=true`), staging('worker'));
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/event-stream/);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    while (!/FATAL exiting/.test(text)) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value);
    }
    await reader.cancel();
    assert.match(text, /event: lines\ndata: \{"lines":\[/);
    assert.match(text, /FATAL exiting with status 1/);
    assert.ok(!text.includes(SECRET));
  });
});
