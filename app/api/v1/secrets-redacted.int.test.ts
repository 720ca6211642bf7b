// Secrets a release was deployed with never leave the server: a chart that
// templates a password, an AWS key, a DATABASE_URL with a password and a
// `token=` string into a Deployment (env entries with innocent names, args,
// annotations), a ConfigMap file and its NOTES, deployed with real helm; then
// the release page's read model, the REST API and both diff views are
// searched for the secret text.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startSandbox, type TSandbox } from '../../../sandbox/index';
import { createApiToken } from '@/lib/api-tokens';
import { createTestDatabase, stopTestServer, type TTestDatabase } from '@/lib/db/test-database';
import { bundledToolPath, helmUpgrade, inspectHelm, type THelmBinary } from '@/lib/helm';
import { stagingAndEast, viewSandbox } from '@/lib/testing/release-view';
import {
  getEnvironmentDiff,
  getReleaseDetail,
  getRevisionDiff,
  stopReleaseView,
} from '@/lib/release-view';
import { GET as environmentDiff } from './environments/diff/route';
import { GET as releaseDiff } from './releases/[environment]/[cluster]/[release]/diff/route';
import { GET as releaseDetail } from './releases/[environment]/[cluster]/[release]/route';

const TIMEOUT = { timeout: 300_000 };
const dir = mkdtempSync(path.join(os.tmpdir(), 'helmdeck-secrets-'));
let db: TTestDatabase;
let sandbox: TSandbox;
let helm: THelmBinary;
let token = '';

const SECRETS = (n: number) => ({
  password: `hunter2-SECRET-${n}`,
  apiKey: `AKIA-SECRET-KEY-${n}`,
  databaseUrl: `postgres://shop:dburl-SECRET-${n}@db.internal:5432/shop`,
  webhook: `https://hooks.example.com/in?token=tok-SECRET-${n}&team=shop`,
});
const SECRET_TEXT = (n: number) => [
  `hunter2-SECRET-${n}`,
  `AKIA-SECRET-KEY-${n}`,
  `dburl-SECRET-${n}`,
  `tok-SECRET-${n}`,
];

// Every field name here is innocent: only the values are secret.
const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}
  annotations:
    example.com/key-id: {{ .Values.apiKey | quote }}
spec:
  replicas: 1
  selector: { matchLabels: { app: {{ .Release.Name }} } }
  template:
    metadata:
      labels: { app: {{ .Release.Name }} }
    spec:
      containers:
        - name: web
          image: registry.example.com/shop/web:1.0.0
          args: ["--db={{ .Values.databaseUrl }}", "--login={{ .Values.password }}"]
          env:
            - { name: DB, value: {{ .Values.password | quote }} }
            - { name: KEY_ID, value: {{ .Values.apiKey | quote }} }
            - { name: HOOK, value: {{ .Values.webhook | quote }} }
            - { name: REGION, value: eu-plain }
`;
const CONFIGMAP = `apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ .Release.Name }}-files
data:
  app.ini: |
    url = {{ .Values.databaseUrl }}
    hook = {{ .Values.webhook }}
    login = {{ .Values.password }}
`;
const NOTES = `Connect with {{ .Values.databaseUrl }} as {{ .Values.password }}.\n`;

function writeChart(): string {
  const chart = path.join(dir, 'shop');
  mkdirSync(path.join(chart, 'templates'), { recursive: true });
  writeFileSync(path.join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: shop\nversion: 1.0.0\n');
  writeFileSync(path.join(chart, 'values.yaml'), 'password: ""\napiKey: ""\n');
  writeFileSync(path.join(chart, 'templates', 'deployment.yaml'), DEPLOYMENT);
  writeFileSync(path.join(chart, 'templates', 'configmap.yaml'), CONFIGMAP);
  writeFileSync(path.join(chart, 'templates', 'NOTES.txt'), NOTES);
  return chart;
}

async function deploy(context: string, namespace: string, n: number, chart: string) {
  await helmUpgrade(
    { helm, kubeconfig: sandbox.kubeconfigPath, kubeContext: context, namespace },
    {
      release: 'shop',
      chart,
      install: true,
      createNamespace: true,
      wait: 'none',
      timeout: '2m',
      values: SECRETS(n),
      description: `Deploy ${n}`,
    },
  );
}

function assertNoSecret(what: string, value: unknown, n: number[]) {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  for (const i of n)
    for (const secret of SECRET_TEXT(i))
      assert.ok(!text.includes(secret), `${what} shows ${secret}`);
  assert.match(text, /\[redacted:[0-9a-f]{12}\]/, `${what} shows markers where the secrets were`);
}

const req = (url: string) =>
  new Request(`http://helmdeck.test${url}`, { headers: { authorization: `Bearer ${token}` } });
const params = <T>(p: T) => ({ params: Promise.resolve(p) });

before(async () => {
  db = await createTestDatabase({ asDefault: true });
  await db.prisma.user.create({ data: { id: 'v1', name: 'Vera', email: 'vera@example.test' } });
  await db.prisma.roleGrant.create({ data: { userId: 'v1', role: 'viewer' } });
  token = (await createApiToken({ userId: 'v1', name: 'ci' })).token;
  sandbox = await startSandbox({
    clusters: ['staging', 'east'],
    kubeconfigPath: path.join(dir, 'kubeconfig'),
  });
  helm = await inspectHelm(bundledToolPath('helm'));
  const chart = writeChart();
  await deploy('staging', 'staging', 1, chart);
  await deploy('staging', 'staging', 2, chart);
  await deploy('east', 'production', 3, chart);
  viewSandbox(sandbox.kubeconfigPath, stagingAndEast('shop'));
});

after(async () => {
  stopReleaseView();
  await sandbox?.stop();
  await db?.drop();
  await stopTestServer();
  rmSync(dir, { recursive: true, force: true });
});

describe('secrets templated into manifests', TIMEOUT, () => {
  test('the release page shows neither values nor manifest nor notes with a secret', async () => {
    const detail = await getReleaseDetail('staging', 'staging', 'shop');
    assertNoSecret('release page', detail, [1, 2]);
    const deployment = detail.manifest.find((m) => m.kind === 'Deployment');
    assert.ok(deployment?.yaml.includes('eu-plain'), 'plain env values stay readable');
    assert.ok(deployment?.yaml.includes('registry.example.com/shop/web:1.0.0'));
    assert.match(
      detail.notes,
      /^Connect with postgres:\/\/shop:\[redacted:[0-9a-f]{12}\]@db\.internal/,
    );
  });

  test('revision and environment diffs say a secret changed, never what it is', async () => {
    const revisions = await getRevisionDiff('staging', 'staging', 'shop', 1, 2);
    assertNoSecret('revision diff', revisions, [1, 2]);
    const changed = revisions.manifest.resources.find((r) => r.kind === 'Deployment');
    assert.equal(changed?.change, 'changed', 'a changed secret still shows as a change');
    const places = await getEnvironmentDiff(
      'shop',
      { environment: 'staging', cluster: 'staging' },
      { environment: 'production', cluster: 'east' },
    );
    assertNoSecret('environment diff', places, [2, 3]);
  });

  test('the REST API answers the same redacted release, revision diff and environment diff', async () => {
    const place = { environment: 'staging', cluster: 'staging', release: 'shop' };
    const detail = await releaseDetail(req('/api/v1/releases/staging/staging/shop'), params(place));
    assert.equal(detail.status, 200);
    assertNoSecret('GET /api/v1/releases/staging/staging/shop', await detail.text(), [1, 2]);
    const diff = await releaseDiff(req('/x?from=1&to=2'), params(place));
    assert.equal(diff.status, 200);
    assertNoSecret('GET .../diff?from=1&to=2', await diff.text(), [1, 2]);
    const env = await environmentDiff(
      req('/x?release=shop&left=staging/staging&right=production/east'),
    );
    assert.equal(env.status, 200);
    assertNoSecret('GET /api/v1/environments/diff', await env.text(), [2, 3]);
  });
});
