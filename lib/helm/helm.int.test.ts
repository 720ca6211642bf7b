// Real helm 4.1 and helm 3.17 binaries, no cluster needed.
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { loadConfig, resolveValuesFiles } from '@/lib/config';
import { bundledToolPath } from './bundled-tools';
import { helmLint, helmStatus, helmTemplate } from './commands';
import { HelmBinaryError, HelmCommandError, HelmInputError } from './errors';
import { helmHomes } from './helm-env';
import { inspectHelm, type THelmBinary } from './resolve-helm';
import { runHelm } from './run-helm';

const chart = path.resolve('examples/charts/alpha-members');
const eastFiles = ['values.yaml', 'values-prod.yaml', 'values-east.yaml'];
const tmp = mkdtempSync(path.join(os.tmpdir(), 'helmdeck-helm-int-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

/** A kubeconfig whose only cluster is `server`. */
function kubeconfig(name: string, server: string): string {
  const file = path.join(tmp, `${name}.kubeconfig`);
  writeFileSync(
    file,
    `apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: "${server}"}}]\nusers: [{name: u, user: {token: t}}]\ncontexts: [{name: ${name}, context: {cluster: c, user: u}}]\ncurrent-context: ${name}\n`,
  );
  return file;
}

describe('helm binary resolution', () => {
  test('the bundled binaries are helm 4 and helm 3, both new enough', async () => {
    const h4 = await inspectHelm(bundledToolPath('helm'));
    const h3 = await inspectHelm(bundledToolPath('helm3'));
    assert.equal(h4.major, 4);
    assert.equal(h3.major, 3);
    assert.ok(h3.minor >= 14);
  });

  test('a missing, a non-helm and a too-old helm are refused with the fix in the message', async () => {
    await assert.rejects(inspectHelm('/nonexistent/helm', 'HELM_BIN'), (e: unknown) => {
      assert.ok(e instanceof HelmBinaryError);
      assert.match(e.message, /HELM_BIN=\/nonexistent\/helm does not exist.*set HELM_BIN/);
      return true;
    });
    await assert.rejects(inspectHelm('/bin/true'), /unknown version/);
    // Stands in for a helm 3.12 install: only its answer to "helm version" matters here.
    const old = path.join(tmp, 'helm-old');
    writeFileSync(old, '#!/bin/sh\necho v3.12.3\n');
    chmodSync(old, 0o755);
    await assert.rejects(
      inspectHelm(old, 'PATH'),
      /helm on PATH .* is v3\.12\.3, older than helm 3\.14/,
    );
  });
});

for (const tool of ['helm', 'helm3'] as const) {
  describe(`${tool}: the example chart and the runner`, () => {
    let helm: THelmBinary;
    before(async () => {
      helm = await inspectHelm(bundledToolPath(tool));
    });

    test('every release of examples/helmdeck.yaml lints and renders in every environment and cluster', async () => {
      const config = loadConfig(path.resolve('examples/helmdeck.yaml'));
      let combinations = 0;
      for (const release of config.releases) {
        // The demo's repository charts are packaged from the folders their values live in.
        assert.equal(release.chartRef.kind, 'repo');
        assert.ok(release.valuesDir, `${release.name} has a valuesDir`);
        const chartPath = path.resolve(config.source.dir, release.valuesDir);
        for (const environment of config.environments.filter((e) =>
          release.promotion.includes(e.name),
        )) {
          for (const cluster of environment.clusters) {
            const valuesFiles = resolveValuesFiles(config, release, environment, cluster.name);
            const where = `${release.name} in ${environment.name}/${cluster.name}`;
            const lint = await helmLint({ helm }, { chart: chartPath, valuesFiles });
            assert.equal(lint.ok, true, `${where}: ${lint.output}`);
            const out = await helmTemplate(
              { helm, namespace: environment.namespace },
              { release: release.name, chart: chartPath, valuesFiles },
            );
            assert.match(out, /^kind: Deployment$/m, where);
            combinations++;
          }
        }
      }
      assert.equal(combinations, 10, 'two releases x (dev + staging + east/west/eu)');
    });

    test('template renders every kind the chart promises, with values from the 0600 file winning', async () => {
      const out = await helmTemplate(
        { helm, namespace: 'production' },
        {
          release: 'alpha-members',
          chart,
          valuesFiles: eastFiles.map((f) => path.join(chart, f)),
          values: { image: { tag: '9.9.9' } },
        },
      );
      for (const kind of [
        'Deployment',
        'Service',
        'Ingress',
        'ConfigMap',
        'HorizontalPodAutoscaler',
        'PodDisruptionBudget',
        'Job',
        'Pod',
      ]) {
        assert.match(out, new RegExp(`^kind: ${kind}$`, 'm'), kind);
      }
      assert.match(out, /image: "registry\.example\.com\/alpha\/members:9\.9\.9"/);
      assert.match(out, /REGION: "us-east-1"/);
      assert.match(out, /progressDeadlineSeconds: 60/);
      assert.match(out, /helm\.sh\/hook: pre-install,pre-upgrade/);
      assert.match(out, /helm\.sh\/hook: test/);
    });

    test('a blue/green track suffixes the Deployment and labels the pods', async () => {
      const out = await helmTemplate(
        { helm },
        { release: 'alpha-members', chart, values: { track: 'green' } },
      );
      assert.match(out, /kind: Deployment\nmetadata:\n  name: alpha-members-green/);
      assert.match(out, /app\.kubernetes\.io\/track: green/);
      const named = await helmTemplate(
        { helm },
        { release: 'alpha-members-blue', chart, values: { track: 'blue' } },
      );
      assert.match(
        named,
        /kind: Deployment\nmetadata:\n  name: alpha-members-blue\n/,
        'no double suffix',
      );
    });

    test('values that break values.schema.json fail as invalid-values, naming the field', async () => {
      await assert.rejects(
        helmTemplate({ helm }, { release: 'r', chart, values: { replicaCount: 50 } }),
        (e: unknown) => {
          assert.ok(e instanceof HelmCommandError, String(e));
          assert.equal(e.kind, 'invalid-values');
          assert.match(e.message, /replicaCount/);
          return true;
        },
      );
    });

    test('a chart path that does not exist is chart-not-found', async () => {
      await assert.rejects(
        helmTemplate({ helm }, { release: 'r', chart: path.join(tmp, 'nope') }),
        (e: unknown) => {
          assert.ok(e instanceof HelmCommandError);
          assert.equal(e.kind, 'chart-not-found', e.message);
          return true;
        },
      );
    });

    test('helm runs with its own config, cache and data homes under the data dir', async () => {
      const r = await runHelm(['env'], { helm, timeoutMs: 30_000 });
      const homes = helmHomes();
      for (const [key, dir] of Object.entries(homes))
        assert.ok(r.stdout.includes(`${key}="${dir}"`), `${key} in ${r.stdout}`);
    });

    test('an unreachable cluster is named by its context, without raw stderr', async () => {
      const file = kubeconfig('east', 'http://127.0.0.1:1');
      await assert.rejects(
        helmStatus(
          { helm, kubeconfig: file, kubeContext: 'east', namespace: 'production' },
          { release: 'alpha-members' },
        ),
        (e: unknown) => {
          assert.ok(e instanceof HelmCommandError);
          assert.equal(e.kind, 'cluster-unreachable', e.message);
          assert.equal(e.message, 'the cluster (context east) is unreachable');
          return true;
        },
      );
    });

    test('an unknown kube context is reported as such', async () => {
      const file = kubeconfig('west', 'http://127.0.0.1:1');
      await assert.rejects(
        helmStatus({ helm, kubeconfig: file, kubeContext: 'mars' }, { release: 'alpha-members' }),
        (e: unknown) => {
          assert.ok(e instanceof HelmCommandError);
          assert.equal(e.kind, 'kube-context', `${e.message} / ${e.detail}`);
          assert.match(e.message, /mars/);
          return true;
        },
      );
    });

    test('a cluster that accepts connections but never answers is stopped at the timeout', async () => {
      const server: Server = createServer(() => {}); // accepts, never replies
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const port = (server.address() as { port: number }).port;
      try {
        const file = kubeconfig('slow', `http://127.0.0.1:${port}`);
        await assert.rejects(
          runHelm(['status', '--', 'alpha-members'], {
            helm,
            kubeconfig: file,
            kubeContext: 'slow',
            timeoutMs: 3000,
          }),
          (e: unknown) => {
            assert.ok(e instanceof HelmCommandError);
            assert.equal(e.kind, 'timeout');
            return true;
          },
        );
      } finally {
        server.close();
        server.unref();
      }
    });

    test('a release name starting with "-" is refused before helm runs, and no values file is left behind', async () => {
      // A temp dir of its own: other processes on the machine create values files in the shared one.
      const tmp = mkdtempSync(path.join(os.tmpdir(), 'helmdeck-values-test-'));
      const savedTmp = process.env.TMPDIR;
      process.env.TMPDIR = tmp;
      try {
        await assert.rejects(
          helmTemplate({ helm }, { release: '-alpha', chart, values: { a: 1 } }),
          HelmInputError,
        );
        await assert.rejects(
          helmTemplate({ helm }, { release: 'r', chart, values: { replicaCount: 99 } }),
          HelmCommandError,
        );
        assert.deepEqual(readdirSync(tmp), []);
      } finally {
        if (savedTmp === undefined) delete process.env.TMPDIR;
        else process.env.TMPDIR = savedTmp;
        rmSync(tmp, { recursive: true, force: true });
      }
    });
  });
}
