// The environment helm runs in: its own config/cache/data homes under the
// Helmdeck data dir (so a user's ~/.config/helm repos and plugins never
// change what Helmdeck deploys), and only the variables helm needs, so
// DATABASE_URL and other secrets of the app never reach the child.
import path from 'node:path';
import { env } from '@/lib/env';

export function helmHomes(dataDir: string = env().HELMDECK_DATA_DIR): {
  HELM_CONFIG_HOME: string;
  HELM_CACHE_HOME: string;
  HELM_DATA_HOME: string;
} {
  const root = path.resolve(dataDir, 'helm');
  return {
    HELM_CONFIG_HOME: path.join(root, 'config'),
    HELM_CACHE_HOME: path.join(root, 'cache'),
    HELM_DATA_HOME: path.join(root, 'data'),
  };
}

/** Context name meaning "the service account Helmdeck runs as" rather than a kubeconfig entry. */
export const IN_CLUSTER_CONTEXT = 'in-cluster';

export function helmChildEnv(opts: { kubeContext?: string }): Record<string, string> {
  const e = env();
  const child: Record<string, string> = {
    PATH: e.PATH,
    ...helmHomes(),
    HELM_DEBUG: 'false',
    NO_COLOR: '1',
  };
  if (e.HOME) child.HOME = e.HOME;
  for (const key of ['HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY'] as const) {
    const value = e[key];
    if (value) child[key] = value;
  }
  if (e.KUBERNETES_SERVICE_HOST) child.KUBERNETES_SERVICE_HOST = e.KUBERNETES_SERVICE_HOST;
  if (e.KUBERNETES_SERVICE_PORT) child.KUBERNETES_SERVICE_PORT = e.KUBERNETES_SERVICE_PORT;
  // In-cluster, helm falls back to the service account only when no kubeconfig is set.
  if (e.KUBECONFIG && opts.kubeContext !== IN_CLUSTER_CONTEXT) child.KUBECONFIG = e.KUBECONFIG;
  return child;
}
