// The kubeconfig the sandbox hands out: one cluster, user and context per
// sandbox cluster (context name = cluster name), the sandbox CA as
// certificate-authority-data and a bearer token per user. Nothing in it
// would be out of place for a real cluster.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';

export interface TKubeconfigCluster {
  name: string;
  url: string;
  token: string;
}

export function buildKubeconfig(clusters: TKubeconfigCluster[], caCertPem: string): string {
  const caData = Buffer.from(caCertPem).toString('base64');
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    preferences: {},
    'current-context': clusters[0]?.name ?? '',
    clusters: clusters.map((c) => ({
      name: c.name,
      cluster: { server: c.url, 'certificate-authority-data': caData },
    })),
    users: clusters.map((c) => ({ name: `${c.name}-admin`, user: { token: c.token } })),
    contexts: clusters.map((c) => ({
      name: c.name,
      context: { cluster: c.name, user: `${c.name}-admin`, namespace: 'default' },
    })),
  };
  return stringify(config);
}

/** Writes atomically with owner-only permissions (it holds tokens). */
export function writeKubeconfig(file: string, content: string): void {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, content, { mode: 0o600 });
  renameSync(tmp, file);
}
