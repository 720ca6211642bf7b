// Real helm 4.1.4 and helm 3.17.3 against the sandbox cluster: every command
// the dashboard relies on, each checked against the objects in the cluster.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startSandbox, type KObject, type Store, type TSandbox } from '../index';
import { runHelm, type HelmResult } from './helm-run';

const CHART = path.resolve('sandbox/test/charts/conformance');
const RELEASE = 'demo';
const FAILURE_MODES = ['crashloop', 'oom', 'pullfail', 'unready'] as const;

const VERSIONS = [
  { tool: 'helm', label: 'helm 4.1.4', cluster: 'helm4', rollbackFlag: '--rollback-on-failure' },
  { tool: 'helm3', label: 'helm 3.17.3', cluster: 'helm3', rollbackFlag: '--atomic' },
] as const;

let sandbox: TSandbox | undefined;
let tmp = '';

async function waitFor(what: string, check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const spec = (o: KObject | undefined) => (o?.spec ?? {}) as Record<string, any>;
const status = (o: KObject | undefined) => (o?.status ?? {}) as Record<string, any>;

function ok(result: HelmResult): HelmResult {
  assert.equal(result.code, 0, `helm failed:\n${result.stderr}\n${result.stdout}`);
  return result;
}

describe('real helm against the sandbox cluster', { concurrency: 2 }, () => {
  before(async () => {
    tmp = mkdtempSync(path.join(tmpdir(), 'helm-conformance-'));
    sandbox = await startSandbox({
      clusters: VERSIONS.map((v) => v.cluster),
      kubeconfigPath: path.join(tmp, 'kubeconfig'),
    });
  });
  after(async () => {
    await sandbox?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  for (const v of VERSIONS) {
    describe(v.label, { concurrency: 1 }, () => {
      const ns = `conformance-${v.cluster}`;
      const store = (): Store => sandbox!.clusters.find((c) => c.name === v.cluster)!.store;
      const helm = (flags: string[], positionals: string[] = []) =>
        runHelm(
          {
            tool: v.tool,
            kubeconfig: sandbox!.kubeconfigPath,
            context: v.cluster,
            home: path.join(tmp, v.cluster),
          },
          flags,
          positionals,
        );
      const web = () => store().get('deployments.apps', ns, `${RELEASE}-web`);
      const webImage = () =>
        spec(web()).template?.spec?.containers?.[0]?.image as string | undefined;
      const webPods = () =>
        store()
          .list('pods', ns)
          .filter(
            (p) =>
              p.metadata.ownerReferences?.[0]?.kind === 'ReplicaSet' &&
              p.metadata.name.startsWith(`${RELEASE}-web-`),
          );
      const podImages = () => [
        ...new Set(webPods().map((p) => spec(p).containers[0].image as string)),
      ];
      const webReady = () =>
        status(web()).readyReplicas === 2 &&
        status(web()).observedGeneration === web()?.metadata.generation;
      const releaseSecrets = () =>
        store()
          .list('secrets', ns)
          .filter((s) => s.metadata.labels?.owner === 'helm');
      const history = async () =>
        JSON.parse(ok(await helm(['history', '-n', ns, '-o', 'json'], [RELEASE])).stdout) as {
          revision: number;
          status: string;
          description: string;
        }[];

      test('install --wait --create-namespace creates every object, ready', async () => {
        ok(
          await helm(
            ['install', '--wait', '--create-namespace', '-n', ns, '--timeout', '60s'],
            [RELEASE, CHART],
          ),
        );
        const s = store();
        assert.ok(s.get('namespaces', undefined, ns));
        assert.equal(webImage(), 'registry.example/web:v1');
        assert.ok(webReady());
        assert.deepEqual(podImages(), ['registry.example/web:v1']);
        assert.match(spec(s.get('services', ns, `${RELEASE}-web`)).clusterIP, /^10\.96\./);
        assert.equal(
          (s.get('configmaps', ns, `${RELEASE}-config`)?.data as Record<string, string>).greeting,
          'hello',
        );
        assert.ok(s.get('secrets', ns, `${RELEASE}-credentials`));
        assert.ok(s.get('ingresses.networking.k8s.io', ns, `${RELEASE}-web`));
        assert.equal(
          status(s.get('horizontalpodautoscalers.autoscaling', ns, `${RELEASE}-web`))
            .desiredReplicas,
          2,
        );
        assert.equal(
          status(s.get('poddisruptionbudgets.policy', ns, `${RELEASE}-web`)).currentHealthy,
          2,
        );
        assert.equal(status(s.get('statefulsets.apps', ns, `${RELEASE}-db`)).readyReplicas, 1);
        assert.deepEqual(
          releaseSecrets().map((x) => x.metadata.labels?.status),
          ['deployed'],
        );
      });

      test('upgrade --wait rolls out the new image and runs the pre-upgrade Job hook', async () => {
        ok(
          await helm(
            [
              'upgrade',
              '--history-max',
              '0',
              '--wait',
              '-n',
              ns,
              '--timeout',
              '60s',
              '--set',
              'image.tag=v2',
              '--set',
              'greeting=hi',
            ],
            [RELEASE, CHART],
          ),
        );
        assert.equal(webImage(), 'registry.example/web:v2');
        await waitFor(
          'only v2 pods',
          () => podImages().join() === 'registry.example/web:v2' && webPods().length === 2,
        );
        assert.ok(webReady());
        assert.equal(
          (store().get('configmaps', ns, `${RELEASE}-config`)?.data as Record<string, string>)
            .greeting,
          'hi',
        );
        const job = store().get('jobs.batch', ns, `${RELEASE}-migrate`);
        assert.ok(
          status(job).conditions?.some(
            (c: { type: string; status: string }) => c.type === 'Complete' && c.status === 'True',
          ),
        );
        assert.deepEqual(spec(job).template.spec.containers[0].args, ['migrate', '--to', 'v2']);
        assert.deepEqual(
          releaseSecrets()
            .map((x) => x.metadata.labels?.status)
            .sort(),
          ['deployed', 'superseded'],
        );
      });

      for (const mode of FAILURE_MODES) {
        test(`an upgrade to a ${mode} image fails and is rolled back (${v.rollbackFlag})`, async () => {
          const before = (await history()).length;
          const result = await helm(
            [
              'upgrade',
              '--history-max',
              '0',
              '--wait',
              v.rollbackFlag,
              '-n',
              ns,
              '--timeout',
              '8s',
              '--reuse-values',
              '--set',
              `image.tag=${mode}`,
              '--set',
              'progressDeadlineSeconds=3',
            ],
            [RELEASE, CHART],
          );
          assert.notEqual(result.code, 0, 'the upgrade must fail');
          // helm 4 reads the Deployment's ProgressDeadlineExceeded condition; helm 3 waits out its timeout.
          if (v.tool === 'helm') assert.match(result.stderr, /progress deadline exceeded/i);
          assert.equal(webImage(), 'registry.example/web:v2');
          await waitFor(
            'the broken pods to go',
            () => podImages().join() === 'registry.example/web:v2' && webReady(),
          );
          const revisions = await history();
          assert.equal(revisions.length, before + 2);
          assert.deepEqual(
            revisions.slice(-2).map((r) => r.status),
            ['failed', 'deployed'],
          );
          assert.match(revisions.at(-1)!.description, /Rollback to/);
        });
      }

      test(`an upgrade to a slow image succeeds once its pods get ready (${v.rollbackFlag})`, async () => {
        ok(
          await helm(
            [
              'upgrade',
              '--history-max',
              '0',
              '--wait',
              v.rollbackFlag,
              '-n',
              ns,
              '--timeout',
              '60s',
              '--reuse-values',
              '--set',
              'image.tag=slow',
            ],
            [RELEASE, CHART],
          ),
        );
        assert.equal(webImage(), 'registry.example/web:slow');
        assert.ok(webReady());
        assert.ok(
          webPods().every((p) =>
            status(p).conditions?.some(
              (c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'True',
            ),
          ),
        );
      });

      test('history, status and get show the release as the cluster has it', async () => {
        const revisions = await history();
        assert.equal(revisions.length, 2 + FAILURE_MODES.length * 2 + 1);
        assert.equal(revisions.filter((r) => r.status === 'failed').length, FAILURE_MODES.length);
        assert.equal(revisions.at(-1)?.status, 'deployed');
        const st = JSON.parse(
          ok(await helm(['status', '-n', ns, '-o', 'json'], [RELEASE])).stdout,
        ) as { name: string; namespace: string; version: number; info: { status: string } };
        assert.deepEqual(
          [st.name, st.namespace, st.version, st.info.status],
          [RELEASE, ns, revisions.length, 'deployed'],
        );
        const values = JSON.parse(
          ok(await helm(['get', 'values', '-n', ns, '-o', 'json'], [RELEASE])).stdout,
        ) as { image: { tag: string }; greeting: string };
        assert.deepEqual([values.image.tag, values.greeting], ['slow', 'hi']);
        const manifest = ok(await helm(['get', 'manifest', '-n', ns], [RELEASE])).stdout;
        assert.match(manifest, /kind: StatefulSet/);
        assert.match(manifest, /image: "registry\.example\/web:slow"/);
        const all = ok(await helm(['get', 'all', '-n', ns], [RELEASE])).stdout;
        assert.match(all, /demo-test-connection/);
        assert.match(all, /demo-migrate/);
      });

      test('rollback --wait to the previous and to a given revision', async () => {
        ok(
          await helm(
            ['rollback', '--history-max', '0', '--wait', '-n', ns, '--timeout', '60s'],
            [RELEASE],
          ),
        );
        assert.equal(webImage(), 'registry.example/web:v2');
        await waitFor(
          'v2 pods back',
          () => podImages().join() === 'registry.example/web:v2' && webReady(),
        );
        ok(
          await helm(
            ['rollback', '--history-max', '0', '--wait', '-n', ns, '--timeout', '60s'],
            [RELEASE, '1'],
          ),
        );
        assert.equal(webImage(), 'registry.example/web:v1');
        await waitFor(
          'v1 pods back',
          () => podImages().join() === 'registry.example/web:v1' && webReady(),
        );
        assert.equal(
          (store().get('configmaps', ns, `${RELEASE}-config`)?.data as Record<string, string>)
            .greeting,
          'hello',
        );
        const revisions = await history();
        assert.match(revisions.at(-1)!.description, /Rollback to 1/);
      });

      test('helm test passes, and fails when the test image fails', async () => {
        ok(await helm(['test', '-n', ns, '--timeout', '60s'], [RELEASE]));
        assert.equal(
          status(store().get('pods', ns, `${RELEASE}-test-connection`)).phase,
          'Succeeded',
        );
        ok(
          await helm(
            [
              'upgrade',
              '--history-max',
              '0',
              '--wait',
              '-n',
              ns,
              '--timeout',
              '60s',
              '--reuse-values',
              '--set',
              'test.tag=fail',
            ],
            [RELEASE, CHART],
          ),
        );
        const failed = await helm(['test', '-n', ns, '--timeout', '60s'], [RELEASE]);
        assert.notEqual(failed.code, 0);
        assert.match(failed.stdout + failed.stderr, /Failed/);
        const pod = store().get('pods', ns, `${RELEASE}-test-connection`);
        assert.equal(status(pod).phase, 'Failed');
        assert.equal(spec(pod).containers[0].image, 'registry.example/busybox:fail');
      });

      test('list -A shows the release', async () => {
        const list = JSON.parse(ok(await helm(['list', '-A', '-o', 'json'])).stdout) as {
          name: string;
          namespace: string;
          status: string;
        }[];
        assert.deepEqual(
          list.map((r) => [r.name, r.namespace, r.status]),
          [[RELEASE, ns, 'deployed']],
        );
      });

      test('uninstall removes the release objects, their pods and the release records', async () => {
        ok(await helm(['uninstall', '-n', ns, '--timeout', '60s'], [RELEASE]));
        const s = store();
        for (const [resource, name] of [
          ['deployments.apps', `${RELEASE}-web`],
          ['services', `${RELEASE}-web`],
          ['configmaps', `${RELEASE}-config`],
          ['secrets', `${RELEASE}-credentials`],
          ['ingresses.networking.k8s.io', `${RELEASE}-web`],
          ['horizontalpodautoscalers.autoscaling', `${RELEASE}-web`],
          ['poddisruptionbudgets.policy', `${RELEASE}-web`],
          ['statefulsets.apps', `${RELEASE}-db`],
        ] as const) {
          assert.equal(s.get(resource, ns, name), undefined, `${resource}/${name} is gone`);
        }
        await waitFor(
          'pods and replica sets collected',
          () =>
            webPods().length === 0 &&
            s.list('replicasets.apps', ns).length === 0 &&
            !s.get('pods', ns, `${RELEASE}-db-0`),
        );
        assert.equal(releaseSecrets().length, 0);
        const list = JSON.parse(ok(await helm(['list', '-A', '-o', 'json'])).stdout) as unknown[];
        assert.equal(list.length, 0);
      });
    });
  }
});
