// A chart shaped like ingress-nginx with its defaults (admission webhook,
// its certificate hook Jobs and their RBAC, IngressClass) plus the other
// cluster-level kinds public charts install (PriorityClass, RuntimeClass,
// APIService, mutating webhook, ValidatingAdmissionPolicy and binding,
// EndpointSlice): install, upgrade, rollback and uninstall with real helm 4 and 3.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { KObject, Store, TSandbox } from '../index';
import { call, startTestSandbox, tempDir } from './helpers';
import { runHelm, type HelmResult } from './helm-run';

const CHART = path.resolve('sandbox/test/charts/ingress-like');
const VERSIONS = [
  { tool: 'helm', label: 'helm 4.1.4', cluster: 'helm4' },
  { tool: 'helm3', label: 'helm 3.17.3', cluster: 'helm3' },
] as const;

let sb: TSandbox;
let home = '';

function ok(result: HelmResult): HelmResult {
  assert.equal(result.code, 0, `helm failed:\n${result.stderr}\n${result.stdout}`);
  return result;
}

const GROUPS = [
  'admissionregistration.k8s.io/v1',
  'scheduling.k8s.io/v1',
  'apiregistration.k8s.io/v1',
  'node.k8s.io/v1',
  'discovery.k8s.io/v1',
];

describe(
  'charts shaped like public ones (ingress-nginx defaults) against the sandbox',
  { concurrency: 2 },
  () => {
    before(async () => {
      sb = await startTestSandbox(VERSIONS.map((v) => v.cluster));
      home = tempDir('public-charts-');
    });
    after(() => sb.stop());

    test('discovery serves the groups those charts need', async () => {
      const apis = await call(sb, 'GET', '/apis');
      const served = apis.json.groups.flatMap((g: any) =>
        g.versions.map((v: any) => v.groupVersion),
      );
      for (const gv of GROUPS) assert.ok(served.includes(gv), `${gv} in /apis`);
      const admission = await call(sb, 'GET', '/apis/admissionregistration.k8s.io/v1');
      assert.deepEqual(admission.json.resources.map((r: any) => r.name).sort(), [
        'mutatingwebhookconfigurations',
        'validatingadmissionpolicies',
        'validatingadmissionpolicies/status',
        'validatingadmissionpolicybindings',
        'validatingwebhookconfigurations',
      ]);
    });

    for (const v of VERSIONS) {
      test(`${v.label}: install, upgrade, rollback and uninstall`, async () => {
        const ns = 'ingress';
        const release = 'edge';
        const store = (): Store => sb.clusters.find((c) => c.name === v.cluster)!.store;
        const helm = (flags: string[], positionals: string[] = []) =>
          runHelm(
            {
              tool: v.tool,
              kubeconfig: sb.kubeconfigPath,
              context: v.cluster,
              home: path.join(home, v.cluster),
            },
            flags,
            positionals,
          );
        const webhook = () =>
          store().get(
            'validatingwebhookconfigurations.admissionregistration.k8s.io',
            undefined,
            `${release}-admission`,
          );
        const failurePolicy = () =>
          (webhook() as { webhooks?: Array<{ failurePolicy?: string }> } | undefined)?.webhooks?.[0]
            ?.failurePolicy;
        const hooksRan = async () => {
          const status = JSON.parse(
            ok(await helm(['status', '-n', ns, '-o', 'json'], [release])).stdout,
          );
          return (status.hooks as Array<{ name: string; last_run?: { phase?: string } }>)
            .filter(
              (h) => h.name.endsWith('-admission-create') || h.name.endsWith('-admission-patch'),
            )
            .map((h) => `${h.name} ${h.last_run?.phase}`)
            .sort();
        };
        const cluster = (resource: string, name: string): KObject | undefined =>
          store().get(resource, undefined, name);

        ok(
          await helm(
            ['install', '--wait', '--create-namespace', '-n', ns, '--timeout', '60s'],
            [release, CHART],
          ),
        );
        assert.equal(failurePolicy(), 'Fail');
        assert.ok(
          cluster(
            'mutatingwebhookconfigurations.admissionregistration.k8s.io',
            `${release}-defaults`,
          ),
        );
        assert.ok(
          cluster(
            'validatingadmissionpolicies.admissionregistration.k8s.io',
            `${release}-ingress-hosts`,
          ),
        );
        assert.ok(
          cluster(
            'validatingadmissionpolicybindings.admissionregistration.k8s.io',
            `${release}-ingress-hosts`,
          ),
        );
        assert.equal(
          cluster('priorityclasses.scheduling.k8s.io', `${release}-critical`)?.value,
          1000000,
        );
        assert.equal(cluster('runtimeclasses.node.k8s.io', `${release}-runc`)?.handler, 'runc');
        assert.ok(
          cluster('apiservices.apiregistration.k8s.io', `v1beta1.${release}.metrics.example.com`),
        );
        assert.ok(cluster('ingressclasses.networking.k8s.io', release));
        assert.ok(store().get('endpointslices.discovery.k8s.io', ns, `${release}-upstream-1`));
        // The Service controller's own slices are listed through the API too.
        const slices = await call(
          sb,
          'GET',
          `/apis/discovery.k8s.io/v1/namespaces/${ns}/endpointslices?labelSelector=kubernetes.io/service-name=${release}-controller`,
          {},
          VERSIONS.indexOf(v),
        );
        assert.equal(slices.json.items[0]?.endpoints?.[0]?.conditions?.ready, true, slices.text);
        assert.deepEqual(await hooksRan(), [
          `${release}-admission-create Succeeded`,
          `${release}-admission-patch Succeeded`,
        ]);
        // hook-succeeded: the hook Jobs and their RBAC are gone once they passed.
        assert.equal(store().get('jobs.batch', ns, `${release}-admission-create`), undefined);
        assert.equal(
          cluster('clusterroles.rbac.authorization.k8s.io', `${release}-admission`),
          undefined,
        );

        ok(
          await helm(
            [
              'upgrade',
              '--wait',
              '-n',
              ns,
              '--timeout',
              '60s',
              '--set',
              'admissionWebhooks.failurePolicy=Ignore',
              '--set',
              'controller.tag=v2',
            ],
            [release, CHART],
          ),
        );
        assert.equal(failurePolicy(), 'Ignore');
        assert.deepEqual(await hooksRan(), [
          `${release}-admission-create Succeeded`,
          `${release}-admission-patch Succeeded`,
        ]);

        ok(await helm(['rollback', '--wait', '-n', ns, '--timeout', '60s'], [release, '1']));
        assert.equal(failurePolicy(), 'Fail');
        const image = (store().get('deployments.apps', ns, `${release}-controller`)?.spec as any)
          .template.spec.containers[0].image;
        assert.equal(image, 'registry.example/ingress-controller:v1');

        ok(await helm(['uninstall', '--wait', '-n', ns, '--timeout', '60s'], [release]));
        assert.equal(webhook(), undefined);
        for (const [resource, name] of [
          ['priorityclasses.scheduling.k8s.io', `${release}-critical`],
          ['runtimeclasses.node.k8s.io', `${release}-runc`],
          ['apiservices.apiregistration.k8s.io', `v1beta1.${release}.metrics.example.com`],
          ['ingressclasses.networking.k8s.io', release],
          ['mutatingwebhookconfigurations.admissionregistration.k8s.io', `${release}-defaults`],
        ] as const)
          assert.equal(cluster(resource, name), undefined, `${resource} ${name} removed`);
        assert.equal(
          store().get('endpointslices.discovery.k8s.io', ns, `${release}-upstream-1`),
          undefined,
        );
      });
    }
  },
);
