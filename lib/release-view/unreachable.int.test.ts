// A cluster that does not answer, on a sandbox cluster with a release made
// by real helm: the release reads answer "unreachable since <time>" as an
// AppError (503 on the API, a message on the pages), never a raw error that
// becomes an error page.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startSandbox, type TSandbox } from '../../sandbox/index';
import { bundledToolPath, helmUpgrade, inspectHelm, runHelm } from '../helm';
import { viewSandbox } from '@/lib/testing/release-view';
import {
  ClusterUnavailableError,
  getReleaseDetail,
  getReleaseHistory,
  getRevisionDiff,
  stopReleaseView,
} from './index';

const T = { timeout: 300_000 };
const dir = mkdtempSync(path.join(os.tmpdir(), 'helmdeck-unreachable-'));
let sandbox: TSandbox;
const SINCE = /^Cluster "east" unreachable since \d{4}-\d\d-\d\d \d\d:\d\d UTC: .+\.$/;

const config = {
  environments: [
    { name: 'production', namespace: 'production', clusters: [{ name: 'east', context: 'east' }] },
  ],
  releases: [{ name: 'alpha-members' }],
};

before(async () => {
  sandbox = await startSandbox({
    clusters: ['east'],
    kubeconfigPath: path.join(dir, 'kubeconfig'),
  });
  const helm = await inspectHelm(bundledToolPath('helm'));
  const dest = path.join(dir, 'chart');
  mkdirSync(dest, { recursive: true });
  const pkg = await runHelm(
    [
      'package',
      '--version=1.0.0',
      `--destination=${dest}`,
      '--',
      path.resolve('examples/charts/alpha-members'),
    ],
    { helm, timeoutMs: 60_000 },
  );
  assert.equal(pkg.exitCode, 0, pkg.stderr);
  for (const tag of ['1.0.0', '1.0.1'])
    await helmUpgrade(
      { helm, kubeconfig: sandbox.kubeconfigPath, kubeContext: 'east', namespace: 'production' },
      {
        release: 'alpha-members',
        chart: pkg.stdout.trim().split(': ').pop()!,
        install: true,
        createNamespace: true,
        wait: 'none',
        timeout: '2m',
        values: { image: { tag } },
      },
    );
});

after(async () => {
  stopReleaseView();
  await sandbox?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function viewCluster(): void {
  stopReleaseView();
  viewSandbox(sandbox.kubeconfigPath, config, {
    probeIntervalMs: 200,
    probeTimeoutMs: 2000,
    retryDelayMs: 200,
    firstLoadWaitMs: 1500,
  });
}

describe('an unreachable cluster', T, () => {
  test('that never answered: the release reads say since when', async () => {
    sandbox.setFault('east', { kind: 'unreachable' });
    try {
      viewCluster();
      await assert.rejects(
        getReleaseDetail('production', 'east', 'alpha-members'),
        (e: unknown) => {
          assert.ok(e instanceof ClusterUnavailableError);
          assert.match(e.userMessage, SINCE);
          return true;
        },
      );
      await assert.rejects(
        getReleaseHistory('production', 'east', 'alpha-members'),
        ClusterUnavailableError,
      );
    } finally {
      sandbox.clearFaults('east');
    }
  });

  test('that went away after its list was read: a revision never decoded says since when, not an error', async () => {
    viewCluster();
    // Until the cluster (just back from the first test's fault) has answered the first LIST.
    let detail: Awaited<ReturnType<typeof getReleaseDetail>> | undefined;
    for (let tries = 0; !detail; tries += 1) {
      detail = await getReleaseDetail('production', 'east', 'alpha-members').catch((e: unknown) => {
        if (tries > 120 || !(e instanceof ClusterUnavailableError)) throw e;
        return new Promise<undefined>((r) => setTimeout(() => r(undefined), 500));
      });
    }
    assert.equal(detail.revision, 2);
    sandbox.setFault('east', { kind: 'unreachable' });
    try {
      // Revision 1 was listed but never decoded: reading it needs the cluster.
      await assert.rejects(
        getRevisionDiff('production', 'east', 'alpha-members', 1, 2),
        (e: unknown) => {
          assert.ok(e instanceof ClusterUnavailableError, String(e));
          assert.match(e.userMessage, SINCE);
          return true;
        },
      );
    } finally {
      sandbox.clearFaults('east');
    }
  });
});
