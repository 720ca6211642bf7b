// Real helm 4 and helm 3 against a sandbox cluster: the release manager's
// commands end to end, through lib/helm only.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startSandbox, type TSandbox } from '../../sandbox/index';
import { bundledToolPath } from './bundled-tools';
import {
  helmGetManifest,
  helmGetValues,
  helmHistory,
  helmInstall,
  helmList,
  helmRollback,
  helmStatus,
  helmTest,
  helmUninstall,
  helmUpgrade,
  type THelmTarget,
} from './commands';
import { HelmCommandError } from './errors';
import { inspectHelm } from './resolve-helm';

const chart = path.resolve('examples/charts/alpha-members');
const dir = mkdtempSync(path.join(os.tmpdir(), 'helmdeck-helm-sbx-'));
let sandbox: TSandbox;

before(async () => {
  sandbox = await startSandbox({
    clusters: ['staging'],
    kubeconfigPath: path.join(dir, 'kubeconfig'),
  });
});
after(async () => {
  await sandbox?.stop();
  rmSync(dir, { recursive: true, force: true });
});

for (const tool of ['helm', 'helm3'] as const) {
  describe(`${tool} against a sandbox cluster`, () => {
    let t: THelmTarget;
    const release = 'alpha-members';
    const files = ['values.yaml', 'values-staging.yaml'].map((f) => path.join(chart, f));

    before(async () => {
      const helm = await inspectHelm(bundledToolPath(tool));
      t = {
        helm,
        kubeconfig: sandbox.kubeconfigPath,
        kubeContext: 'staging',
        namespace: `staging-${tool}`,
      };
    });

    test('release manager installs, then upgrades the image tag', async () => {
      const installed = await helmInstall(t, {
        release,
        chart,
        valuesFiles: files,
        createNamespace: true,
        wait: 'watcher',
        timeout: '3m',
        values: { image: { tag: '2.3.0' } },
        description: 'op 1 by alice',
      });
      assert.equal(installed.version, 1);
      assert.equal(installed.info.status, 'deployed');
      const upgraded = await helmUpgrade(t, {
        release,
        chart,
        valuesFiles: files,
        timeout: '3m',
        values: { image: { tag: '2.3.1' } },
      });
      assert.equal(upgraded.version, 2);
      const values = await helmGetValues(t, { release });
      assert.equal((values.image as { tag: string }).tag, '2.3.1');
      assert.equal(
        (values.config as { REGION: string }).REGION,
        'staging',
        'values files are part of the user-supplied values',
      );
      assert.match(await helmGetManifest(t, { release, revision: 1 }), /members:2\.3\.0/);
      const listed = await helmList(t);
      assert.deepEqual(
        listed.map((r) => [r.name, r.revision, r.status]),
        [[release, 2, 'deployed']],
      );
    });

    test('an upgrade to a crash-looping image fails and helm rolls it back by itself', async () => {
      await assert.rejects(
        helmUpgrade(t, {
          release,
          chart,
          valuesFiles: files,
          timeout: '25s',
          values: { image: { tag: 'crashloop' }, progressDeadlineSeconds: 10 },
        }),
        (e: unknown) => {
          assert.ok(e instanceof HelmCommandError, String(e));
          assert.ok(['rollout-failed', 'timeout'].includes(e.kind), `${e.kind}: ${e.message}`);
          assert.equal(e.rolledBack, true, e.message);
          return true;
        },
      );
      const history = await helmHistory(t, { release });
      assert.deepEqual(
        history.map((h) => h.status),
        ['superseded', 'superseded', 'failed', 'deployed'],
      );
      assert.match(await helmGetManifest(t, { release }), /members:2\.3\.1/);
    });

    test('release manager rolls back to revision 1, and the chart tests pass', async () => {
      assert.match(
        await helmRollback(t, { release, revision: 1, timeout: '3m' }),
        /Rollback was a success/,
      );
      const status = await helmStatus(t, { release });
      assert.equal(status.info.status, 'deployed');
      assert.equal(status.info.description, 'Rollback to 1');
      const result = await helmTest(t, { release, timeout: '2m' });
      assert.equal(result.passed, true, result.output);
      assert.match(result.output, /POD LOGS: alpha-members-test-connection/);
    });

    test('a failing chart test is a result with the test pod logs, not an exception', async () => {
      await helmUpgrade(t, {
        release,
        chart,
        valuesFiles: files,
        timeout: '3m',
        values: { tests: { image: { repository: 'busybox', tag: 'fail' } } },
      });
      const result = await helmTest(t, { release, timeout: '2m' });
      assert.equal(result.passed, false);
      assert.match(result.output, /alpha-members-test-connection/);
    });

    test('a revision that does not exist and a release that does not exist are named errors', async () => {
      await assert.rejects(helmRollback(t, { release, revision: 99 }), (e: unknown) => {
        assert.ok(e instanceof HelmCommandError);
        assert.equal(e.kind, 'revision-not-found', `${e.message} / ${e.detail}`);
        return true;
      });
      await assert.rejects(helmStatus(t, { release: 'ghost' }), (e: unknown) => {
        assert.ok(e instanceof HelmCommandError);
        assert.equal(e.kind, 'release-not-found', `${e.message} / ${e.detail}`);
        assert.equal(e.message, 'release ghost was not found in this namespace');
        return true;
      });
      await assert.rejects(helmInstall(t, { release, chart, timeout: '1m' }), (e: unknown) => {
        assert.ok(e instanceof HelmCommandError);
        assert.equal(e.kind, 'release-exists', `${e.message} / ${e.detail}`);
        return true;
      });
    });

    test('uninstall removes the release', async () => {
      await helmUninstall(t, { release, timeout: '2m' });
      assert.deepEqual(await helmList(t), []);
    });
  });
}
