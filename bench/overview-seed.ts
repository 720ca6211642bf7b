// The sandbox side of bench:overview, run in its own process so the
// server's RSS and CPU are its own: N clusters, each with R/N releases of
// V revisions in helm's exact Secret format, and one Deployment per release
// (its controllers make the ReplicaSet and Pod) for health and for
// `kubectl get deploy,pods`.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { encodeReleaseSecretData } from '../lib/releases/release-secret';

export type TSeedShape = { clusters: string[]; perCluster: number; revisions: number };

export const nsOf = (cluster: string, first: string) =>
  cluster === first ? 'development' : cluster === 'staging' ? 'staging' : 'production';

// Every tenth release runs one chart version ahead in the first two clusters (drift to show).
const bump = (i: number, c: number) => (c < 2 && i % 10 === 0 ? 1 : 0);

type TReleaseJson = {
  info: Record<string, unknown>;
  chart: { metadata: Record<string, unknown> };
  manifest: string;
};

function releaseSecret(
  base: TReleaseJson,
  name: string,
  ns: string,
  rev: number,
  last: number,
  ahead: number,
) {
  const version = `1.${rev + (rev === last ? ahead : 0)}.0`;
  const status = rev === last ? 'deployed' : 'superseded';
  const at = new Date(Date.parse('2026-01-05T10:00:00Z') + rev * 3_600_000).toISOString();
  const release = {
    ...base,
    name,
    namespace: ns,
    version: rev,
    info: { ...base.info, status, last_deployed: at, description: `Upgrade complete` },
    chart: { ...base.chart, metadata: { ...base.chart.metadata, version, appVersion: version } },
    manifest: base.manifest
      .replaceAll('web-demo', `${name}-demo`)
      .replaceAll('nginx:1.2.3', `nginx:${version}`),
  };
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'helm.sh/release.v1',
    metadata: {
      name: `sh.helm.release.v1.${name}.v${rev}`,
      namespace: ns,
      labels: {
        owner: 'helm',
        name,
        status,
        version: String(rev),
        modifiedAt: String(Math.floor(Date.parse(at) / 1000)),
      },
    },
    data: { release: encodeReleaseSecretData(release) },
  };
}

function deployment(name: string, ns: string, image: string) {
  const labels = { 'app.kubernetes.io/instance': name, 'app.kubernetes.io/name': 'web' };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: `${name}-demo`,
      namespace: ns,
      labels: { ...labels, 'app.kubernetes.io/managed-by': 'Helm' },
      annotations: { 'meta.helm.sh/release-name': name, 'meta.helm.sh/release-namespace': ns },
    },
    spec: {
      replicas: 1,
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name: 'web', image }] } },
    },
  };
}

export async function seedChild(dir: string, shape: TSeedShape): Promise<void> {
  const { startSandbox } = await import('../sandbox/index');
  const sandbox = await startSandbox({
    clusters: shape.clusters,
    kubeconfigPath: path.join(dir, 'kubeconfig'),
  });
  const base: TReleaseJson = JSON.parse(
    readFileSync(
      new URL('../lib/releases/fixtures/helm4-install-web.json', import.meta.url),
      'utf8',
    ),
  );
  sandbox.clusters.forEach((c, ci) => {
    const ns = nsOf(c.name, shape.clusters[0]!);
    c.store.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    for (let i = 0; i < shape.perCluster; i++) {
      const name = `app-${i}`;
      for (let rev = 1; rev <= shape.revisions; rev++)
        c.store.create('secrets', releaseSecret(base, name, ns, rev, shape.revisions, bump(i, ci)));
      const version = `1.${shape.revisions + bump(i, ci)}.0`;
      c.store.create('deployments.apps', deployment(name, ns, `nginx:${version}`));
    }
  });
  process.send?.({ kubeconfig: sandbox.kubeconfigPath });
  const stop = async () => {
    await sandbox.stop();
    process.exit(0);
  };
  process.on('message', stop);
  // The bench was killed: do not outlive it.
  process.on('disconnect', stop);
}
