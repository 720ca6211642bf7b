// Live drift against a sandbox cluster: a release installed with real helm,
// then changed behind helm's back with kubectl (scale, set image, an edited
// ConfigMap). The overview cell says how many objects drifted, the release
// page names the fields, a secret-looking value shows only as changed, and
// putting things back clears it.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, test } from 'node:test';
import { startSandbox, type TSandbox } from '../../sandbox/index';
import { bundledToolPath, helmUpgrade, inspectHelm } from '../helm';
import { viewSandbox } from '@/lib/testing/release-view';
import { waitFor } from '@/lib/testing';
import { getOverviewMatrix, getReleaseDetail, stopReleaseView } from './index';

const dir = mkdtempSync(path.join(os.tmpdir(), 'helmdeck-drift-'));
let sandbox: TSandbox;

const config = {
  environments: [
    { name: 'staging', namespace: 'staging', clusters: [{ name: 'staging', context: 'staging' }] },
  ],
  releases: [{ name: 'alpha-members' }],
};

const kubectl = (...args: string[]) =>
  promisify(execFile)(bundledToolPath('kubectl'), [
    `--kubeconfig=${sandbox.kubeconfigPath}`,
    '--context=staging',
    '-n',
    'staging',
    ...args,
  ]);

/** Waits until the overview cell says this many objects drifted. */
const cellShows = (objects: number) =>
  waitFor(`the cell showing ${objects} drifted objects`, async () => {
    const o = await getOverviewMatrix();
    const cell = o.rows.find((r) => r.release === 'alpha-members')?.cells[0];
    return cell?.release?.liveDrift === objects;
  });

before(async () => {
  sandbox = await startSandbox({ clusters: ['staging'], kubeconfigPath: path.join(dir, 'kube') });
  const helm = await inspectHelm(bundledToolPath('helm'));
  await helmUpgrade(
    { helm, kubeconfig: sandbox.kubeconfigPath, kubeContext: 'staging', namespace: 'staging' },
    {
      release: 'alpha-members',
      chart: path.resolve('examples/charts/alpha-members'),
      install: true,
      createNamespace: true,
      wait: 'none',
      timeout: '2m',
      values: { config: { LOG_LEVEL: 'info', DB_PASSWORD: 'hunter2-secret' } },
    },
  );
  viewSandbox(sandbox.kubeconfigPath, config, {
    probeIntervalMs: 300,
    probeTimeoutMs: 15_000,
    slowMs: 60_000,
    retryDelayMs: 300,
  });
});

after(async () => {
  stopReleaseView();
  await sandbox?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('objects changed with kubectl show as drifted, field by field; putting them back clears it', async () => {
  await cellShows(0);
  const before = await getReleaseDetail('staging', 'staging', 'alpha-members');
  assert.deepEqual(before.liveDrift, [], 'as installed, nothing differs from the chart');
  const workload = before.health.workloads[0]!.name;

  await kubectl('scale', `deployment/${workload}`, '--replicas=5');
  await kubectl('set', 'image', `deployment/${workload}`, 'members=evil.example.com/members:hack');
  await kubectl(
    'patch',
    'configmap/alpha-members',
    '--type=merge',
    '-p',
    JSON.stringify({ data: { LOG_LEVEL: 'debug', DB_PASSWORD: 'changed-by-hand' } }),
  );
  await cellShows(2);
  const d = await waitFor('release page drift', async () => {
    const x = await getReleaseDetail('staging', 'staging', 'alpha-members');
    return x.liveDrift?.length === 2 ? x : undefined;
  });
  const fields = (kind: string) =>
    new Map(d.liveDrift!.find((o) => o.kind === kind)?.fields.map((f) => [f.path, f]));
  const dep = fields('Deployment');
  assert.deepEqual(dep.get('spec.replicas'), { path: 'spec.replicas', chart: '2', live: '5' });
  assert.equal(
    dep.get('spec.template.spec.containers[members].image')?.live,
    'evil.example.com/members:hack',
  );
  assert.equal(dep.size, 2, 'fields the deployment controller writes are not drift');
  const cm = fields('ConfigMap');
  assert.deepEqual(cm.get('data.LOG_LEVEL'), {
    path: 'data.LOG_LEVEL',
    chart: 'info',
    live: 'debug',
  });
  const password = cm.get('data.DB_PASSWORD');
  assert.ok(password, 'a changed secret-looking value is drift');
  assert.notEqual(password.chart, password.live);
  assert.doesNotMatch(JSON.stringify(d.liveDrift), /hunter2-secret|changed-by-hand/);

  await kubectl('scale', `deployment/${workload}`, '--replicas=2');
  await kubectl(
    'set',
    'image',
    `deployment/${workload}`,
    `members=${dep.get('spec.template.spec.containers[members].image')!.chart}`,
  );
  await kubectl(
    'patch',
    'configmap/alpha-members',
    '--type=merge',
    '-p',
    JSON.stringify({ data: { LOG_LEVEL: 'info', DB_PASSWORD: 'hunter2-secret' } }),
  );
  await cellShows(0);
});
