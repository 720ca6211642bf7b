// The read model against sandbox clusters with releases made by real helm:
// what a stakeholder sees in the overview, on the release page, in history
// and diffs, while releases change and clusters fail.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { promisify } from 'node:util';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startSandbox, type TSandbox } from '../../sandbox/index';
import { viewSandbox } from '@/lib/testing/release-view';
import { bundledToolPath, helmUpgrade, inspectHelm, runHelm, type THelmBinary } from '../helm';
import {
  getEnvironmentView,
  getEnvironmentDiff,
  getOverviewMatrix,
  getReleaseDetail,
  getReleaseHistory,
  getRevisionDiff,
  NotFoundError,
  stopReleaseView,
  subscribeOverviewDeltas,
  subscribeReleaseChanges,
  type TOverview,
  type TOverviewDelta,
} from './index';
import { waitFor } from '@/lib/testing';
import { applyDelta } from './apply-delta';

const chartDir = path.resolve('examples/charts/alpha-members');
const dir = mkdtempSync(path.join(os.tmpdir(), 'helmdeck-view-'));
let sandbox: TSandbox;
let helm: THelmBinary;

const config = {
  environments: [
    { name: 'staging', namespace: 'staging', clusters: [{ name: 'staging', context: 'staging' }] },
    {
      name: 'production',
      namespace: 'production',
      clusters: [
        { name: 'east', context: 'east' },
        { name: 'west', context: 'west' },
      ],
    },
  ],
  releases: [{ name: 'alpha-members', promotion: ['staging', 'production'] }, { name: 'broken' }],
};

async function packaged(version: string): Promise<string> {
  const dest = path.join(dir, 'charts', version);
  mkdirSync(dest, { recursive: true });
  const r = await runHelm(
    [
      'package',
      `--version=${version}`,
      `--app-version=${version}`,
      `--destination=${dest}`,
      '--',
      chartDir,
    ],
    { helm, timeoutMs: 60_000 },
  );
  assert.equal(r.exitCode, 0, r.stderr);
  return r.stdout.trim().split(': ').pop()!;
}

async function deploy(
  cluster: string,
  namespace: string,
  release: string,
  version: string,
  opts: { tag?: string; password?: string; wait?: boolean } = {},
) {
  const values: Record<string, unknown> = {
    config: { DB_PASSWORD: opts.password ?? 'hunter2', LOG_LEVEL: version },
  };
  if (opts.tag) values.image = { tag: opts.tag };
  await helmUpgrade(
    { helm, kubeconfig: sandbox.kubeconfigPath, kubeContext: cluster, namespace },
    {
      release,
      chart: await packaged(version),
      install: true,
      createNamespace: true,
      rollbackOnFailure: opts.wait !== false,
      wait: opts.wait === false ? 'none' : 'watcher',
      timeout: '2m',
      values,
      description: `Deploy ${version} by rita`,
    },
  );
}

const cell = (o: TOverview, release: string, cluster: string) =>
  o.rows.find((r) => r.release === release)?.cells.find((c) => c.cluster === cluster);

before(async () => {
  sandbox = await startSandbox({
    clusters: ['staging', 'east', 'west'],
    kubeconfigPath: path.join(dir, 'kubeconfig'),
  });
  helm = await inspectHelm(bundledToolPath('helm'));
  await Promise.all([
    (async () => {
      await deploy('staging', 'staging', 'alpha-members', '1.0.0', { password: 'one' });
      await deploy('staging', 'staging', 'alpha-members', '1.1.0', { password: 'one' });
      await deploy('staging', 'staging', 'alpha-members', '1.2.0', { password: 'two' });
      await deploy('staging', 'staging', 'broken', '1.0.0', { tag: 'crashloop', wait: false });
    })(),
    deploy('east', 'production', 'alpha-members', '1.0.0'),
    deploy('west', 'production', 'alpha-members', '1.0.0'),
  ]);
  viewSandbox(
    sandbox.kubeconfigPath,
    config,
    // Budgets allow for a busy machine (the sandbox shares this process's event loop), so a slow
    // probe neither fails a cluster nor flips its cells to "slow"; an unreachable cluster refuses at once.
    {
      probeIntervalMs: 300,
      probeTimeoutMs: 15_000,
      slowMs: 60_000,
      firstLoadWaitMs: 15_000,
      retryDelayMs: 300,
      notifyDelayMs: 50,
    },
  );
});

after(async () => {
  stopReleaseView();
  await sandbox?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('release status view', () => {
  test('stakeholder sees revisions, versions and staging ahead of production by 2 versions', async () => {
    // On a busy machine the first LIST can outlast the page's wait; a stakeholder would see it on reload.
    const o = await waitFor('every cluster loaded', async () => {
      const m = await getOverviewMatrix();
      return m.clusters.every((c) => c.state === 'ok' || c.state === 'slow') ? m : undefined;
    });
    assert.deepEqual(
      o.columns.map((c) => `${c.environment}/${c.cluster}`),
      ['staging/staging', 'production/east', 'production/west'],
    );
    const staging = cell(o, 'alpha-members', 'staging');
    assert.equal(staging?.state, 'ok');
    assert.equal(staging?.release?.revision, 3);
    assert.equal(staging?.release?.chartVersion, '1.2.0');
    assert.equal(staging?.release?.imageTag, '1.2.0', 'an empty image.tag means the appVersion');
    assert.equal(
      staging?.release?.deployedBy,
      null,
      '"by rita" in a description is a claim; no operation says who deployed',
    );
    assert.equal(cell(o, 'alpha-members', 'east')?.release?.chartVersion, '1.0.0');
    const drift = o.rows.find((r) => r.release === 'alpha-members')?.drift ?? [];
    const ahead = drift.filter((d) => d.kind === 'ahead');
    assert.equal(ahead.length, 2, JSON.stringify(drift));
    for (const d of ahead) {
      assert.equal(d.kind === 'ahead' && d.ahead.environment, 'staging');
      assert.equal(d.kind === 'ahead' && d.by, 2, d.text);
    }
    assert.ok(
      o.clusters.every((c) => c.state === 'ok' || c.state === 'slow'),
      JSON.stringify(o.clusters),
    );
  });

  test('a release installed with a crash-looping image shows CrashLoopBackOff', async () => {
    const health = await waitFor('CrashLoopBackOff', async () => {
      const h = cell(await getOverviewMatrix(), 'broken', 'staging')?.release?.health;
      return h?.worstReason === 'CrashLoopBackOff' ? h : undefined;
    });
    assert.equal(health.ready, 0);
    assert.ok(health.health === 'failed' || health.health === 'degraded');
    const env = await getEnvironmentView('staging');
    assert.ok(
      env.namespaces[0]?.warnings.some((w) => /BackOff|restart/i.test(`${w.reason} ${w.message}`)),
      'warning events of the namespace',
    );
  });

  test('an upgrade made with helm after the cache started appears without a restart', async () => {
    const changes: string[][] = [];
    const unsubscribe = subscribeReleaseChanges((c) => changes.push(c.clusters));
    await getOverviewMatrix();
    await deploy('west', 'production', 'alpha-members', '1.1.0');
    const west = await waitFor('west at revision 2', async () => {
      const c = cell(await getOverviewMatrix(), 'alpha-members', 'west');
      return c?.release?.revision === 2 ? c : undefined;
    });
    assert.equal(west.release?.chartVersion, '1.1.0');
    assert.ok(
      changes.some((c) => c.includes('west')),
      'subscribers heard of the change',
    );
    unsubscribe();
    const o = await getOverviewMatrix();
    const skew = o.rows
      .find((r) => r.release === 'alpha-members')
      ?.drift.find((d) => d.kind === 'cluster-skew');
    assert.ok(skew, 'production clusters on different versions is drift');
  });

  test('scaling a Deployment with kubectl reaches an open overview as a delta of that release cell only', async () => {
    const before = structuredClone(await getOverviewMatrix());
    const deltas: TOverviewDelta[] = [];
    const unsubscribe = subscribeOverviewDeltas((d) => deltas.push(d));
    const detail = await getReleaseDetail('production', 'east', 'alpha-members');
    const name = detail.health.workloads[0]?.name ?? '';
    const replicas = detail.health.desired;
    const kubectl = (n: number) =>
      promisify(execFile)(bundledToolPath('kubectl'), [
        `--kubeconfig=${sandbox.kubeconfigPath}`,
        '--context=east',
        '-n',
        'production',
        'scale',
        `deployment/${name}`,
        `--replicas=${n}`,
      ]);
    try {
      await kubectl(replicas + 1);
      const patched = await waitFor('a delta with east scaled', async () => {
        let held: TOverview | null = before;
        for (const d of deltas) held = held && applyDelta(held, d);
        const east = held && cell(held, 'alpha-members', 'east');
        return held && east?.release?.health?.desired === replicas + 1 ? held : undefined;
      });
      // The crash-looping release changes on its own meanwhile; alpha-members changed in east only.
      const touched = deltas.flatMap((d) =>
        d.changed
          .filter((r) => r.release === 'alpha-members')
          .flatMap((r) => r.cells.map((c) => before.columns[c.index]?.cluster)),
      );
      assert.deepEqual([...new Set(touched)], ['east'], 'only the scaled cell is sent');
      const fresh = await getOverviewMatrix();
      assert.deepEqual(
        patched.rows.map((r) => r.cells.map((c) => c.release?.health?.desired)),
        fresh.rows.map((r) => r.cells.map((c) => c.release?.health?.desired)),
        'the patched overview is what a fresh fetch shows',
      );
    } finally {
      unsubscribe();
      await kubectl(replicas);
    }
  });

  test('an unreachable cluster shows as error cells with the error and data age; the others still show', async () => {
    sandbox.setFault('east', { kind: 'unreachable' });
    try {
      const o = await waitFor('east failing', async () => {
        const x = await getOverviewMatrix();
        return cell(x, 'alpha-members', 'east')?.state === 'error' ? x : undefined;
      });
      const east = cell(o, 'alpha-members', 'east');
      assert.match(east?.error ?? '', /unreachable|closed|reset|refused/);
      assert.equal(typeof east?.dataAgeMs, 'number');
      assert.equal(east?.release?.chartVersion, '1.0.0', 'last good data stays visible');
      assert.equal(cell(o, 'alpha-members', 'staging')?.state, 'ok');
      assert.equal(cell(o, 'alpha-members', 'west')?.state, 'ok');
      assert.equal(o.clusters.find((c) => c.cluster === 'east')?.state, 'error');
    } finally {
      sandbox.clearFaults('east');
    }
    await waitFor('east back', async () =>
      cell(await getOverviewMatrix(), 'alpha-members', 'east')?.state === 'ok' ? true : undefined,
    );
  });

  test('history lists every revision with status, versions and description', async () => {
    const h = await getReleaseHistory('staging', 'staging', 'alpha-members');
    assert.deepEqual(
      h.revisions.map((r) => [r.revision, r.status, r.chartVersion]),
      [
        [3, 'deployed', '1.2.0'],
        [2, 'superseded', '1.1.0'],
        [1, 'superseded', '1.0.0'],
      ],
    );
    assert.ok(
      h.revisions.every(
        (r) => r.actor === null && r.description.startsWith('Deploy ') && r.deployedAt,
      ),
    );
  });

  test('revision diff shows the changed value and a changed secret only as changed', async () => {
    const d = await getRevisionDiff('staging', 'staging', 'alpha-members', 1, 3);
    const level = d.values.find((v) => v.path === 'config.LOG_LEVEL');
    assert.deepEqual([level?.from, level?.to], ['1.0.0', '1.2.0']);
    const pw = d.values.find((v) => v.path === 'config.DB_PASSWORD');
    assert.equal(pw?.change, 'changed');
    assert.equal(pw?.secret, true);
    assert.ok(!('from' in pw!) && !('to' in pw!));
    assert.doesNotMatch(JSON.stringify(d), /hunter2|"two"|"one"/);
    const same = await getRevisionDiff('staging', 'staging', 'alpha-members', 1, 2);
    assert.equal(
      same.values.find((v) => v.path === 'config.DB_PASSWORD'),
      undefined,
      'an unchanged secret is no change',
    );
    assert.ok(d.manifest.resources.some((r) => r.kind === 'Deployment' && r.change === 'changed'));
  });

  test('environment diff compares staging with production east', async () => {
    const d = await getEnvironmentDiff(
      'alpha-members',
      { environment: 'staging', cluster: 'staging' },
      { environment: 'production', cluster: 'east' },
    );
    assert.equal(d.chart.versionChanged, true);
    assert.equal(d.from.label, 'staging/staging');
    assert.ok(d.values.some((v) => v.path === 'config.LOG_LEVEL'));
  });

  test('release page shows workloads, pods, service, ingress, redacted values and manifest', async () => {
    const r = await waitFor('ready pods', async () => {
      const x = await getReleaseDetail('staging', 'staging', 'alpha-members');
      return x.health.ready > 0 ? x : undefined;
    });
    assert.equal(r.revision, 3);
    assert.ok(r.health.workloads.some((w) => w.kind === 'Deployment'));
    assert.ok(r.pods.length > 0 && r.pods.every((p) => p.ageMs === null || p.ageMs >= 0));
    assert.ok(r.services.some((s) => s.readyEndpoints > 0));
    assert.ok(r.ingresses[0]?.backends.some((b) => b.live && b.serviceRelease === 'alpha-members'));
    assert.match(
      String((r.values.user.config as Record<string, unknown>).DB_PASSWORD),
      /^\[redacted:/,
    );
    const cm = r.manifest.find((m) => m.kind === 'ConfigMap');
    assert.ok(cm && !cm.yaml.includes('two') && cm.yaml.includes('[redacted:'));
    assert.match(r.notes, /\S/);
  });

  test('unknown environment, cluster, release and revision are NotFoundError with a message', async () => {
    await assert.rejects(
      getReleaseDetail('qa', 'staging', 'alpha-members'),
      (e) => e instanceof NotFoundError && e.what === 'environment',
    );
    await assert.rejects(
      getReleaseDetail('staging', 'east', 'alpha-members'),
      (e) => e instanceof NotFoundError && e.what === 'cluster',
    );
    await assert.rejects(
      getReleaseHistory('staging', 'staging', 'nope'),
      (e) => e instanceof NotFoundError && e.what === 'release',
    );
    await assert.rejects(
      getRevisionDiff('staging', 'staging', 'alpha-members', 1, 9),
      (e) => e instanceof NotFoundError && e.what === 'revision' && /revision 9/.test(e.message),
    );
  });
});
