// Helmdeck's own chart with real helm 4 and helm 3: lint, render (each
// optional part on and off, the schema refusing bad values), and install and
// upgrade into a sandbox cluster.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { startSandbox, type TSandbox } from '../../sandbox/index';
import { parseConfig } from '@/lib/config';
import { bundledToolPath, inspectHelm, runHelm, type THelmBinary } from '@/lib/helm';

const CHART = path.resolve(import.meta.dirname, 'helmdeck');
const T = { timeout: 300_000 };
const dir = mkdtempSync(path.join(os.tmpdir(), 'helmdeck-chart-'));
let sandbox: TSandbox;
const helms: Record<'helm' | 'helm3', THelmBinary> = {} as never;

type TObject = {
  kind: string;
  metadata: { name: string; namespace?: string };
  spec?: Record<string, any>;
  data?: Record<string, string>;
};

before(async () => {
  helms.helm = await inspectHelm(bundledToolPath('helm'));
  helms.helm3 = await inspectHelm(bundledToolPath('helm3'));
  sandbox = await startSandbox({ clusters: ['ops'], kubeconfigPath: path.join(dir, 'kubeconfig') });
});
after(async () => {
  await sandbox?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function render(values: object = {}, helm = helms.helm): Promise<TObject[]> {
  const r = await runHelm(['template', 'hd', '--namespace=helmdeck', '--', CHART], {
    helm,
    timeoutMs: 60_000,
    values,
  });
  assert.equal(r.exitCode, 0, r.stderr);
  return parseAllDocuments(r.stdout)
    .map((d) => d.toJS() as TObject | null)
    .filter((o): o is TObject => o !== null);
}

async function refusal(values: object): Promise<string> {
  const r = await runHelm(['template', 'hd', '--', CHART], {
    helm: helms.helm,
    timeoutMs: 60_000,
    values,
  });
  assert.notEqual(r.exitCode, 0, 'helm rendered values it should refuse');
  return r.stderr;
}

const one = (objects: TObject[], kind: string) => {
  const found = objects.filter((o) => o.kind === kind);
  assert.equal(found.length, 1, `one ${kind}`);
  return found[0]!;
};
const container = (objects: TObject[]) =>
  one(objects, 'Deployment').spec!.template.spec.containers[0];

describe('the helmdeck chart', () => {
  for (const tool of ['helm', 'helm3'] as const)
    test(`${tool} lint passes`, T, async () => {
      const r = await runHelm(['lint', '--strict', '--', CHART], {
        helm: helms[tool],
        timeoutMs: 60_000,
      });
      assert.equal(r.exitCode, 0, `${r.stdout}${r.stderr}`);
    });

  test(
    'defaults: replicas behind a Service, probes on /api/health, secrets by reference, non-root, a PDB; no Ingress or ServiceMonitor',
    T,
    async () => {
      const objects = await render();
      assert.deepEqual(objects.map((o) => o.kind).sort(), [
        'ClusterRole',
        'ClusterRoleBinding',
        'ConfigMap',
        'Deployment',
        'PodDisruptionBudget',
        'Role',
        'RoleBinding',
        'Service',
        'ServiceAccount',
      ]);
      assert.equal(one(objects, 'Deployment').spec!.replicas, 2);
      const c = container(objects);
      assert.equal(c.livenessProbe.httpGet.path, '/api/health');
      assert.equal(c.readinessProbe.httpGet.path, '/api/health?probe=ready');
      const env = Object.fromEntries(c.env.map((e: { name: string }) => [e.name, e]));
      assert.deepEqual(env.DATABASE_URL.valueFrom.secretKeyRef, {
        name: 'helmdeck-database',
        key: 'url',
      });
      assert.deepEqual(env.BETTER_AUTH_SECRET.valueFrom.secretKeyRef, {
        name: 'helmdeck-auth',
        key: 'secret',
      });
      assert.equal(c.securityContext.readOnlyRootFilesystem, true);
      assert.equal(
        one(objects, 'Deployment').spec!.template.spec.securityContext.runAsNonRoot,
        true,
      );
    },
  );

  test("the ConfigMap's helmdeck.yaml passes Helmdeck's own configuration check", T, async () => {
    const config = { ...oneEnvironment('staging'), metricsEndpoint: { bearerToken: true } };
    const objects = await render({ config });
    const text = one(objects, 'ConfigMap').data!['helmdeck.yaml']!;
    const parsed = parseConfig(text, path.join(dir, 'helmdeck.yaml'));
    assert.deepEqual(
      parsed.environments.map((e) => e.namespace),
      ['staging'],
    );
    assert.equal(parsed.metricsEndpoint?.bearerToken, true);
  });

  test(
    'the service account gets helm’s rights in each in-cluster environment’s namespace, once',
    T,
    async () => {
      const config = {
        environments: [
          {
            name: 'staging',
            namespace: 'staging',
            clusters: [{ name: 'here', context: 'in-cluster' }],
          },
          {
            name: 'production',
            namespace: 'production',
            clusters: [
              { name: 'here', context: 'in-cluster' },
              { name: 'far', context: 'far' },
            ],
          },
          { name: 'remote', namespace: 'remote', clusters: [{ name: 'far', context: 'far' }] },
          {
            name: 'again',
            namespace: 'staging',
            clusters: [{ name: 'here2', context: 'in-cluster' }],
          },
        ],
      };
      const objects = await render({ config });
      const roles = objects.filter((o) => o.kind === 'Role').map((o) => o.metadata.namespace);
      assert.deepEqual(roles.sort(), ['production', 'staging']);
      const binding = objects.find((o) => o.kind === 'RoleBinding') as unknown as {
        subjects: object[];
      };
      assert.deepEqual(binding.subjects, [
        { kind: 'ServiceAccount', name: 'hd-helmdeck', namespace: 'helmdeck' },
      ]);
      const namespaces = one(objects, 'ClusterRole') as unknown as { rules: object[] };
      assert.deepEqual(namespaces.rules, [
        { apiGroups: [''], resources: ['namespaces'], verbs: ['get', 'list', 'watch'] },
      ]);
    },
  );

  test(
    'Ingress and a ServiceMonitor for /api/metrics with the bearer token, when asked for',
    T,
    async () => {
      const objects = await render({
        config: { ...oneEnvironment('staging'), metricsEndpoint: { bearerToken: true } },
        secrets: { metricsToken: { name: 'helmdeck-metrics', key: 'token' } },
        ingress: {
          enabled: true,
          className: 'nginx',
          hosts: [{ host: 'deck.example.com', paths: [{ path: '/', pathType: 'Prefix' }] }],
        },
        serviceMonitor: { enabled: true },
      });
      const rule = one(objects, 'Ingress').spec!.rules[0];
      assert.equal(rule.host, 'deck.example.com');
      assert.deepEqual(rule.http.paths[0].backend.service, {
        name: 'hd-helmdeck',
        port: { name: 'http' },
      });
      const [endpoint] = one(objects, 'ServiceMonitor').spec!.endpoints;
      assert.equal(endpoint.port, 'http');
      assert.equal(endpoint.path, '/api/metrics');
      assert.deepEqual(endpoint.authorization.credentials, {
        name: 'helmdeck-metrics',
        key: 'token',
      });
      const env = container(objects).env.map((e: { name: string }) => e.name);
      assert.ok(env.includes('HELMDECK_METRICS_TOKEN'));
    },
  );

  test(
    'with metrics on their own port, the pod, the Service and the ServiceMonitor use that port',
    T,
    async () => {
      const objects = await render({
        config: { ...oneEnvironment('staging'), metricsEndpoint: { port: 9464 } },
        serviceMonitor: { enabled: true },
      });
      assert.ok(
        container(objects).ports.some(
          (p: { name: string; containerPort: number }) =>
            p.name === 'metrics' && p.containerPort === 9464,
        ),
      );
      assert.ok(
        one(objects, 'Service').spec!.ports.some((p: { name: string }) => p.name === 'metrics'),
      );
      const [endpoint] = one(objects, 'ServiceMonitor').spec!.endpoints;
      assert.deepEqual(
        [endpoint.port, endpoint.path, endpoint.authorization],
        ['metrics', '/metrics', undefined],
      );
    },
  );

  test(
    'bad values are refused naming the field (values.schema.json) or the missing setting',
    T,
    async () => {
      assert.match(await refusal({ replicaCount: 'two' }), /replicaCount/);
      assert.match(await refusal({ secrets: { databaseUrl: { name: '' } } }), /databaseUrl/);
      assert.match(await refusal({ config: { environments: [] } }), /environments/);
      assert.match(await refusal({ serviceMonitor: { enabled: true } }), /config\.metricsEndpoint/);
    },
  );

  for (const tool of ['helm', 'helm3'] as const)
    test(
      `${tool} installs the chart into a sandbox cluster, upgrades it to 3 replicas and a new helmdeck.yaml, and its service account may run helm only in the release namespace`,
      T,
      async () => {
        const ns = `helmdeck-${tool}`;
        const releaseNs = `apps-${tool}`;
        const release = `helmdeck-${tool}`; // cluster-scoped objects are per release
        await kubectl('create', 'namespace', releaseNs);
        const at = {
          helm: helms[tool],
          kubeconfig: sandbox.kubeconfigPath,
          kubeContext: 'ops',
          namespace: ns,
          timeoutMs: 180_000,
        };
        const values = (replicaCount: number, environment: string) => ({
          replicaCount,
          config: {
            environments: [
              {
                name: environment,
                namespace: releaseNs,
                clusters: [{ name: 'ops', context: 'in-cluster' }],
              },
            ],
          },
        });
        const install = await runHelm(
          [
            'upgrade',
            '--install',
            '--create-namespace',
            '--wait',
            '--timeout=120s',
            '--',
            release,
            CHART,
          ],
          { ...at, values: values(2, 'staging') },
        );
        assert.equal(install.exitCode, 0, install.stderr);
        const upgrade = await runHelm(
          ['upgrade', '--wait', '--timeout=120s', '--', release, CHART],
          { ...at, values: values(3, 'production') },
        );
        assert.equal(upgrade.exitCode, 0, upgrade.stderr);

        const deployment = JSON.parse(
          await kubectl('-n', ns, 'get', 'deployment', release, '-o', 'json'),
        );
        assert.equal(deployment.spec.replicas, 3);
        assert.equal(deployment.status.readyReplicas, 3);
        const cm = JSON.parse(await kubectl('-n', ns, 'get', 'configmap', release, '-o', 'json'));
        assert.match(cm.data['helmdeck.yaml'], /name: production/);
        const role = JSON.parse(
          await kubectl('-n', releaseNs, 'get', 'role', `${release}-helm`, '-o', 'json'),
        );
        assert.equal(role.metadata.namespace, releaseNs);
        const history = await runHelm(['history', '--output=json', '--', release], at);
        assert.deepEqual(
          (JSON.parse(history.stdout) as { revision: number; status: string }[]).map((h) => [
            h.revision,
            h.status,
          ]),
          [
            [1, 'superseded'],
            [2, 'deployed'],
          ],
        );

        // As the chart's service account (the sandbox authorises it with RBAC), helm may
        // install a chart into the release namespace, and nowhere else.
        const asHelmdeck = `--kube-as-user=system:serviceaccount:${ns}:${release}`;
        const demo = path.resolve('examples/charts/alpha-members');
        const allowed = await runHelm(
          ['install', asHelmdeck, '--wait', '--timeout=60s', '--', 'alpha-members', demo],
          { ...at, namespace: releaseNs },
        );
        assert.equal(allowed.exitCode, 0, allowed.stderr);
        const elsewhere = `other-${tool}`;
        await kubectl('create', 'namespace', elsewhere);
        const refused = await runHelm(
          ['install', asHelmdeck, '--timeout=60s', '--', 'alpha-members', demo],
          { ...at, namespace: elsewhere },
        );
        assert.notEqual(refused.exitCode, 0);
        assert.ok(
          refused.stderr.includes(`User "system:serviceaccount:${ns}:${release}" cannot`),
          refused.stderr,
        );
      },
    );
});

function oneEnvironment(namespace: string) {
  return {
    environments: [
      { name: namespace, namespace, clusters: [{ name: 'here', context: 'in-cluster' }] },
    ],
  };
}

async function kubectl(...args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(
    bundledToolPath('kubectl'),
    [`--kubeconfig=${sandbox.kubeconfigPath}`, '--context=ops', ...args],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  return stdout;
}
